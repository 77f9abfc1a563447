/** The game server's configuration, read from environment variables that match the controller's outputs. */

import { cognitoServerVariables as cognitoVariables, serverVariables } from "../src/contract/game-server.ts";

export type RedisAuthMode = "none" | "token" | "iam";

/**
 * Where this process's private address (for the relay) comes from: given outright, or on ECS read at start
 * from the task metadata endpoint, since a Fargate task's IP is known only once it runs.
 */
export type AdvertiseSource = { address: string } | { ecsMetadataUri: string };

export type AuthConfig =
  /**
   * devTokens: /dev-token hands out tokens for any name (GAME_DEV_TOKENS=true, development only). Without it HS256
   * tokens still verify, signed by whoever holds JWT_SECRET (tests, a trusted issuer), but the server mints none.
   */
  | { kind: "hs256"; secret: string; devTokens?: boolean }
  | CognitoAuthConfig;

/**
 * Players sign up and sign in with a Cognito user pool's public app client (no secret); joins carry its ID token.
 * jwksUri and issuer default to the pool's own (https://cognito-idp.<region>.amazonaws.com/<pool>); they are set only
 * for an emulator that serves the keys or issues tokens elsewhere. autoConfirm: the server confirms each sign-up itself
 * (AdminConfirmSignUp, for pools that send no code); otherwise the pool's code confirms it. It is accepted under
 * NODE_ENV=production: the controller sets it only for a manifest whose pool sends no code (verifyEmail: false), so the
 * manifest is the opt-in, and the task role holds AdminConfirmSignUp only then. The server warns at start.
 */
export interface CognitoAuthConfig {
  kind: "cognito";
  userPoolId: string;
  clientId: string;
  jwksUri?: string;
  issuer?: string;
  autoConfirm?: boolean;
}

export interface ServerConfig {
  redis: {
    url: string; tls: boolean; authMode: RedisAuthMode; authToken?: string;
    /** authMode iam: the ElastiCache user the token is for, and the replication group id (the signed request's host). */
    user?: string; cacheName?: string;
    /** A Redis Cluster (ElastiCache with more than one shard), reached through the seed node in url. */
    cluster: boolean;
  };
  aws: { region: string; endpoint?: string };
  tables: { users: string; gameHistory: string; gameState: string };
  port: number;
  /** The private address other processes use to reach this one through the relay. */
  advertise: AdvertiseSource;
  /** The environment's key (namespace/name): the Environment dimension of every metric. */
  environment: string;
  auth: AuthConfig;
  /** Match length in milliseconds. */
  matchDurationMs: number;
  /** How often a room writes its state to the game-state table. */
  checkpointIntervalMs: number;
  /** How long a session outlives its last update; seated players' sessions are refreshed at checkpoints. */
  sessionTtlMs: number;
  /** Bounds on rooms: what a client may create, what one process holds, and how long an empty room waits for its players. */
  rooms: RoomLimits;
}

export interface RoomLimits {
  /** Arena rooms (rated or not, restores excepted) this process holds at most: past it, creations are refused. */
  maxPerProcess: number;
  /** Unrated rooms one player may create in a minute (client create/joinOrCreate); rated rooms come from the queue only. */
  createsPerMinute: number;
  /** How long a room with nobody seated waits for a player before it is disposed as abandoned (not recorded). */
  emptyGraceMs: number;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid game server configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

/** A condition found while starting (after the variables loaded) that the operator must fix; the message names it and the fix. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}

type Env = Record<string, string | undefined>;

/** Validates every variable and reports all problems at once, each naming the variable and the fix. */
export function loadServerConfig(env: Env): ServerConfig {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const required = (name: string, hint: string): string => {
    const value = text(name);
    if (value === undefined) problems.push(`${name} is not set: ${hint}`);
    return value ?? "";
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const value = text(name);
    if (value === undefined) return fallback;
    if (/^(true|1|yes)$/i.test(value)) return true;
    if (/^(false|0|no)$/i.test(value)) return false;
    problems.push(`${name}=${JSON.stringify(value)} is not a boolean: use true or false`);
    return fallback;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const value = text(name);
    if (value === undefined) return fallback;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      problems.push(`${name}=${JSON.stringify(value)} is not an integer in ${min}..${max}`);
      return fallback;
    }
    return parsed;
  };

