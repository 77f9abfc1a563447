import { CloseCode, Protocol, Room, type Client } from "@colyseus/core";
import { decode, schema, t, type SchemaType } from "@colyseus/schema";
import { unpack } from "msgpackr";
import type { PlayerIdentity } from "./auth.ts";
import { redisKeys } from "./keys.ts";
import { MAX_MESSAGE_BYTES, RateLimiter, isMessageType, validateMessage } from "./messages.ts";
import type { GameResult } from "./repositories.ts";
import type { GameEndProcessing } from "./results.ts";
import { FencedError, LEASE_MARGIN_MS, roomLeaseMs } from "./room-lease.ts";
import { authenticateJoin, roomServices } from "./services.ts";
import { endRoomTrace, timedTick, traceJoin, untraced } from "./traces.ts";

export const ARENA_SIZE = 100;
const SPEED_PER_SECOND = 30;
const PICKUP_RADIUS = 4;
export const LIVE_ROOMS_KEY = redisKeys.liveRooms;

export const PlayerState = schema({
  playerId: t.string(),
  name: t.string(),
  x: t.float32(),
  y: t.float32(),
  score: t.uint16(),
  connected: t.boolean(),
}, "PlayerState");
export type PlayerState = SchemaType<typeof PlayerState>;

export const ArenaState = schema({
  players: t.map(PlayerState),
  orbX: t.float32(),
  orbY: t.float32(),
  phase: t.string(),
  endsAt: t.float64(),
  /** Wall-clock time (ms, sub-ms precision) the patch was built, so clients can measure patch latency. */
  patchedAt: t.float64(),
}, "ArenaState");
export type ArenaState = SchemaType<typeof ArenaState>;

export interface ArenaCheckpoint {
  gameId: string;
  startedAt: number;
  endsAt: number;
  orb: { x: number; y: number };
  players: { playerId: string; name: string; x: number; y: number; score: number }[];
}

interface Seat {
  playerId: string;
  sessionId: string;
  limiter: RateLimiter;
  player: PlayerState;
  /** The direction as a unit vector (0, 0 when standing), normalized once per message rather than every tick. */
  dx: number;
  dy: number;
}

const KNOWN_PROTOCOL_CODES = new Set<unknown>(Object.values(Protocol));

function isDecodable(buffer: Uint8Array): boolean {
  if (buffer.byteLength === 0) return false;
  const code = buffer[0]! & 31;
  if (!KNOWN_PROTOCOL_CODES.has(code)) return false;
  if (code !== Protocol.ROOM_DATA) return true;
  try {
    const it = { offset: 1 };
    if (decode.stringCheck(buffer, it)) decode.string(buffer, it);
    else decode.number(buffer, it);
    if (buffer.byteLength > it.offset) unpack(buffer.subarray(it.offset));
    return it.offset <= buffer.byteLength;
  } catch {
    return false;
  }
}

type RawMessageHandler = (client: Client, buffer: Uint8Array) => void;

export class ArenaRoom extends Room<{ state: ArenaState }> {
  override maxClients = 16;
  override patchRate = 50;
  override state = new ArenaState();
  // Colyseus closes a client past this; our own limiter below drops before that, this only stops a real flood.
  override maxMessagesPerSecond = 200;
  // The match runs to its end even if everyone drops, so its result is recorded.
  override autoDispose = false;
  readonly #seats = new Map<string, Seat>();
  gameId = "";
  startedAt = 0;
  #finishing: Promise<GameEndProcessing> | undefined;
  #checkpointTimer: NodeJS.Timeout | undefined;
  #sessionsRefreshedAt = 0;
  /** This process's fencing token for the room, and until when (performance.now()) its lease lets it simulate. */
  #ownerToken = 0;
  #leaseValidUntil = 0;
  #paused = false;
  #fenced = false;

  static override onAuth(token: string | undefined): Promise<PlayerIdentity> {
    return authenticateJoin(token);
  }

