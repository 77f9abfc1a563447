import { CloseCode, ErrorCode, Protocol, Room, ServerError, type Client } from "@colyseus/core";
import { decode, schema, t, type SchemaType } from "@colyseus/schema";
import { unpack } from "msgpackr";
import type { PlayerIdentity } from "./auth.ts";
import { patchStamps } from "./patch-stamp.ts";
import { redisKeys } from "./keys.ts";
import { MAX_MESSAGE_BYTES, RateLimiter, isMessageType, validateMessage } from "./messages.ts";
import type { GameResult } from "./repositories.ts";
import type { GameEndProcessing } from "./results.ts";
import { FencedError, LEASE_MARGIN_MS, roomLeaseMs } from "./room-lease.ts";
import { authenticateJoin, roomServices } from "./services.ts";
import { endRoomTrace, outsideTraces, timedTick, traceJoin } from "./traces.ts";

export const ARENA_SIZE = 100;
/** Patches and ticks: 20 a second. */
const ARENA_PATCH_MS = 50;
const SPEED_PER_SECOND = 30;
const PICKUP_RADIUS = 4;
export const LIVE_ROOMS_KEY = redisKeys.liveRooms;
/**
 * Lists a room again under its owner unless another process is listed: a renewal sent just before the owner froze
 * (SIGSTOP, a long GC) can reach Redis after another process took the room over, and must not list the room back
 * under the old owner. Only the owner that just won the lease in DynamoDB writes unconditionally.
 */
const RELIST_ROOM_SCRIPT = "local owner = redis.call('HGET', KEYS[1], ARGV[1]) if owner == false or owner == ARGV[2] then return redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end return 0";
/**
 * The close code of a connection replaced by a newer one of the same player (another tab, a rejoin after a network
 * drop the server had not noticed yet). Not one the SDK reconnects on, so two connections never fight for the seat.
 */
export const SEAT_REPLACED_CLOSE_CODE = 4100;
/** How long a dropped client's seat waits for the SDK's automatic reconnection. */
export const RECONNECT_SECONDS = 20;
/** The option a rated room is created with: a one-time ticket naming the players matchmaking seated there. */
export const MATCH_TICKET_OPTION = "matchTicket";
/** How long a ticket waits for its room to be created (the queue creates it right after writing the ticket). */
export const MATCH_TICKET_TTL_MS = 60_000;
/**
 * Set by onAuth on the options of every matchmaking request, overwriting whatever the client sent: the player
 * who asked, so that a room created by a client knows its creator (for the per-player creation limit).
 */
const CREATOR_OPTION = "createdBy";

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
  /**
   * Bench-only (server/patch-stamp.ts): the wall-clock time (ms, sub-ms precision) the patch was built, for bench bots
   * to measure patch latency. Never set in production, so it costs patches nothing.
   */
  patchedAt: t.float64(),
}, "ArenaState");
export type ArenaState = SchemaType<typeof ArenaState>;

export interface ArenaCheckpoint {
  gameId: string;
  /** A room matchmaking made (absent in checkpoints written before issue 14: unrated). */
  rated?: boolean;
  /** The players a rated room admits. */
  admitted?: string[];
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
  /** The connection holding the seat, to close it when a newer connection of the player replaces it. */
  client: Client;
  /** While the client is away after a drop: its pending reconnection, rejected if the player connects anew. */
  reconnection?: ReturnType<Room["allowReconnection"]>;
}

/** Arena rooms this process holds (restores included), for MAX_ROOMS_PER_PROCESS. */
let localArenas = 0;

const KNOWN_PROTOCOL_CODES = new Set<unknown>(Object.values(Protocol));

/**
 * A ROOM_DATA frame's type and payload, decoded once; undefined when it does not decode. `typeEnd` is where the type
 * ends: Colyseus is handed the frame cut there, so it keeps its own bookkeeping (the per-second message count, the
 * client's last message time) and dispatches the type without unpacking the payload a second time.
 */
function decodeRoomData(buffer: Uint8Array): { payload: unknown; typeEnd: number } | undefined {
  try {
    const it = { offset: 1 };
    if (decode.stringCheck(buffer, it)) decode.string(buffer, it);
    else decode.number(buffer, it);
    if (it.offset > buffer.byteLength) return undefined;
    const typeEnd = it.offset;
    return { payload: buffer.byteLength > typeEnd ? unpack(buffer.subarray(typeEnd)) : undefined, typeEnd };
  } catch {
    return undefined;
  }
}