  const redisUrl = required("REDIS_URL", "set it to the redis:// or rediss:// address (the environment's redis endpoint output)");
  if (redisUrl && !/^rediss?:\/\/[^\s]+$/.test(redisUrl)) {
    problems.push(`REDIS_URL=${JSON.stringify(redisUrl)} is not a redis:// or rediss:// URL`);
  }
  const tls = bool("REDIS_TLS", redisUrl.startsWith("rediss://"));
  const authModeText = text("REDIS_AUTH_MODE") ?? "none";
  let authMode: RedisAuthMode = "none";
  if (authModeText === "none" || authModeText === "token" || authModeText === "iam") authMode = authModeText;
  else problems.push(`REDIS_AUTH_MODE=${JSON.stringify(authModeText)} is not one of none, token, iam`);
  const authToken = text("REDIS_AUTH_TOKEN");
  if (authMode === "token" && authToken === undefined) {
    problems.push("REDIS_AUTH_TOKEN is not set: REDIS_AUTH_MODE=token needs the Redis AUTH token");
  }
  let user: string | undefined;
  let cacheName: string | undefined;
  if (authMode === "iam") {
    // ElastiCache accepts IAM authentication only over in-transit encryption: without TLS every AUTH would fail.
    if (!tls) problems.push("REDIS_AUTH_MODE=iam needs TLS: set REDIS_TLS=true or use a rediss:// REDIS_URL (IAM authentication requires in-transit encryption)");
    user = text("REDIS_USER");
    cacheName = text("REDIS_CACHE_NAME");
    if (user === undefined) problems.push("REDIS_USER is not set: REDIS_AUTH_MODE=iam needs the ElastiCache user id the token is signed for");
    else if (!/^[A-Za-z0-9_-]{1,128}$/.test(user)) problems.push(`REDIS_USER=${JSON.stringify(user)} is not an ElastiCache user id (letters, digits, _ and -)`);
    if (cacheName === undefined) problems.push("REDIS_CACHE_NAME is not set: REDIS_AUTH_MODE=iam needs the replication group id (the environment's redis output)");
    else if (!/^[a-z][a-z0-9-]{0,39}$/.test(cacheName)) problems.push(`REDIS_CACHE_NAME=${JSON.stringify(cacheName)} is not a replication group id (lowercase letters, digits and -, starting with a letter, at most 40)`);
  }

  const cluster = bool(serverVariables.redisCluster, false);
  // A cluster has only database 0 (SELECT fails): a database in the URL would be silently ignored.
  const database = /^rediss?:\/\/[^/]+\/(\d+)\/?$/.exec(redisUrl)?.[1];
  if (cluster && database !== undefined && database !== "0") {
    problems.push(`REDIS_URL=${JSON.stringify(redisUrl)} names database ${database}, but ${serverVariables.redisCluster}=true and a Redis Cluster has only database 0: drop the /${database} from the URL`);
  }

