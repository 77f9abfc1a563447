import { Redis } from "ioredis";
import { resetMoto } from "../../test/aws/admin.ts";
import { aws, redis } from "../../test/env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool } from "../../test/support/aws-environment.ts";
import { loadServerConfig, tableVariables, type ServerConfig } from "../config.ts";
import { createDocumentClient } from "../dynamo.ts";

export const TEST_JWT_SECRET = "test-secret-for-hs256-tokens-0123456789";

/** Fresh moto account and Redis db, with the three tables built by the controller's own code. */
export async function prepareBackends(name: string): Promise<{ config: ServerConfig; env: Record<string, string> }> {
  const target = aws();
  await resetMoto(target.endpoint);
  const { url } = redis();
  const flush = new Redis(url);
  await flush.flushdb();
  flush.disconnect();
  const result = await convergeFully(testPool(target), loadEnvironment(coreManifest(name, await createNetwork(target))));
  const env = {
    REDIS_URL: url,
    AWS_REGION: target.region,
    AWS_ENDPOINT_URL: target.endpoint,
    AWS_ACCESS_KEY_ID: target.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: target.credentials.secretAccessKey,
    ...tableVariables(result.outputs.tables),
    JWT_SECRET: TEST_JWT_SECRET,
    PORT: "0",
  };
  return { config: loadServerConfig(env), env };
}

export function testDocumentClient(config: ServerConfig) {
  return createDocumentClient(config.aws, aws().credentials);
}
