import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startRedis, type RedisService } from "../../test/env/redis.ts";
import { prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

let redisService: RedisService | undefined;
let server: ServerProcess | undefined;
let port: number;
let env: Record<string, string>;

beforeAll(async () => {
  ({ env } = await prepareBackends("faults"));
  redisService = await startRedis();
  port = redisService.port;
});
afterAll(async () => {
  await stopServerProcess(server);
  await redisService?.stop();
});

async function readiness(): Promise<{ status: number; body: { redis: boolean } }> {
  const response = await fetch(`${server!.endpoint}/ready`);
  return { status: response.status, body: (await response.json()) as { redis: boolean } };
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("Redis restarting", () => {
  it("does not crash the process: /ready goes 503 and back to 200, /health stays 200", async () => {
    server = await startServerProcess({ ...env, REDIS_URL: `${redisService!.url}/0` });
    expect((await readiness()).status).toBe(200);
    await redisService!.stop();
    await eventually(async () => (await readiness()).status === 503);
    expect((await readiness()).body.redis).toBe(false);
    expect((await fetch(`${server.endpoint}/health`)).status).toBe(200);
    redisService = await startRedis({ port });
    await eventually(async () => (await readiness()).status === 200, 20_000);
    expect(server.child.exitCode).toBeNull();
  });
});