  const region = required("AWS_REGION", "set it to the environment's region, e.g. us-east-1");
  if (region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
    problems.push(`AWS_REGION=${JSON.stringify(region)} is not a region name like us-east-1`);
  }
  const endpoint = text("AWS_ENDPOINT_URL");
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint)) {
    problems.push(`AWS_ENDPOINT_URL=${JSON.stringify(endpoint)} is not an http(s) URL`);
  }

  const tableHint = (logical: string) => `set it to the physical name of the "${logical}" table (the environment's tables.${logical}.name output)`;
  const users = required("TABLE_USERS", tableHint("users"));
  const gameHistory = required("TABLE_GAME_HISTORY", tableHint("game-history"));
  const gameState = required("TABLE_GAME_STATE", tableHint("game-state"));
  for (const [name, value] of [["TABLE_USERS", users], ["TABLE_GAME_HISTORY", gameHistory], ["TABLE_GAME_STATE", gameState]] as const) {
    if (value && !/^[A-Za-z0-9_.-]{3,255}$/.test(value)) {
      problems.push(`${name}=${JSON.stringify(value)} is not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ . -)`);
    }
  }

  const port = integer("PORT", 2567, 0, 65535);
  const advertiseAddress = text("ADVERTISE_ADDRESS");
  const ecsMetadataUri = text("ECS_CONTAINER_METADATA_URI_V4");
  let advertise: AdvertiseSource = { address: advertiseAddress ?? `127.0.0.1:${port}` };
  if (advertiseAddress !== undefined && !/^[^\s:/]+:\d{1,5}$/.test(advertiseAddress)) {
    problems.push(`ADVERTISE_ADDRESS=${JSON.stringify(advertiseAddress)} is not host:port (the private address other processes reach this one at)`);
  } else if (advertiseAddress === undefined && ecsMetadataUri !== undefined) {
    // On ECS the loopback default would send every relayed join to the relaying task itself.
    if (/^https?:\/\/[^\s]+$/.test(ecsMetadataUri)) advertise = { ecsMetadataUri };
    else problems.push(`ECS_CONTAINER_METADATA_URI_V4=${JSON.stringify(ecsMetadataUri)} is not an http(s) URL: it is set by the ECS agent; unset it or set ADVERTISE_ADDRESS`);
  }

  const environment = text("GAMECTL_ENVIRONMENT") ?? "local";
  if (environment.length > 255 || /\s/.test(environment)) {
    problems.push(`GAMECTL_ENVIRONMENT=${JSON.stringify(environment.length > 40 ? `${environment.slice(0, 40)}...` : environment)} is not an environment key: use namespace/name, at most 255 characters, without whitespace`);
  }

  const secret = text("JWT_SECRET");
  const userPoolId = text(cognitoVariables.cognitoUserPoolId);
  const clientId = text(cognitoVariables.cognitoClientId);
  const devTokens = bool("GAME_DEV_TOKENS", false);
  const jwksUri = text(cognitoVariables.cognitoJwksUri);
  const issuer = text(cognitoVariables.cognitoIssuer);
  const autoConfirm = bool(cognitoVariables.cognitoAutoConfirm, false);
  for (const [name, value] of [[cognitoVariables.cognitoJwksUri, jwksUri], [cognitoVariables.cognitoIssuer, issuer]] as const) {
    if (value !== undefined && !/^https?:\/\/[^\s]+$/.test(value)) problems.push(`${name}=${JSON.stringify(value)} is not an http(s) URL: unset it to use the user pool's own`);
  }
  if ((jwksUri !== undefined || issuer !== undefined || autoConfirm) && userPoolId === undefined && clientId === undefined) {
    problems.push(`${[jwksUri !== undefined && cognitoVariables.cognitoJwksUri, issuer !== undefined && cognitoVariables.cognitoIssuer, autoConfirm && cognitoVariables.cognitoAutoConfirm].filter(Boolean).join(", ")} set without a user pool: set ${cognitoVariables.cognitoUserPoolId} and ${cognitoVariables.cognitoClientId}, or unset them`);
  }
  let auth: AuthConfig = { kind: "hs256", secret: "", devTokens: false };
  if (userPoolId !== undefined || clientId !== undefined) {
    if (userPoolId === undefined) problems.push("COGNITO_USER_POOL_ID is not set: COGNITO_CLIENT_ID needs the user pool id too");
    else if (!/^[a-z]{2}(-[a-z]+)+-\d+_[A-Za-z0-9]+$/.test(userPoolId)) {
      problems.push(`COGNITO_USER_POOL_ID=${JSON.stringify(userPoolId)} is not a user pool id like us-east-1_AbC123`);
    }
    if (clientId === undefined) problems.push("COGNITO_CLIENT_ID is not set: COGNITO_USER_POOL_ID needs the app client id too");
    auth = {
      kind: "cognito", userPoolId: userPoolId ?? "", clientId: clientId ?? "",
      ...(jwksUri !== undefined ? { jwksUri } : {}), ...(issuer !== undefined ? { issuer } : {}), ...(autoConfirm ? { autoConfirm } : {}),
    };
  } else if (secret === undefined) {
    problems.push("JWT_SECRET is not set: set it (HS256, local development) or set COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID");
  } else if (secret.length < 16) {
    problems.push("JWT_SECRET is shorter than 16 characters: use a longer secret");
  } else {
    auth = { kind: "hs256", secret, devTokens };
  }
  if (devTokens && auth.kind === "cognito") {
    problems.push("GAME_DEV_TOKENS=true needs JWT_SECRET and no Cognito: development tokens are HS256; unset GAME_DEV_TOKENS (players sign in with Cognito)");
  } else if (devTokens && text("NODE_ENV") === "production") {
    // Anyone could mint accounts and impersonate dev-* players: a production process must never hand out tokens.
    problems.push("GAME_DEV_TOKENS=true is refused with NODE_ENV=production: /dev-token would sign in anyone as anyone; unset GAME_DEV_TOKENS (use Cognito) or unset NODE_ENV for local development");
  }

  const matchDurationMs = integer("MATCH_DURATION_MS", 120_000, 1_000, 3_600_000);
  const checkpointIntervalMs = integer("CHECKPOINT_INTERVAL_MS", 2_000, 100, 600_000);
  const sessionTtlMs = integer("SESSION_TTL_MS", 1_800_000, 1_000, 86_400_000);
  if (sessionTtlMs < 3 * checkpointIntervalMs) {
    problems.push(`SESSION_TTL_MS=${sessionTtlMs} is shorter than three checkpoint intervals (CHECKPOINT_INTERVAL_MS=${checkpointIntervalMs}): rooms refresh their players' sessions at checkpoints, so raise SESSION_TTL_MS or lower CHECKPOINT_INTERVAL_MS`);
  }

  const rooms: RoomLimits = {
    maxPerProcess: integer("MAX_ROOMS_PER_PROCESS", 200, 1, 100_000),
    createsPerMinute: integer("ROOM_CREATES_PER_MINUTE", 5, 0, 10_000),
    emptyGraceMs: integer("EMPTY_ROOM_GRACE_MS", 30_000, 100, 3_600_000),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    redis: {
      url: redisUrl, tls, authMode, ...(authToken !== undefined ? { authToken } : {}),
      ...(user !== undefined ? { user } : {}), ...(cacheName !== undefined ? { cacheName } : {}), cluster,
    },
    aws: { region, ...(endpoint !== undefined ? { endpoint } : {}) },
    tables: { users, gameHistory, gameState },
    port,
    advertise,
    environment,
    auth,
    matchDurationMs,
    checkpointIntervalMs,
    sessionTtlMs,
    rooms,
  };
}

/** The TABLE_* variables for an environment's table outputs (`outputs.tables[logical].name`), as loadServerConfig reads them. */
export function tableVariables(tables: Record<string, { name: string } | undefined>): { TABLE_USERS: string; TABLE_GAME_HISTORY: string; TABLE_GAME_STATE: string } {
  const name = (logical: string) => {
    const found = tables[logical]?.name;
    if (!found) throw new Error(`the environment has no "${logical}" table; the game server needs users, game-history and game-state`);
    return found;
  };
  return { TABLE_USERS: name("users"), TABLE_GAME_HISTORY: name("game-history"), TABLE_GAME_STATE: name("game-state") };
}
