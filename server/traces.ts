import { context, ROOT_CONTEXT, SpanKind, type Context, type Link, type Span, type SpanContext } from "@opentelemetry/api";
import { activeTracing, inSpan } from "../src/util/spans.ts";

/*
 * The game server's own spans: WebSocket joins, the matchmaking flow and slow ticks. Redis, DynamoDB and HTTP
 * spans come from the instrumentations (server/tracing.ts). With tracing off every helper here is one branch
 * and a direct call.
 */

/** A tick longer than this (half the 50 ms simulation interval) is recorded as an event on the room's span. */
export const SLOW_TICK_MS = 25;

// The matchmaking HTTP request's context, by player, from onAuth (in the request) to onJoin (on the WebSocket,
// moments later): the join continues the request's trace, including one continued from an ALB's X-Amzn-Trace-Id.
// Colyseus copies the auth data between the two, so the player id is the key. Entries are taken by the join or
// expire: a reservation that is never used leaves nothing behind for long.
const RESERVATION_MS = 15_000;
const requestContexts = new Map<string, { context: Context; expires: number }>();
const joinSpans = new WeakMap<object, SpanContext>();
const roomSpans = new WeakMap<object, Span>();

/**
 * A timer callback that starts from no trace. A room's timers are set in onCreate, inside the request that created
 * the room, and would otherwise carry that request's context for the room's whole life: every checkpoint and match
 * would land in one join's trace. For a timer that fires often, prefer creating it inside `outsideTraces`: this
 * wrapper switches context at every call.
 */
export function untraced<A extends unknown[]>(callback: (...args: A) => void): (...args: A) => void {
  if (!activeTracing()) return callback;
  return (...args: A) => context.with(ROOT_CONTEXT, () => callback(...args));
}

/**
 * Runs `start`, which creates timers, outside any trace. A Node timer runs every callback in the context it was
 * created in, so a room's 20 Hz tick and patch intervals created here start from no trace at every call without a
 * context switch per call (which `untraced` would cost 40 times a second per room).
 */
export function outsideTraces<T>(start: () => T): T {
  if (!activeTracing()) return start();
  return context.with(ROOT_CONTEXT, start);
}

/** Called from onAuth, inside the matchmaking request. */
export function rememberJoinRequest(auth: { playerId: string }): void {
  if (!activeTracing()) return;
  const now = Date.now();
  if (requestContexts.size > 1_000) for (const [key, entry] of requestContexts) if (entry.expires < now) requestContexts.delete(key);
  requestContexts.set(auth.playerId, { context: context.active(), expires: now + RESERVATION_MS });
}

function takeJoinRequest(playerId: string | undefined): Context | undefined {
  if (playerId === undefined) return undefined;
  const entry = requestContexts.get(playerId);
  requestContexts.delete(playerId);
  return entry && entry.expires >= Date.now() ? entry.context : undefined;
}

/** Runs a room's onJoin in a span (server kind: it is the WebSocket request's handling) under the matchmaking request. */
export function traceJoin<T>(room: "arena" | "queue", roomId: string, auth: object & { playerId?: string }, work: () => Promise<T>): Promise<T> {
  const tracing = activeTracing();
  if (!tracing) return work();
  return inSpan(tracing.tracer, `${room}.join`, { "game.room": room, "game.room_id": roomId, ...(auth.playerId ? { "game.player_id": auth.playerId } : {}) }, async (span) => {
    if (span) joinSpans.set(auth, span.spanContext());
    return await work();
  }, { kind: SpanKind.SERVER, parent: takeJoinRequest(auth.playerId) ?? context.active() });
}

/**
 * A match found by the queue: its own trace (the queue's timer started it), linked to each player's queue
 * entry, with the arena's creation as a child span (onCreate's Redis and DynamoDB calls fall under it).
 */
export function traceMatchFound<T>(players: ReadonlyArray<{ rating: number; enqueuedAt: number; auth?: unknown }>, now: number, createRoom: () => Promise<T>): Promise<T> {
  const tracing = activeTracing();
  if (!tracing) return createRoom();
  const links: Link[] = players.flatMap((p) => {
    const joined = typeof p.auth === "object" && p.auth !== null ? joinSpans.get(p.auth) : undefined;
    return joined ? [{ context: joined }] : [];
  });
  const waited = players.map((p) => now - p.enqueuedAt);
  // Its own trace whatever context the caller's timer carries.
  return tracing.tracer.startActiveSpan("matchmaking.match_found", {
    links,
    attributes: { "game.match.players": players.length, "game.match.max_wait_ms": Math.max(...waited), "game.match.rating_spread": Math.max(...players.map((p) => p.rating)) - Math.min(...players.map((p) => p.rating)) },
  }, ROOT_CONTEXT, async (span) => {
    try {
      return await inSpan(tracing.tracer, "matchmaking.room_created", { "game.room": "arena" }, createRoom);
    } finally {
      span.end();
    }
  });
}

/**
 * Runs one tick; a slow one becomes an event on the room's span (ticks themselves are never spans: 20 a second per
 * room). The room creates its tick interval inside `outsideTraces`, so a tick that ends the match writes results in a
 * trace of its own, not in the room's creation's.
 */
export function timedTick(room: object & { roomId: string }, run: () => void): void {
  const tracing = activeTracing();
  if (!tracing) return run();
  const started = performance.now();
  run();
  const elapsed = performance.now() - started;
  let span = roomSpans.get(room);
  if (!span) {
    // Started at the first tick, so its duration is the room's simulated life.
    span = tracing.tracer.startSpan("arena.room", { attributes: { "game.room": "arena", "game.room_id": room.roomId } }, ROOT_CONTEXT);
    roomSpans.set(room, span);
  }
  if (elapsed > SLOW_TICK_MS) span.addEvent("slow tick", { "game.tick.duration_ms": elapsed, "game.tick.budget_ms": SLOW_TICK_MS });
}

/** Ends the room's span (onDispose), so it and its slow-tick events are exported. */
export function endRoomTrace(room: object): void {
  roomSpans.get(room)?.end();
  roomSpans.delete(room);
}