type RawMessageHandler = (client: Client, buffer: Uint8Array) => void;

export class ArenaRoom extends Room<{ state: ArenaState }> {
  override maxClients = 16;
  override patchRate = ARENA_PATCH_MS;
  override state = new ArenaState();
  // Colyseus closes a client past this; our own limiter below drops before that, this only stops a real flood.
  override maxMessagesPerSecond = 200;
  // Not Colyseus's immediate dispose: an empty room waits config.rooms.emptyGraceMs for its players (a restore, a
  // reconnect), then is abandoned (see #armEmptyTimer).
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
  /** Made by matchmaking: only then do results move ratings and count wins. */
  #rated = false;
  /** The players a rated room admits (the group matchmaking seated here); others are refused. */
  #admitted = new Set<string>();
  #counted = false;
  #emptyTimer: { clear(): void } | undefined;
  #closing = false;
  /** The payload of the data message being dispatched, decoded once by #guardIncomingMessages. */
  #decodedPayload: unknown;

  static override async onAuth(token: string | undefined, options: unknown): Promise<PlayerIdentity> {
    const identity = await authenticateJoin(token);
    // Colyseus passes these same options on to onCreate when the request creates the room.
    if (typeof options === "object" && options !== null) (options as Record<string, unknown>)[CREATOR_OPTION] = identity.playerId;
    return identity;
  }

  override async onCreate(options: Record<string, unknown> = {}): Promise<void> {
    const services = roomServices();
    const restoring = services.pendingRestores.has(this.roomId);
    // Restores are exempt: refusing one would lose a running match; they are bounded by the rooms that existed.
    if (!restoring && localArenas >= services.config.rooms.maxPerProcess) {
      throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `this process holds its maximum of ${services.config.rooms.maxPerProcess} rooms (MAX_ROOMS_PER_PROCESS): try again later`);
    }
    localArenas++;
    this.#counted = true;
    try {
      await this.#create(options, restoring);
    } catch (error) {
      // Colyseus discards a room whose onCreate threw without disposing it.
      localArenas--;
      this.#counted = false;
      clearInterval(this.#checkpointTimer);
      throw error;
    }
  }

