import { describe, expect, it } from "vitest";
import { ConfigError, loadServerConfig } from "../config.ts";

const valid = {
  REDIS_URL: "redis://127.0.0.1:6379/0",
  AWS_REGION: "us-east-1",
  TABLE_USERS: "arena-users",
  TABLE_GAME_HISTORY: "arena-game-history",
  TABLE_GAME_STATE: "arena-game-state",
  JWT_SECRET: "a-development-secret-0123",
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    loadServerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadServerConfig", () => {
  it("reads a complete environment with defaults", () => {
    const config = loadServerConfig(valid);
    expect(config.port).toBe(2567);
    expect(config.redis).toEqual({ url: valid.REDIS_URL, tls: false, authMode: "none", cluster: false });
    expect(config.tables).toEqual({ users: "arena-users", gameHistory: "arena-game-history", gameState: "arena-game-state" });
    expect(config.auth).toEqual({ kind: "hs256", secret: valid.JWT_SECRET, devTokens: false });
    expect(config.advertise).toEqual({ address: "127.0.0.1:2567" });
    expect(config.environment).toBe("local");
    expect(config.aws.endpoint).toBeUndefined();
    expect(config.sessionTtlMs).toBe(1_800_000);
  });

  it("reads REDIS_CLUSTER, and refuses a database number with it, since a Redis Cluster has only database 0", () => {
    const seed = "redis://cluster.example:6379";
    expect(loadServerConfig({ ...valid, REDIS_URL: seed, REDIS_CLUSTER: "true" }).redis).toEqual({ url: seed, tls: false, authMode: "none", cluster: true });
    expect(loadServerConfig({ ...valid, REDIS_URL: `${seed}/0`, REDIS_CLUSTER: "true" }).redis.cluster).toBe(true);
    expect(problemsOf({ ...valid, REDIS_URL: `${seed}/3`, REDIS_CLUSTER: "true" })).toEqual([
      `REDIS_URL="${seed}/3" names database 3, but REDIS_CLUSTER=true and a Redis Cluster has only database 0: drop the /3 from the URL`,
    ]);
    expect(problemsOf({ ...valid, REDIS_CLUSTER: "maybe" })).toEqual(['REDIS_CLUSTER="maybe" is not a boolean: use true or false']);
  });

  it("needs the session TTL to span three checkpoints, since rooms refresh sessions at checkpoints", () => {
    expect(problemsOf({ ...valid, SESSION_TTL_MS: "5000", CHECKPOINT_INTERVAL_MS: "2000" })).toEqual([
      expect.stringMatching(/^SESSION_TTL_MS=5000 is shorter than three checkpoint intervals .*raise SESSION_TTL_MS or lower CHECKPOINT_INTERVAL_MS$/),
    ]);
    expect(loadServerConfig({ ...valid, SESSION_TTL_MS: "6000", CHECKPOINT_INTERVAL_MS: "2000" }).sessionTtlMs).toBe(6000);
  });

  it("hands out development tokens only in explicit development mode, never with NODE_ENV=production (issue 14, defect 1)", () => {
    expect(loadServerConfig({ ...valid, NODE_ENV: "production" }).auth).toEqual({ kind: "hs256", secret: valid.JWT_SECRET, devTokens: false });
    expect(loadServerConfig({ ...valid, GAME_DEV_TOKENS: "true" }).auth).toEqual({ kind: "hs256", secret: valid.JWT_SECRET, devTokens: true });
    expect(problemsOf({ ...valid, GAME_DEV_TOKENS: "true", NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^GAME_DEV_TOKENS=true is refused with NODE_ENV=production: .*unset GAME_DEV_TOKENS/),
    ]);
    expect(problemsOf({ ...valid, JWT_SECRET: undefined, COGNITO_USER_POOL_ID: "us-east-1_Pool1", COGNITO_CLIENT_ID: "c", GAME_DEV_TOKENS: "true" })).toEqual([
      expect.stringMatching(/^GAME_DEV_TOKENS=true needs JWT_SECRET/),
    ]);
  });

  it("auto-confirms sign-ups under NODE_ENV=production when the manifest's pool sends no code (the manifest is the opt-in), never without a pool (issue 16)", () => {
    const pool = { ...valid, JWT_SECRET: undefined, COGNITO_USER_POOL_ID: "us-east-1_Pool1", COGNITO_CLIENT_ID: "c" };
    // The image sets NODE_ENV=production; dev.yaml's pool (verifyEmail: false) makes the controller set COGNITO_AUTO_CONFIRM=true.
    expect(loadServerConfig({ ...pool, COGNITO_AUTO_CONFIRM: "true", NODE_ENV: "production" }).auth).toEqual({ kind: "cognito", userPoolId: "us-east-1_Pool1", clientId: "c", autoConfirm: true });
    expect(problemsOf({ ...valid, COGNITO_AUTO_CONFIRM: "true", NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^COGNITO_AUTO_CONFIRM set without a user pool: set COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID/),
    ]);
    expect(problemsOf({ ...pool, COGNITO_AUTO_CONFIRM: "true", GAME_DEV_TOKENS: "true", NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^GAME_DEV_TOKENS=true needs JWT_SECRET/),
    ]);
  });

  it("reports each missing variable by name, all at once", () => {
    const problems = problemsOf({});
    for (const name of ["REDIS_URL", "AWS_REGION", "TABLE_USERS", "TABLE_GAME_HISTORY", "TABLE_GAME_STATE", "JWT_SECRET"]) {
      expect(problems.some((p) => p.startsWith(`${name} is not set`))).toBe(true);
    }
  });

  it("rejects bad values with the fix", () => {
    const problems = problemsOf({
      ...valid, REDIS_URL: "http://x", REDIS_TLS: "maybe", REDIS_AUTH_MODE: "password", PORT: "99999",
      AWS_ENDPOINT_URL: "localhost:5000", TABLE_USERS: "a b", ADVERTISE_ADDRESS: "nohost",
    });
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringContaining("REDIS_URL="), expect.stringContaining("REDIS_TLS="), expect.stringContaining("REDIS_AUTH_MODE="),
      expect.stringContaining("PORT="), expect.stringContaining("AWS_ENDPOINT_URL="), expect.stringContaining("TABLE_USERS="),
      expect.stringContaining("ADVERTISE_ADDRESS="),
    ]));
  });

  it("takes IAM auth for Redis over TLS, with the user and the cache name the token is signed for", () => {
    const config = loadServerConfig({ ...valid, REDIS_URL: "rediss://cache:6379", REDIS_AUTH_MODE: "iam", REDIS_USER: "game-server", REDIS_CACHE_NAME: "arena-redis" });
    expect(config.redis).toEqual({ url: "rediss://cache:6379", tls: true, authMode: "iam", user: "game-server", cacheName: "arena-redis", cluster: false });
  });

  it("refuses IAM auth without TLS or without the user and cache name, naming the variables", () => {
    expect(problemsOf({ ...valid, REDIS_AUTH_MODE: "iam", REDIS_USER: "game-server", REDIS_CACHE_NAME: "arena-redis" })).toEqual([
      expect.stringMatching(/^REDIS_AUTH_MODE=iam needs TLS: .*REDIS_TLS=true.*rediss:\/\//),
    ]);
    expect(problemsOf({ ...valid, REDIS_AUTH_MODE: "iam", REDIS_TLS: "true" })).toEqual([
      expect.stringMatching(/^REDIS_USER is not set: REDIS_AUTH_MODE=iam/), expect.stringMatching(/^REDIS_CACHE_NAME is not set: REDIS_AUTH_MODE=iam/),
    ]);
    expect(problemsOf({ ...valid, REDIS_AUTH_MODE: "iam", REDIS_TLS: "true", REDIS_USER: "a b", REDIS_CACHE_NAME: "Not/A/Name" })).toEqual([
      expect.stringContaining("REDIS_USER="), expect.stringContaining("REDIS_CACHE_NAME="),
    ]);
  });

  it("reads the environment's key for the metrics' Environment dimension, and checks it", () => {
    expect(loadServerConfig({ ...valid, GAMECTL_ENVIRONMENT: "games/arena-prod" }).environment).toBe("games/arena-prod");
    expect(problemsOf({ ...valid, GAMECTL_ENVIRONMENT: "games/arena prod" })).toEqual([expect.stringMatching(/^GAMECTL_ENVIRONMENT=.* namespace\/name/)]);
    expect(problemsOf({ ...valid, GAMECTL_ENVIRONMENT: "x".repeat(256) })).toEqual([expect.stringMatching(/^GAMECTL_ENVIRONMENT=.*255/)]);
  });

  it("advertises the task's private address on ECS unless ADVERTISE_ADDRESS says otherwise", () => {
    const metadataUri = "http://169.254.170.2/v4/0123456789abcdef-1111111111";
    expect(loadServerConfig({ ...valid, ECS_CONTAINER_METADATA_URI_V4: metadataUri }).advertise).toEqual({ ecsMetadataUri: metadataUri });
    expect(loadServerConfig({ ...valid, ECS_CONTAINER_METADATA_URI_V4: metadataUri, ADVERTISE_ADDRESS: "10.0.0.5:2567" }).advertise).toEqual({ address: "10.0.0.5:2567" });
    expect(problemsOf({ ...valid, ECS_CONTAINER_METADATA_URI_V4: "not a url" })).toEqual([expect.stringContaining("ECS_CONTAINER_METADATA_URI_V4=")]);
  });

  it("needs a token for token auth and both Cognito ids", () => {
    expect(problemsOf({ ...valid, REDIS_AUTH_MODE: "token" })).toEqual([expect.stringContaining("REDIS_AUTH_TOKEN is not set")]);
    expect(problemsOf({ ...valid, COGNITO_USER_POOL_ID: "us-east-1_Abc123" })).toEqual([expect.stringContaining("COGNITO_CLIENT_ID is not set")]);
    const cognito = loadServerConfig({ ...valid, JWT_SECRET: undefined, COGNITO_USER_POOL_ID: "us-east-1_Abc123", COGNITO_CLIENT_ID: "client" });
    expect(cognito.auth).toEqual({ kind: "cognito", userPoolId: "us-east-1_Abc123", clientId: "client" });
  });

  it("turns TLS on for rediss:// and reads the endpoint", () => {
    const config = loadServerConfig({ ...valid, REDIS_URL: "rediss://cache:6379", AWS_ENDPOINT_URL: "http://127.0.0.1:5000", PORT: "0" });
    expect(config.redis.tls).toBe(true);
    expect(config.aws.endpoint).toBe("http://127.0.0.1:5000");
    expect(config.port).toBe(0);
  });
});
