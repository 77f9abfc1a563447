/**
 * The contract between the controller and the game server it deploys, in one place both sides import:
 * which AWS actions the server calls on which table and index, which indexes it needs, which
 * environment variables it reads, and which metric series it publishes. The controller derives the
 * task role's policy, the task definition's environment and the alarms from it; the server's tests
 * fail when its code calls an AWS operation this declaration lacks. Pure data: no I/O, no imports.
 */

/** The tables the server uses, by their logical name in `spec.dynamodb.tables`. */
export type GameTable = "users" | "game-history" | "game-state";

export interface IndexNeed {
  readonly table: GameTable;
  readonly index: string;
  readonly partitionKey: { readonly name: string; readonly type: "S" | "N" };
  readonly sortKey?: { readonly name: string; readonly type: "S" | "N" };
  /** Attributes the server reads from the index besides its keys (projection INCLUDE or ALL covers them). */
  readonly reads: readonly string[];
}

export interface TableGrant {
  readonly table: GameTable;
  /** IAM actions on the table itself. TransactWriteItems is authorized per item: PutItem, UpdateItem. */
  readonly actions: readonly string[];
  /** IAM actions on one of the table's indexes. */
  readonly indexes?: Readonly<Record<string, readonly string[]>>;
}

/**
 * The leaderboard's source of truth: players by rating, newest rating first. Every profile carries
 * the constant partition value below, so one Query reads the top N without a full-table Scan.
 */
export const leaderboardIndex: IndexNeed = {
  table: "users",
  index: "by-rating",
  partitionKey: { name: "board", type: "S" },
  sortKey: { name: "rating", type: "N" },
  reads: ["playerId", "name", "rating"],
};
export const leaderboardPartition = "rating";

/** Exactly what the server calls, and nothing else. */
export const gameServerTableGrants: readonly TableGrant[] = [
  // GetItem/PutItem: profiles; UpdateItem: ratings in the game-end transaction; DescribeTable: /ready.
  { table: "users", actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DescribeTable"], indexes: { [leaderboardIndex.index]: ["dynamodb:Query"] } },
  // PutItem: the game and its participations (transaction); Query: a retried game-end reads what was stored.
  { table: "game-history", actions: ["dynamodb:PutItem", "dynamodb:Query"] },
  // Room checkpoints, and the results outbox's durable fallback (Scan: a drain finds the results kept there).
  { table: "game-state", actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Scan"] },
];

export const gameServerIndexNeeds: readonly IndexNeed[] = [leaderboardIndex];

/** The namespace, names and dimensions of every metric the server publishes as EMF lines. */
export const gameMetricNamespace = "GameMetrics";
export const gameMetricService = "game-server";
export type GameMetricName = "SessionCreationLatency" | "QueueLength" | "MatchmakingTime" | "PlayerRating";
/** Dimension names in the order the server writes them; every metric carries exactly these. */
export const gameMetricDimensionNames = ["Environment", "Service"] as const;
export function gameMetricDimensions(environmentKey: string): { Environment: string; Service: string } {
  return { Environment: environmentKey, Service: gameMetricService };
}

/** The environment variables the server reads (server/config.ts) that the controller sets. */
export const serverVariables = {
  redisUrl: "REDIS_URL",
  redisTls: "REDIS_TLS",
  redisAuthMode: "REDIS_AUTH_MODE",
  redisAuthToken: "REDIS_AUTH_TOKEN",
  /** The ElastiCache user the IAM auth token is signed for (authentication: iam). */
  redisUser: "REDIS_USER",
  /** The replication group id: the host of the presigned IAM auth request. */
  redisCacheName: "REDIS_CACHE_NAME",
  /** true when the replication group has more than one shard (cluster mode). */
  redisCluster: "REDIS_CLUSTER",
  region: "AWS_REGION",
  tableUsers: "TABLE_USERS",
  tableGameHistory: "TABLE_GAME_HISTORY",
  tableGameState: "TABLE_GAME_STATE",
  port: "PORT",
  /** The environment's key (namespace/name): the Environment dimension of every metric. */
  environment: "GAMECTL_ENVIRONMENT",
  /** The collector the server exports traces to (spec.observability.tracing); unset means tracing off. */
  otlpEndpoint: "OTEL_EXPORTER_OTLP_ENDPOINT",
  /** The sampler of new traces and its rate (spec.observability.tracing.sampleRate). */
  tracesSampler: "OTEL_TRACES_SAMPLER",
  tracesSamplerArg: "OTEL_TRACES_SAMPLER_ARG",
  /** The service name X-Ray shows for the server. */
  otelServiceName: "OTEL_SERVICE_NAME",
} as const;

/**
 * The variables that point the server at the environment's Cognito user pool (server/config.ts). The controller sets
 * them in a deployed task from spec.cognito's outputs (src/kinds/cognito/user-pool.ts), so they are controllerSetVariables.
 */
export const cognitoServerVariables = {
  /** The user pool players sign in with (the pool's id output), and the game's public app client (no secret). */
  cognitoUserPoolId: "COGNITO_USER_POOL_ID",
  cognitoClientId: "COGNITO_CLIENT_ID",
  /** The pool's JWKS URL output; unset means the pool's own (the issuer followed by /.well-known/jwks.json). */
  cognitoJwksUri: "COGNITO_JWKS_URI",
  /** The pool's issuer URL output; unset means https://cognito-idp.<region>.amazonaws.com/<pool id>. */
  cognitoIssuer: "COGNITO_ISSUER",
  /** true: the server confirms each sign-up itself (development pools, which send no code); needs cognitoAutoConfirmActions. */
  cognitoAutoConfirm: "COGNITO_AUTO_CONFIRM",
} as const;

/**
 * What the server calls on the user pool with the task role's credentials, only when it confirms sign-ups itself
 * (cognitoAutoConfirm), on the pool's ARN. Sign-up, confirmation with a code, sign-in, refresh and sign-out go
 * through the public app client, which AWS does not authorize with IAM: they need no grant.
 */
export const cognitoAutoConfirmActions = ["cognito-idp:AdminConfirmSignUp"] as const;

/** What the X-Ray exporter of the ADOT collector calls: segments and its own telemetry; sampling is the SDK's, so no sampling-rule reads. */
export const traceWriteActions = ["xray:PutTraceSegments", "xray:PutTelemetryRecords"] as const;

/** The variable that carries each table's physical name, by the table's logical name: one mapping for controller and server. */
export const gameTableVariables: Readonly<Record<GameTable, "TABLE_USERS" | "TABLE_GAME_HISTORY" | "TABLE_GAME_STATE">> = {
  users: serverVariables.tableUsers,
  "game-history": serverVariables.tableGameHistory,
  "game-state": serverVariables.tableGameState,
};

/** The tables the server needs, in a stable order. */
export const gameTables: readonly GameTable[] = ["users", "game-history", "game-state"];

/**
 * Every variable the controller sets in a deployed task (plain or secret): a user's
 * gameServer.environment or gameServer.secrets may not name one of these.
 */
export const controllerSetVariables: readonly string[] = [...Object.values(serverVariables), ...Object.values(cognitoServerVariables)];