  override async onCreate(): Promise<void> {
    const services = roomServices();
    this.#guardIncomingMessages();
    this.onMessage("*", (client, type, message) => this.#onClientMessage(client, type, message));
    const restoring = services.pendingRestores.has(this.roomId);
    // A failed load throws, so the restorer retries instead of starting an empty match under the old id.
    const checkpoint = restoring ? await services.repos.gameState.load(this.roomId) : undefined;
    services.pendingRestores.delete(this.roomId);
    // The restore pass claimed the room (server/room-lease.ts); if another process claimed it since, this copy must not start.
    if (restoring && (checkpoint?.ownerProcessId !== services.processId() || checkpoint.ownerToken === undefined)) {
      throw new Error(`room ${this.roomId}: its checkpoint is not claimed by this process (owner ${checkpoint?.ownerProcessId ?? "none"}); the restore pass retries`);
    }
    this.#leaseValidUntil = performance.now() + roomLeaseMs(services.config.checkpointIntervalMs) - LEASE_MARGIN_MS;
    if (checkpoint) {
      this.#ownerToken = checkpoint.ownerToken ?? 0;
      this.#applyCheckpoint(checkpoint.state as ArenaCheckpoint);
      services.log.info({ roomId: this.roomId, players: this.state.players.size, ownerToken: this.#ownerToken }, "room restored from its checkpoint");
    } else {
      this.#ownerToken = 1;
      this.startedAt = Date.now();
      this.gameId = `${this.roomId}-${this.startedAt}`;
      this.state.endsAt = this.startedAt + services.config.matchDurationMs;
      this.#moveOrb();
    }
    this.state.phase = "playing";
    this.setSimulationInterval((dt) => timedTick(this, () => this.#tick(dt)), 50);
    // Checkpoint (and lease) before the room is listed for restore passes: a listed room always has a checkpoint.
    await this.checkpoint({ first: !checkpoint });
    await services.redis.hset(LIVE_ROOMS_KEY, this.roomId, services.processId());
    this.#checkpointTimer = setInterval(untraced(() => { this.checkpoint().catch(() => undefined); }), services.config.checkpointIntervalMs);
  }

  /** Oversized frames and frames Colyseus cannot decode are dropped and counted here, before its own handling. */
  #guardIncomingMessages(): void {
    const self = this as unknown as { _onMessage: RawMessageHandler };
    const original = self._onMessage.bind(this);
    const metrics = roomServices().metrics;
    self._onMessage = (client, buffer) => {
      if (buffer && buffer.byteLength > MAX_MESSAGE_BYTES) {
        metrics.dropped("oversized");
        return;
      }
      // Colyseus closes the connection of a client whose message does not decode; we drop the message instead.
      if (buffer && !isDecodable(buffer)) {
        metrics.dropped("malformed");
        return;
      }
      try {
        original(client, buffer);
      } catch {
        metrics.dropped("malformed");
      }
    };
  }

  #onClientMessage(client: Client, type: string | number, message: unknown): void {
    const metrics = roomServices().metrics;
    const seat = this.#seats.get(client.sessionId);
    if (!seat) return;
    if (!seat.limiter.take()) {
      metrics.dropped("rate_limited");
      return;
    }
    if (!isMessageType(type)) {
      metrics.dropped("invalid");
      return;
    }
    const valid = validateMessage(type, message);
    if (!valid) {
      metrics.dropped("invalid");
      return;
    }
    if (type === "move") {
      const dx = Number(valid.dx);
      const dy = Number(valid.dy);
      const length = Math.hypot(dx, dy);
      seat.dx = length > 0 ? dx / length : 0;
      seat.dy = length > 0 ? dy / length : 0;
    } else {
      client.send("pong", { t: valid.t });
    }
  }

  override onBeforePatch(): void {
    this.state.patchedAt = performance.timeOrigin + performance.now();
  }

  override onJoin(client: Client, _options: unknown, auth: PlayerIdentity): Promise<void> {
    return traceJoin("arena", this.roomId, auth, () => this.#join(client, auth));
  }

  async #join(client: Client, auth: PlayerIdentity): Promise<void> {
    const services = roomServices();
    const started = performance.now();
    const profile = await services.repos.users.getOrCreate(auth.playerId, auth.name);
    const session = await services.sessions.create(auth.playerId, profile.rating, "playing", this.roomId);
    services.metrics.record("SessionCreationLatency", performance.now() - started);
    let player = this.state.players.get(auth.playerId);
    if (!player) {
      player = new PlayerState();
      player.playerId = auth.playerId;
      player.name = auth.name;
      player.x = Math.random() * ARENA_SIZE;
      player.y = Math.random() * ARENA_SIZE;
      player.score = 0;
      this.state.players.set(auth.playerId, player);
    }
    player.connected = true;
    this.#seats.set(client.sessionId, { playerId: auth.playerId, sessionId: session.sessionId, limiter: new RateLimiter(30, 30), player, dx: 0, dy: 0 });
    services.metrics.connectedPlayers.inc();
    client.send("session", { sessionId: session.sessionId, playerId: auth.playerId, rating: profile.rating, roomId: this.roomId, gameId: this.gameId });
  }

  override async onLeave(client: Client): Promise<void> {
    const seat = this.#seats.get(client.sessionId);
    this.#seats.delete(client.sessionId);
    if (!seat) return;
    roomServices().metrics.connectedPlayers.dec();
    const stillHere = [...this.#seats.values()].some((s) => s.playerId === seat.playerId);
    const player = this.state.players.get(seat.playerId);
    if (player && !stillHere) player.connected = false;
    // The session outlives the connection (its TTL), so a restart or a dropped socket can come back to this room.
    await roomServices().sessions.update(seat, { status: this.state.phase === "ended" ? "finished" : "disconnected" }).catch(() => undefined);
  }

  #tick(deltaMs: number): void {
    if (this.state.phase !== "playing") return;
    // Past its lease another process may take the room over: stop simulating (and ending) it until a checkpoint renews it.
    if (performance.now() > this.#leaseValidUntil) {
      if (!this.#paused && !this.#fenced) roomServices().log.warn({ roomId: this.roomId }, "room paused: its lease could not be renewed (DynamoDB unreachable?)");
      this.#paused = true;
      return;
    }
    this.#paused = false;
    const step = (SPEED_PER_SECOND * deltaMs) / 1000;
    for (const seat of this.#seats.values()) {
      if (seat.dx === 0 && seat.dy === 0) continue;
      const player = seat.player;
      player.x = Math.min(ARENA_SIZE, Math.max(0, player.x + seat.dx * step));
      player.y = Math.min(ARENA_SIZE, Math.max(0, player.y + seat.dy * step));
      const toOrbX = player.x - this.state.orbX;
      const toOrbY = player.y - this.state.orbY;
      if (toOrbX * toOrbX + toOrbY * toOrbY <= PICKUP_RADIUS * PICKUP_RADIUS) {
        player.score += 1;
        this.#moveOrb();
      }
    }
    if (Date.now() >= this.state.endsAt) this.#endMatch();
  }

  /** Ends the match from the tick; if neither DynamoDB nor the Redis outbox takes the result, tries again rather than lose it. */
  #endMatch(): void {
    this.finish().catch((error: unknown) => {
      roomServices().log.error({ roomId: this.roomId, gameId: this.gameId, error: String(error) }, "could not record or queue the game's result; retrying in 5 s");
      this.#finishing = undefined;
      this.clock.setTimeout(() => this.#endMatch(), 5_000);
    });
  }

  #moveOrb(): void {
    this.state.orbX = 5 + Math.random() * (ARENA_SIZE - 10);
    this.state.orbY = 5 + Math.random() * (ARENA_SIZE - 10);
  }

  result(): GameResult {
    return {
      gameId: this.gameId,
      roomId: this.roomId,
      endedAt: Math.round(this.state.endsAt),
      players: [...this.state.players.values()].map((p) => ({ playerId: p.playerId, name: p.name, score: p.score })),
    };
  }

  /** Ends the match once; the result is idempotent by game id, so a second end elsewhere is harmless too. */
  finish(): Promise<GameEndProcessing> {
    this.#finishing ??= this.#finish();
    return this.#finishing;
  }

  async #finish(): Promise<GameEndProcessing> {
    const services = roomServices();
    this.state.phase = "ended";
    await this.lock();
    const result = this.result();
    const processed = await services.results.process(result);
    const ratings = processed.recorded ? Object.fromEntries(processed.outcome.ratings) : {};
    // The player id rides as a property: a dimension would make one CloudWatch metric per player (server/README.md).
    for (const [playerId, rating] of Object.entries(ratings)) services.metrics.record("PlayerRating", rating, { playerId });
    this.broadcast("ended", { gameId: result.gameId, scores: result.players, ratings, recorded: processed.recorded });
    clearInterval(this.#checkpointTimer);
    // The result is recorded or queued. A failed cleanup leaves a live-room entry or a checkpoint: a restore ends the
    // match again, and results are idempotent by game id.
    await services.redis.hdel(LIVE_ROOMS_KEY, this.roomId).catch(() => undefined);
    await services.repos.gameState.delete(this.roomId, this.#ownerToken).catch(() => undefined);
    this.clock.setTimeout(() => this.disconnect(CloseCode.CONSENTED), 2_000);
    return processed;
  }

  snapshot(): ArenaCheckpoint {
    return {
      gameId: this.gameId,
      startedAt: this.startedAt,
      endsAt: this.state.endsAt,
      orb: { x: this.state.orbX, y: this.state.orbY },
      players: [...this.state.players.values()].map((p) => ({ playerId: p.playerId, name: p.name, x: p.x, y: p.y, score: p.score })),
    };
  }

  /** Saves the room and renews its lease; `release` (shutdown) ends the lease so another process restores it at once. */
  async checkpoint(options: { first?: boolean; release?: boolean } = {}): Promise<void> {
    if (this.state.phase !== "playing" || this.#fenced) return;
    const services = roomServices();
    const leaseMs = roomLeaseMs(services.config.checkpointIntervalMs);
    const started = performance.now();
    const savedAt = Date.now();
    try {
      await services.repos.gameState.save({
        roomId: this.roomId, roomName: this.roomName, ownerProcessId: services.processId(), savedAt, state: this.snapshot(),
        ownerToken: this.#ownerToken, leaseUntil: options.release ? 0 : savedAt + leaseMs,
      }, options.first);
    } catch (error) {
      // A match that ended meanwhile deleted its checkpoint: that refusal is no takeover.
      if (error instanceof FencedError && this.state.phase === "playing") this.#fence();
      throw error;
    }
    if (this.state.phase !== "playing") return;
    const ownerKey = redisKeys.roomOwner(this.roomId);
    if (options.release) {
      await services.redis.del(ownerKey).catch(() => undefined);
      return;
    }
    this.#leaseValidUntil = started + leaseMs - LEASE_MARGIN_MS;
    // Not awaited: Redis being away (a failover) must not hold up the next renewal in DynamoDB. The registry entry is
    // written again too, so that a Redis that lost its data (no replica) lists the room for restore again.
    void services.redis.set(ownerKey, `${services.processId()}:${this.#ownerToken}`, "PX", leaseMs).catch(() => undefined);
    if (!options.first) void services.redis.hset(LIVE_ROOMS_KEY, this.roomId, services.processId()).catch(() => undefined);
    // A match may outlast the session TTL: seated players keep their sessions, so they can still reconnect.
    if (Date.now() - this.#sessionsRefreshedAt >= services.sessions.ttl / 3) {
      this.#sessionsRefreshedAt = Date.now();
      void services.sessions.keepAlive(this.#seats.values()).catch(() => undefined);
    }
  }

  /** Another process owns the room now: drop this copy and send its clients to reconnect (they reach the new owner). */
  #fence(): void {
    if (this.#fenced) return;
    this.#fenced = true;
    this.#leaseValidUntil = 0;
    clearInterval(this.#checkpointTimer);
    roomServices().log.warn({ roomId: this.roomId, ownerToken: this.#ownerToken }, "room taken over by another process; dropping this copy");
    // Disposing removes the room's listing by id, which now names the new owner's copy: detach it first, as Colyseus
    // itself does for a duplicate room (recordRoom in MatchMaker).
    (this as unknown as { _listing: { roomId?: string } })._listing.roomId = undefined;
    void this.disconnect(CloseCode.MAY_TRY_RECONNECT);
  }

  #applyCheckpoint(checkpoint: ArenaCheckpoint): void {
    this.gameId = checkpoint.gameId;
    this.startedAt = checkpoint.startedAt;
    this.state.endsAt = checkpoint.endsAt;
    this.state.orbX = checkpoint.orb.x;
    this.state.orbY = checkpoint.orb.y;
    for (const saved of checkpoint.players) {
      const player = new PlayerState();
      player.playerId = saved.playerId;
      player.name = saved.name;
      player.x = saved.x;
      player.y = saved.y;
      player.score = saved.score;
      player.connected = false;
      this.state.players.set(saved.playerId, player);
    }
  }

  override onBeforeShutdown(): void {
    // Checkpoint and leave the clients to reconnect to the restored room elsewhere, rather than ending the match.
    clearInterval(this.#checkpointTimer);
    // Stop simulating first: from the release on, another process may start the room.
    this.#leaseValidUntil = 0;
    this.#paused = true;
    void this.checkpoint({ release: true })
      .catch((error: unknown) => roomServices().log.error({ roomId: this.roomId, error: String(error) }, "checkpoint at shutdown failed; a restore starts from the previous one"))
      .finally(() => this.disconnect(CloseCode.MAY_TRY_RECONNECT));
  }

  override onDispose(): void {
    clearInterval(this.#checkpointTimer);
    endRoomTrace(this);
  }
}
