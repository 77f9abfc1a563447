import type { EventEmitter } from "node:events";
import { createServer, type IncomingMessage, type Server as HttpServer } from "node:http";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { CloseCode, Server, matchMaker } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { pino, type Logger } from "pino";
import { cognitoServerVariables } from "../src/contract/game-server.ts";
import { ARENA_SIZE, ArenaRoom, LIVE_ROOMS_KEY } from "./arena-room.ts";
import { cognitoVerifier, createTokenVerifier, issueDevToken } from "./auth.ts";
import type { ServerConfig } from "./config.ts";
import { createDocumentClient, type DynamoObserver } from "./dynamo.ts";
import { ecsTaskAddress } from "./ecs-metadata.ts";
import { Leaderboard } from "./leaderboard.ts";
import { QueueRoom } from "./queue-room.ts";
import { GameMetrics } from "./metrics.ts";
import { MAX_MESSAGE_BYTES } from "./messages.ts";
import { redisKeys } from "./keys.ts";
import { createRedis, type RedisClient } from "./redis.ts";
import { RedisIamAuth } from "./redis-iam.ts";
import { Relay, isLocalUpgrade } from "./relay.ts";
import { AccountError, PlayerAccounts } from "./players.ts";
import { createRepositories } from "./repositories.ts";
import { GameResults } from "./results.ts";
import { roomLeaseMs } from "./room-lease.ts";
import { setRoomServices, type RoomServices } from "./services.ts";
import { SessionStore } from "./sessions.ts";

interface HttpResponse {
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  json(body: unknown): void;
  send(body: string): void;
}
interface HttpResponse {
  set(header: string, value: string): HttpResponse;
}
interface HttpRoutes {
  get(path: string, handler: (req: { query: Record<string, unknown>; params: Record<string, string> }, res: HttpResponse) => unknown): void;
  post(path: string, handler: (req: IncomingMessage, res: HttpResponse) => unknown): void;
}

export interface RunningGameServer {
  port: number;
  processId: string;
  services: RoomServices;
  /** Graceful: stop taking rooms, checkpoint every room, close, and let another process restore them. */
  stop(): Promise<void>;
}

const HEARTBEAT_MS = 1_000;
const PROCESS_TTL_MS = 3_000;
/** At shutdown: how long a relayed socket may take to finish the frame in flight before it is cut. */
const RELAY_CLOSE_MS = 2_000;
/** At shutdown, once rooms are gone: how long idle or leftover HTTP connections may stay before they are cut. */
const HTTP_CLOSE_MS = 2_000;

export interface GameServerOptions {
  log?: Logger;
  metrics?: GameMetrics;
  /** Sees every DynamoDB request's permissions: tests check them against the contract's grants. */
  observeDynamo?: DynamoObserver;
}

