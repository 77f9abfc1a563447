import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Redis } from "ioredis";
import { resetMoto } from "../../test/aws/admin.ts";
import { aws, redis } from "../../test/env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../../test/support/aws-environment.ts";
import { leaderboardIndex } from "../../src/contract/game-server.ts";
import { loadServerConfig, tableVariables, type ServerConfig } from "../config.ts";
import { createDocumentClient } from "../dynamo.ts";

export const TEST_JWT_SECRET = "test-secret-for-hs256-tokens-0123456789";

/**
 * The tables as an environment that deploys this server declares them: the core manifest's, with the
 * users table carrying the leaderboard index the contract asks for (projecting what the server reads).
 */
export function gameServerTables(network: TestNetwork): Record<string, unknown> {
  const core = (coreManifest("tables", network).spec as { dynamodb: { tables: Record<string, unknown>[] } }).dynamodb;
  const keys = new Set(["playerId", leaderboardIndex.partitionKey.name, leaderboardIndex.sortKey?.name]);
  const byRating = {
    name: leaderboardIndex.index, partitionKey: leaderboardIndex.partitionKey,
    ...(leaderboardIndex.sortKey ? { sortKey: leaderboardIndex.sortKey } : {}),
    projection: "INCLUDE", nonKeyAttributes: leaderboardIndex.reads.filter((name) => !keys.has(name)),
  };
  return {
    ...core,
    tables: core.tables.map((table) => (table.name === leaderboardIndex.table ? { ...table, globalSecondaryIndexes: [byRating] } : table)),
  };
}

/** Fresh moto account and Redis db, with the three tables built by the controller's own code. */
export async function prepareBackends(name: string): Promise<{ config: ServerConfig; env: Record<string, string> }> {
  const target = aws();
  await resetMoto(target.endpoint);
  const { url } = redis();
  const flush = new Redis(url);
  await flush.flushdb();
  flush.disconnect();
  const network = await createNetwork(target);
  const result = await convergeFully(testPool(target), loadEnvironment(coreManifest(name, network, { dynamodb: gameServerTables(network) })));
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

/**
 * A player's games through game-history's by-player index, newest first: how tests check what the server
 * wrote. The server itself never reads this index, so the query lives here and not in its repositories.
 */
export async function gamesOfPlayer(config: ServerConfig, playerId: string, limit = 20): Promise<Record<string, unknown>[]> {
  const db = testDocumentClient(config);
  try {
    const response = await db.send(new QueryCommand({
      TableName: config.tables.gameHistory, IndexName: "by-player", KeyConditionExpression: "playerId = :p",
      ExpressionAttributeValues: { ":p": playerId }, ScanIndexForward: false, Limit: limit,
    }));
    return response.Items ?? [];
  } finally {
    db.destroy();
  }
}