  async #create(options: Record<string, unknown>, restoring: boolean): Promise<void> {
    const services = roomServices();
    this.#guardIncomingMessages();
    // Colyseus dispatches the type of a frame cut after it (#guardIncomingMessages): the payload is the guard's.
    this.onMessage("*", (client, type) => this.#onClientMessage(client, type, this.#decodedPayload));
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
      await this.#admit(options);
      this.startedAt = Date.now();
      this.gameId = `${this.roomId}-${this.startedAt}`;
      this.state.endsAt = this.startedAt + services.config.matchDurationMs;
      this.#moveOrb();
    }
    this.state.phase = "playing";
    // Created outside the creating request's trace (see outsideTraces): Colyseus armed the patch interval when it
    // constructed the room, inside that request; assigning the rate arms it again, here.
    outsideTraces(() => {
      this.patchRate = ARENA_PATCH_MS;
      this.setSimulationInterval((dt) => timedTick(this, () => this.#tick(dt)), ARENA_PATCH_MS);
    });
    // Checkpoint (and lease) before the room is listed for restore passes: a listed room always has a checkpoint.
    await this.checkpoint({ first: !checkpoint });
    await services.redis.hset(LIVE_ROOMS_KEY, this.roomId, services.processId());
    this.#checkpointTimer = outsideTraces(() => setInterval(() => { this.checkpoint().catch(() => undefined); }, services.config.checkpointIntervalMs));
    // Nobody is seated yet: a creator who never connects, or players who never come back to a restored room.
    this.#armEmptyTimer();
  }

  /**
   * Who may play here. A room created with a match ticket is rated and admits the ticket's players only; the
   * ticket lives in Redis, written by the queue and taken once, so a client cannot forge one. Any other room was
   * created by a client: unrated, open to joins by id, and limited per player per minute.
   */
  async #admit(options: Record<string, unknown>): Promise<void> {
    const services = roomServices();
    const ticket = options[MATCH_TICKET_OPTION];
    if (ticket !== undefined) {
      const players = typeof ticket === "string" && ticket.length <= 64 ? await services.redis.getdel(redisKeys.matchTicket(ticket)) : null;
      if (players === null) throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `${MATCH_TICKET_OPTION}: unknown or already used; rated rooms are made by matchmaking: join the "queue" room`);
      this.#rated = true;
      this.#admitted = new Set(JSON.parse(players) as string[]);
      // Unlisted: joinOrCreate never offers a rated room to someone it would refuse; its players join by id.
      await this.setPrivate(true);
      return;
    }
    const creator = options[CREATOR_OPTION];
    if (typeof creator !== "string") throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, "rooms are created by signed-in players or by matchmaking");
    const limit = services.config.rooms.createsPerMinute;
    const created = Number(await services.redis.eval(COUNT_IN_WINDOW, 1, redisKeys.roomCreates(creator), 60_000));
    if (created > limit) {
      throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, `room creation limit: at most ${limit} rooms a minute per player (ROOM_CREATES_PER_MINUTE); join a room by id, or the "queue" for a rated match`);
    }
  }

  /** An empty room waits for its players; still empty after the grace period, it is abandoned: disposed, nothing recorded. */
  #armEmptyTimer(): void {
    if (this.#emptyTimer || this.#seats.size > 0 || this.state.phase !== "playing") return;
    const graceMs = roomServices().config.rooms.emptyGraceMs;
    this.#emptyTimer = this.clock.setTimeout(() => {
      this.#emptyTimer = undefined;
      if (this.#seats.size === 0 && this.clients.length === 0 && this.state.phase === "playing") void this.#abandon(graceMs);
    }, graceMs);
  }

  async #abandon(graceMs: number): Promise<void> {
    const services = roomServices();
    this.state.phase = "abandoned";
    this.#closing = true;
    clearInterval(this.#checkpointTimer);
    services.log.info({ roomId: this.roomId, gameId: this.gameId, graceMs }, "room abandoned: nobody seated for the grace period; not a rated game, nothing recorded");
    await services.redis.hdel(LIVE_ROOMS_KEY, this.roomId).catch(() => undefined);
    await services.repos.gameState.delete(this.roomId, this.#ownerToken).catch(() => undefined);
    await this.disconnect(CloseCode.CONSENTED);
  }

  /**
   * Oversized frames and frames Colyseus cannot decode are dropped and counted here, before its own handling. A data
   * message is decoded here, once: its payload reaches #onClientMessage through #decodedPayload, and Colyseus gets the
   * frame without it (see decodeRoomData).
   */
  #guardIncomingMessages(): void {
    const self = this as unknown as { _onMessage: RawMessageHandler };
    const original = self._onMessage.bind(this);
    const metrics = roomServices().metrics;
    const pass = (client: Client, buffer: Uint8Array) => {
      try {
        original(client, buffer);
      } catch {
        metrics.dropped("malformed");
      }
    };
    self._onMessage = (client, buffer) => {
      if (!buffer) return pass(client, buffer);
      if (buffer.byteLength > MAX_MESSAGE_BYTES) return metrics.dropped("oversized");
      // Colyseus closes the connection of a client whose message does not decode; we drop the message instead.
      if (buffer.byteLength === 0 || !KNOWN_PROTOCOL_CODES.has(buffer[0]! & 31)) return metrics.dropped("malformed");
      if ((buffer[0]! & 31) !== Protocol.ROOM_DATA) return pass(client, buffer);
      const decoded = decodeRoomData(buffer);
      if (!decoded) return metrics.dropped("malformed");
      this.#decodedPayload = decoded.payload;
      try {
        pass(client, buffer.subarray(0, decoded.typeEnd));
      } finally {
        this.#decodedPayload = undefined;
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
    if (patchStamps.enabled) this.state.patchedAt = performance.timeOrigin + performance.now();
  }

  override onJoin(client: Client, _options: unknown, auth: PlayerIdentity): Promise<void> {
    return traceJoin("arena", this.roomId, auth, () => this.#join(client, auth));
  }

  async #join(client: Client, auth: PlayerIdentity): Promise<void> {
    const services = roomServices();
    // Joining by id skips matchmaking: a rated room seats only the group it was made for (and anyone restored into it).
    if (this.#rated && !this.#admitted.has(auth.playerId)) {
      throw new ServerError(ErrorCode.AUTH_FAILED, `room ${this.roomId} is a rated match: only the players matchmaking seated here may join; join the "queue" room`);
    }
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
    // One seat per player: a newer connection replaces the older one (closed with its reason), so connecting
    // several times neither adds movement (the tick moves each seat) nor takes more than one of the room's seats.
    for (const [sessionId, seat] of this.#seats) {
      if (seat.playerId !== auth.playerId) continue;
      this.#seats.delete(sessionId);
      services.metrics.connectedPlayers.dec();
      seat.reconnection?.reject(new Error("replaced by a newer connection of the same player"));
      if (seat.client !== client) seat.client.leave(SEAT_REPLACED_CLOSE_CODE, "replaced by a newer connection of the same player");
    }
    this.#emptyTimer?.clear();
    this.#emptyTimer = undefined;
    this.#seats.set(client.sessionId, { playerId: auth.playerId, sessionId: session.sessionId, limiter: new RateLimiter(30, 30), player, dx: 0, dy: 0, client });
    services.metrics.connectedPlayers.inc();
    client.send("session", { sessionId: session.sessionId, playerId: auth.playerId, rating: profile.rating, roomId: this.roomId, gameId: this.gameId });
  }

  /**
   * A connection closed without the client leaving (a network drop): the seat waits RECONNECT_SECONDS for the
   * SDK's automatic reconnection, standing still. Not while the room is closing (a shutdown, the match's end).
   */
  override onDrop(client: Client): void {
    const seat = this.#seats.get(client.sessionId);
    if (!seat || seat.client !== client || this.#closing || this.state.phase !== "playing" || roomServices().shuttingDown()) return;
    seat.dx = 0;
    seat.dy = 0;
    const reconnection = this.allowReconnection(client, RECONNECT_SECONDS);
    seat.reconnection = reconnection;
    // On failure Colyseus calls onLeave, which frees the seat.
    reconnection.then(() => { seat.reconnection = undefined; }, () => undefined);
  }

  override onReconnect(client: Client): void {
    const seat = this.#seats.get(client.sessionId);
    if (!seat) throw new Error("the seat was taken over by a newer connection of the same player");
    seat.client = client;
    seat.reconnection = undefined;
  }

  override async onLeave(client: Client): Promise<void> {
    const seat = this.#seats.get(client.sessionId);
    // A replaced connection's seat already belongs to the newer one.
    if (!seat || seat.client !== client) return;
    this.#seats.delete(client.sessionId);
    this.#armEmptyTimer();
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
    const players = [...this.state.players.values()].map((p) => ({ playerId: p.playerId, name: p.name, score: p.score }));
    return {
      gameId: this.gameId,
      roomId: this.roomId,
      endedAt: Math.round(this.state.endsAt),
      players,
      // A solo game (one of the group never came) rates nothing: a win against nobody.
      rated: this.#rated && players.length >= 2,
    } satisfies Required<GameResult>;
  }

  /** Ends the match once; the result is idempotent by game id, so a second end elsewhere is harmless too. */
  finish(): Promise<GameEndProcessing> {
    this.#finishing ??= this.#finish();
    return this.#finishing;
  }

  async #finish(): Promise<GameEndProcessing> {
    const services = roomServices();
    this.state.phase = "ended";
    this.#closing = true;
    this.#emptyTimer?.clear();
    await this.lock();
    const result = this.result();
    const processed = await services.results.process(result);
    const ratings = processed.recorded && result.rated ? Object.fromEntries(processed.outcome.ratings) : {};
    // The player id rides as a property: a dimension would make one CloudWatch metric per player (server/README.md).
    for (const [playerId, rating] of Object.entries(ratings)) services.metrics.record("PlayerRating", rating, { playerId });
    this.broadcast("ended", { gameId: result.gameId, scores: result.players, ratings, recorded: processed.recorded, rated: result.rated });
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
      rated: this.#rated,
      admitted: [...this.#admitted],
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
    if (!options.first) void services.redis.eval(RELIST_ROOM_SCRIPT, 1, LIVE_ROOMS_KEY, this.roomId, services.processId()).catch(() => undefined);
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
    this.#rated = checkpoint.rated === true;
    this.#admitted = new Set(checkpoint.admitted ?? []);
    if (this.#rated) void this.setPrivate(true);
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
    this.#closing = true;
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
    if (this.#counted) localArenas--;
    this.#counted = false;
  }
}

/** A fixed one-minute window counter: INCR, and the window's expiry set by its first increment. */
const COUNT_IN_WINDOW = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;