export async function startGameServer(config: ServerConfig, options: GameServerOptions = {}): Promise<RunningGameServer> {
  const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? "info" });
  // Before anything connects or listens: on ECS a task that cannot tell its own address must not start at all.
  const advertiseHost = "ecsMetadataUri" in config.advertise ? await ecsTaskAddress(config.advertise.ecsMetadataUri) : undefined;
  const metrics = options.metrics ?? new GameMetrics({ environment: config.environment });
  // IAM auth: one signer for all of this process's connections, with its first token signed before they connect.
  const redisIam = await RedisIamAuth.forConfig(config.redis, config.aws.region, (error) => log.warn({ error: String(error) }, "renewing the Redis IAM auth token failed; retrying"));
  const redis = createRedis(config.redis, {}, redisIam);
  const db = createDocumentClient(config.aws, undefined, options.observeDynamo);
  const repos = createRepositories(db, config.tables);
  const sessions = new SessionStore(redis, { ttlMs: config.sessionTtlMs });
  const leaderboard = new Leaderboard(redis, repos.users);
  const results = new GameResults(redis, repos, leaderboard, sessions, log);
  const cognito = config.auth.kind === "cognito" ? cognitoVerifier(config.auth) : undefined;
  const accounts = config.auth.kind === "cognito" ? new PlayerAccounts(config.auth, repos.users, config.aws) : undefined;
  if (config.auth.kind === "cognito" && config.auth.autoConfirm) {
    // Accepted in production (the manifest's pool sends no code), but whoever runs it should see what it means.
    log.warn({ userPoolId: config.auth.userPoolId }, `${cognitoServerVariables.cognitoAutoConfirm}=true: the server confirms every sign-up itself; player accounts are not verified (no email or phone is proven)`);
  }
  if (cognito) {
    // Keys fetched at start keep verifying joins through a later JWKS outage; failing now only defers the fetch to the first join.
    void cognito.hydrate().catch((error: unknown) => log.warn({ error: String(error) }, "fetching the user pool's JWKS failed; retrying at the first join"));
  }
  let shuttingDown = false;
  const services: RoomServices = {
    config, redis, repos, sessions, leaderboard, results, metrics, log,
    verifyToken: cognito?.verify ?? createTokenVerifier(config.auth),
    processId: () => matchMaker.processId,
    pendingRestores: new Set(),
    shuttingDown: () => shuttingDown,
  };
  setRoomServices(services);

  const httpServer: HttpServer = createServer();
  const transport = new WebSocketTransport({ noServer: true, maxPayload: 64 * 1024, pingInterval: 3_000 });
  transport.attachToServer(httpServer, { filter: isLocalUpgrade });
  const relay = new Relay(redis, () => metrics.relayedConnections.inc());
  countOversizedFrames(transport, metrics, log);
  httpServer.on("upgrade", (req, socket, head) => {
    if (isLocalUpgrade(req)) return;
    void relay.upgrade(req, socket, head);
  });
  const pageHtml = await readFile(new URL("./public/index.html", import.meta.url), "utf8").catch(() => "<p>page missing</p>");
  const sdkBundle = await readFile(new URL("dist/colyseus.js", pathToFileURL(createRequire(import.meta.url).resolve("@colyseus/sdk/package.json"))), "utf8").catch(() => "");

  const colyseus = new Server({
    transport,
    // Their own connections, with the same TLS, auth and reconnect behaviour as the server's; on a cluster they get a
    // Cluster client, which both packages take as is (their keys are single-key commands and pub/sub, which a cluster
    // routes per key and forwards to every node).
    presence: new RedisPresence(createRedis(config.redis, {}, redisIam)),
    driver: new RedisDriver(createRedis(config.redis, {}, redisIam)),
    gracefullyShutdown: false,
    greet: false,
    express: (expressApp) => {
      const app = expressApp as unknown as HttpRoutes;
      app.get("/health", (_req, res) => { res.json({ status: "ok" }); });
      app.get("/ready", async (_req, res) => {
        const checks = await readiness(redis, db, config, () => shuttingDown);
        res.status(checks.ready ? 200 : 503).json(checks);
      });
      app.get("/metrics", async (_req, res) => {
        metrics.outboxLength.set(await results.outboxLength().catch(() => 0));
        res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
      });
      app.get("/leaderboard", async (_req, res) => {
        try {
          res.json({ entries: await leaderboard.top(10) });
        } catch {
          res.status(503).json({ error: "leaderboard unavailable" });
        }
      });
      // A client holding its session token finds its room again after a restart: the same id, restored elsewhere.
      app.get("/sessions/:sessionId", async (req, res) => {
        const sessionId = req.params.sessionId ?? "";
        if (!/^[0-9a-f-]{36}$/.test(sessionId)) return void res.status(400).json({ error: "sessionId: expected the session token from the 'session' message" });
        const session = await sessions.get(sessionId).catch(() => undefined);
        if (!session) return void res.status(404).json({ error: "session expired or unknown: join again" });
        res.json({ playerId: session.playerId, roomId: session.roomId ?? null, status: session.status, rating: session.rating });
      });
      app.get("/dev-token", async (req, res) => {
        // Only in explicit development mode (GAME_DEV_TOKENS=true, refused with NODE_ENV=production): anyone may ask.
        if (config.auth.kind !== "hs256" || !config.auth.devTokens) return void res.status(404).json({ error: "development tokens are off: sign in (Cognito), or run with GAME_DEV_TOKENS=true for local development" });
        const name = String(req.query.name ?? "").trim();
        if (!/^[A-Za-z0-9_-]{1,24}$/.test(name)) return void res.status(400).json({ error: "name: use 1-24 letters, digits, _ or -" });
        res.json({ token: await issueDevToken(config.auth.secret, { playerId: `dev-${name.toLowerCase()}`, name }) });
      });
      // Player accounts (Cognito only): a thin pass-through to the pool's public client, same origin as the page.
      const accountRoute = (path: string, action: (accounts: PlayerAccounts, body: unknown) => Promise<unknown>) => {
        app.post(path, async (req, res) => {
          // Tokens and codes are personal: no cache keeps them.
          res.set("Cache-Control", "no-store");
          if (!accounts) return void res.status(404).json({ error: "player accounts need a Cognito user pool: set COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID (development mode uses /dev-token)" });
          try {
            res.json((await action(accounts, await readJsonBody(req))) ?? {});
          } catch (error) {
            if (error instanceof AccountError) return void res.status(error.status).json({ error: error.message, code: error.code });
            // Never the request: it holds a password or a token.
            log.warn({ path, error: error instanceof Error ? error.name : "unknown" }, "player account request failed");
            res.status(503).json({ error: "accounts unavailable: try again later" });
          }
        });
      };
      accountRoute("/players", (a, body) => a.register(body));
      accountRoute("/players/confirm", (a, body) => a.confirm(body));
      accountRoute("/players/sign-in", (a, body) => a.signIn(body));
      accountRoute("/players/refresh", (a, body) => a.refresh(body));
      accountRoute("/players/sign-out", (a, body) => a.signOut(body));
      const signIn = config.auth.kind === "cognito" ? "cognito" : config.auth.devTokens ? "dev-tokens" : "none";
      app.get("/config.json", (_req, res) => { res.json({ arenaSize: ARENA_SIZE, maxMessageBytes: MAX_MESSAGE_BYTES, signIn }); });
      app.get("/", (_req, res) => { res.type("html").send(pageHtml); });
      app.get("/sdk/colyseus.js", (_req, res) => { res.type("application/javascript").send(sdkBundle); });
    },
  });
  colyseus.define("arena", ArenaRoom);
  colyseus.define("queue", QueueRoom);

  await colyseus.listen(config.port);
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const advertise = advertisedAddress(config.advertise, advertiseHost, port);
  const processKey = redisKeys.processAddress(matchMaker.processId);
  const heartbeat = () => redis.set(processKey, advertise, "PX", PROCESS_TTL_MS).catch(() => undefined);
  await heartbeat();
  const heartbeatTimer = setInterval(() => { void heartbeat(); }, HEARTBEAT_MS);
  const restoreTimer = setInterval(() => { void restoreOrphanedRooms(services).catch((error: unknown) => log.warn({ error: String(error) }, "restore pass failed")); }, HEARTBEAT_MS);
  results.startDraining();
  log.info({ port, processId: matchMaker.processId, advertise }, "game server listening");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      shuttingDown = true;
      clearInterval(restoreTimer);
      results.stopDraining();
      // Relayed clients play in other processes' rooms: send them to reconnect through the balancer now. Their sockets
      // would otherwise hold httpServer.close() open until ECS SIGKILLs the task, and drop them with 1006.
      const relaysClosed = relay.closeAll(CloseCode.MAY_TRY_RECONNECT, "server shutting down: reconnect", RELAY_CLOSE_MS);
      // Each room checkpoints and releases its lease in onBeforeShutdown, and this waits until every room has disposed.
      await colyseus.gracefullyShutdown(false);
      await relaysClosed;
      clearInterval(heartbeatTimer);
      await redis.del(processKey).catch(() => undefined);
      // What is left is idle keep-alive HTTP or a socket nobody closed: closed now, and cut if it lingers.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeIdleConnections();
      const cut = setTimeout(() => httpServer.closeAllConnections(), HTTP_CLOSE_MS);
      await closed;
      clearTimeout(cut);
      redis.disconnect();
      redisIam?.stop();
      accounts?.close();
      db.destroy();
      setRoomServices(undefined);
      log.info("game server stopped; rooms checkpointed for restore elsewhere");
    })();
    return stopping;
  };
  return { port, processId: matchMaker.processId, services, stop };
}

/**
 * A frame over the transport's maxPayload never reaches a room: ws refuses to buffer it and closes the socket with
 * 1009, emitting a RangeError that Colyseus prints with its stack. Instead it is counted as a dropped "oversized"
 * message and logged as one line, like the messages the room drops (those between MAX_MESSAGE_BYTES and maxPayload).
 */
function countOversizedFrames(transport: WebSocketTransport, metrics: GameMetrics, log: Logger): void {
  const wss = (transport as unknown as { wss: { on(event: "connection", listener: (socket: EventEmitter) => void): void } }).wss;
  // Runs after Colyseus's own connection listener, which attached its stack-printing error listener synchronously.
  wss.on("connection", (socket) => {
    socket.removeAllListeners("error");
    socket.on("error", (error: Error & { code?: string }) => {
      if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        metrics.dropped("oversized");
        log.warn({ reason: "oversized", error: error.message }, "dropped an oversized frame; ws closed the connection (1009)");
      } else {
        log.warn({ error: `${error.name}: ${error.message}`, code: error.code }, "WebSocket error; the connection closes");
      }
    });
  });
}

/** A JSON request body of at most 8 KiB (credentials, a code or a token); anything else is an AccountError. */
async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const limit = 8 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new AccountError(413, "PayloadTooLarge", `request body over ${limit} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown;
  } catch {
    throw new AccountError(400, "InvalidJson", "the request body must be JSON");
  }
}

/** host:port other processes reach this one at; port 0 (tests) and ECS mean the port this process listens on. */
function advertisedAddress(source: ServerConfig["advertise"], ecsHost: string | undefined, port: number): string {
  if ("address" in source) return source.address.endsWith(":0") ? `${source.address.slice(0, -2)}:${port}` : source.address;
  // ecsTaskAddress either gave the host or threw before the server started.
  if (ecsHost === undefined) throw new Error("the ECS task address was not read before listening");
  return `${ecsHost}:${port}`;
}

async function readiness(redis: RedisClient, db: ReturnType<typeof createDocumentClient>, config: ServerConfig, shuttingDown: () => boolean) {
  const withTimeout = <T>(promise: Promise<T>) => Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), 1_000))]);
  const redisOk = await withTimeout(redis.ping()).then(() => true, () => false);
  const dynamoOk = await withTimeout(db.send(new DescribeTableCommand({ TableName: config.tables.users }))).then(() => true, () => false);
  return { ready: redisOk && dynamoOk && !shuttingDown(), redis: redisOk, dynamodb: dynamoOk, shuttingDown: shuttingDown() };
}

// Deletes a room's registry entry only if it still names the owner the pass saw (a restore elsewhere may have replaced it).
const FORGET_ROOM_SCRIPT = "if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end return 0";

/**
 * Rooms whose owner's lease ran out (it was SIGKILLed, or released them at SIGTERM) are recreated here, under the same
 * id, from their last checkpoint. What decides is the lease in DynamoDB (server/room-lease.ts), which a Redis failover
 * cannot drop: a claim is a compare-and-set on the room's fencing token, and a room whose owner is still checkpointing
 * is never taken, however long Redis was away. The owner's Redis copy of the lease only spares a DynamoDB read for
 * rooms being renewed.
 */
async function restoreOrphanedRooms(services: RoomServices): Promise<void> {
  if (services.shuttingDown()) return;
  const me = services.processId();
  const others = Object.entries(await services.redis.hgetall(LIVE_ROOMS_KEY)).filter(([, owner]) => owner !== me);
  // Sent together, not as one pipeline: a cluster client refuses a pipeline whose keys span slots.
  const renewing = await Promise.all(others.map(([roomId]) => services.redis.exists(redisKeys.roomOwner(roomId)).catch(() => undefined)));
  const leaseMs = roomLeaseMs(services.config.checkpointIntervalMs);
  for (const [i, [roomId, owner]] of others.entries()) {
    if (renewing[i] !== 0 || services.shuttingDown()) continue;
    const claim = await services.repos.gameState.claim(roomId, me, leaseMs);
    if (claim === "missing") {
      // No checkpoint: the match ended and its cleanup did not finish. Nothing to restore.
      await services.redis.eval(FORGET_ROOM_SCRIPT, 1, LIVE_ROOMS_KEY, roomId, owner);
      continue;
    }
    if (claim !== "claimed") continue;
    services.pendingRestores.add(roomId);
    try {
      await matchMaker.driver.remove(roomId);
      await matchMaker.handleCreateRoom("arena", {}, undefined, roomId);
      services.log.info({ roomId, previousOwner: owner }, "restored an orphaned room");
    } catch (error) {
      // The claim's lease runs out unrenewed, and then this or another process claims the room again.
      services.pendingRestores.delete(roomId);
      services.log.warn({ roomId, error: String(error) }, "restoring an orphaned room failed; will retry");
    }
  }
}
