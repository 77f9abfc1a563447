import { Client, type Room, type SeatReservation } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { clearFaults, faultStatus, setFaults } from "../../test/aws/admin.ts";
import { aws } from "../../test/env/index.ts";
import { issueDevToken } from "../auth.ts";
import type { ArenaRoom } from "../arena-room.ts";
import { startGameServer, type RunningGameServer } from "../main.ts";
import { GameMetrics } from "../metrics.ts";
import { QueueRoom } from "../queue-room.ts";
import type { ServerConfig } from "../config.ts";
import { TEST_JWT_SECRET, prepareBackends } from "./fixtures.ts";

// Issue 14: a hostile player's tricks against a running server, on real redis-server and moto.
// Literal close codes and option names (not the server's constants) so that this file runs, and fails, on the code before the fix.

let server: RunningGameServer;
const logLines: string[] = [];
let endpoint: string;
const GRACE_MS = 1_000;
const CREATES_PER_MINUTE = 3;
const MAX_ROOMS = 14;

beforeAll(async () => {
  const { config } = await prepareBackends("integrity");
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  const tuned = { ...config, matchDurationMs: 60_000, rooms: { maxPerProcess: MAX_ROOMS, createsPerMinute: CREATES_PER_MINUTE, emptyGraceMs: GRACE_MS } } as ServerConfig;
  server = await startGameServer(tuned, { log: pino({ level: "info" }, { write: (line: string) => { logLines.push(line); } }), metrics: new GameMetrics({ write: () => undefined }) });
  endpoint = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await clearFaults(aws().endpoint).catch(() => undefined);
  await server?.stop();
});

const open: Room[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((room) => Promise.race([room.leave().catch(() => undefined), sleep(2_000)])));
});

async function clientFor(playerId: string): Promise<Client> {
  const client = new Client(endpoint);
  client.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId.toUpperCase() }, "1h");
  return client;
}

function kept(room: Room): Room {
  for (const type of ["session", "ended", "pong", "seat"]) room.onMessage(type, () => undefined);
  open.push(room);
  return room;
}

function nextMessage<T>(room: Room, type: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" message in ${timeoutMs} ms`)), timeoutMs);
    room.onMessage(type, (message: T) => { clearTimeout(timer); resolve(message); });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached in ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Players queue together; matchmaking seats them in one arena, which each consumes (all when `join` is not given). */
async function matched(playerIds: string[], join: string[] = playerIds): Promise<{ roomId: string; rooms: Map<string, Room> }> {
  const queued = await Promise.all(playerIds.map(async (id) => kept(await (await clientFor(id)).joinOrCreate("queue"))));
  const seats = await Promise.all(queued.map((q) => nextMessage<SeatReservation>(q, "seat", 10_000)));
  expect(new Set(seats.map((s) => s.roomId)).size).toBe(1);
  const rooms = new Map<string, Room>();
  for (const [i, id] of playerIds.entries()) {
    if (!join.includes(id)) continue;
    const room = kept(await (await clientFor(id)).consumeSeatReservation(seats[i]!));
    rooms.set(id, room);
  }
  await Promise.all(queued.map((q) => q.leave().catch(() => undefined)));
  return { roomId: seats[0]!.roomId, rooms };
}

function arena(roomId: string): ArenaRoom {
  const room = matchMaker.getLocalRoomById(roomId) as ArenaRoom | undefined;
  if (!room) throw new Error(`room ${roomId} is not live here`);
  return room;
}

/** A bystander's round trip: a ping answered by a pong. */
async function roundTrip(room: Room, timeoutMs = 2_000): Promise<number> {
  const started = performance.now();
  const pong = nextMessage(room, "pong", timeoutMs);
  room.send("ping", { t: 1 });
  await pong;
  return performance.now() - started;
}

describe("one seat per player (defect 2)", () => {
  it("eight connections with one token move no faster than one", async () => {
    const host = kept(await (await clientFor("d2-host")).create("arena"));
    const closes: number[] = [];
    const speedy = await Promise.all(Array.from({ length: 8 }, async () => {
      const room = kept(await (await clientFor("d2-speedy")).joinById(host.roomId));
      room.onLeave((code) => closes.push(code));
      return room;
    }));
    const room = arena(host.roomId);
    await sleep(200);
    const player = room.state.players.get("d2-speedy")!;
    player.x = 10;
    player.y = 50;
    for (const connection of speedy) connection.send("move", { dx: 1, dy: 0 });
    await sleep(500);
    // One connection moves 30 units a second: 15 in 0.5 s (20 with timer slack); eight used to reach the edge.
    expect(player.x - 10).toBeLessThanOrEqual(20);
    expect(player.x - 10).toBeGreaterThan(5);
    expect(room.clients.filter((c) => (c.auth as { playerId: string }).playerId === "d2-speedy")).toHaveLength(1);
    // The replaced connections were told why, with a code the client does not reconnect on.
    await eventually(() => closes.length === 7, 5_000, "seven replaced connections closed");
    expect(new Set(closes)).toEqual(new Set([4100]));
  });

  it("one player's connections cannot fill the room's seats", async () => {
    const host = kept(await (await clientFor("d2-owner")).create("arena"));
    await Promise.allSettled(Array.from({ length: 20 }, async () => kept(await (await clientFor("d2-filler")).joinById(host.roomId))));
    await sleep(300);
    const outsider = kept(await (await clientFor("d2-outsider")).joinById(host.roomId));
    expect(outsider.roomId).toBe(host.roomId);
    expect(arena(host.roomId).clients.length).toBe(3);
  });

  it("a client that loses its connection reconnects to its own seat", async () => {
    const host = kept(await (await clientFor("d2-roamer")).create("arena"));
    await nextMessage(host, "session").catch(() => undefined);
    host.reconnection.minUptime = 0;
    const reconnected = new Promise<void>((resolve, reject) => {
      host.onReconnect(() => resolve());
      host.onLeave((code) => reject(new Error(`left with ${code} instead of reconnecting`)));
      setTimeout(() => reject(new Error("no reconnection in 10 s")), 10_000);
    });
    const room = arena(host.roomId);
    // The network drops: the server's side of the socket dies without a close frame (code 1006 on both ends).
    (room.clients[0]!.ref as unknown as { terminate(): void }).terminate();
    await reconnected;
    await sleep(200);
    expect(room.clients).toHaveLength(1);
    expect(room.state.players.get("d2-roamer")?.connected).toBe(true);
    expect(await roundTrip(host)).toBeLessThan(2_000);
  });
});

describe("rooms are made by matchmaking (defects 3 and 4)", () => {
  it("a rated room takes only the players matchmaking seated there", async () => {
    const { roomId } = await matched(["d4-a", "d4-b"]);
    const intruder = await (await clientFor("d4-intruder")).joinById(roomId).then((room) => kept(room), (error: unknown) => error as Error);
    expect(intruder).toBeInstanceOf(Error);
    expect(String(intruder)).toMatch(/matchmaking/);
    expect(arena(roomId).state.players.has("d4-intruder")).toBe(false);
  });

  it("a client cannot forge a rated room", async () => {
    const forged = await (await clientFor("d4-forger")).create("arena", { matchTicket: "guessed", rated: true, players: ["d4-forger", "d4-alt"] })
      .then(async (room) => { kept(room); await sleep(100); return arena(room.roomId).result(); }, (error: unknown) => String(error));
    // Refused (a ticket only matchmaking writes), never a rated room.
    expect(forged).toMatch(/matchTicket: unknown or already used/);
  });

  it("wins go to a strict winner only; a tie is a draw and wins nothing", async () => {
    const tie = await matched(["d4-tie-1", "d4-tie-2"]);
    const tied = arena(tie.roomId);
    tied.state.players.get("d4-tie-1")!.score = 3;
    tied.state.players.get("d4-tie-2")!.score = 3;
    expect((await tied.finish()).recorded).toBe(true);
    for (const id of ["d4-tie-1", "d4-tie-2"]) expect(await server.services.repos.users.get(id)).toMatchObject({ gamesPlayed: 1, wins: 0, rating: 1200 });

    const decided = await matched(["d4-win", "d4-lose"]);
    const room = arena(decided.roomId);
    room.state.players.get("d4-win")!.score = 5;
    room.state.players.get("d4-lose")!.score = 2;
    expect((await room.finish()).recorded).toBe(true);
    expect(await server.services.repos.users.get("d4-win")).toMatchObject({ wins: 1, rating: 1216 });
    expect(await server.services.repos.users.get("d4-lose")).toMatchObject({ wins: 0, rating: 1184 });
  });

  it("a rated room one player never joined is not a rated game; a room created by a client is never rated", async () => {
    const solo = await matched(["d4-solo", "d4-absent"], ["d4-solo"]);
    const room = arena(solo.roomId);
    room.state.players.get("d4-solo")!.score = 9;
    expect(room.result().rated).toBe(false);
    await room.finish();
    expect(await server.services.repos.users.get("d4-solo")).toMatchObject({ wins: 0, rating: 1200 });

    const host = kept(await (await clientFor("d4-friend-1")).create("arena"));
    kept(await (await clientFor("d4-friend-2")).joinById(host.roomId));
    await sleep(200);
    const casual = arena(host.roomId);
    casual.state.players.get("d4-friend-1")!.score = 9;
    expect(casual.result().rated).toBe(false);
    expect((await casual.finish()).recorded).toBe(true);
    expect(await server.services.repos.users.get("d4-friend-1")).toMatchObject({ wins: 0, rating: 1200 });
  });

  it("an empty room disposes after the grace period without recording a game", async () => {
    const { roomId, rooms } = await matched(["d3-gone-1", "d3-gone-2"]);
    const gameId = arena(roomId).gameId;
    for (const room of rooms.values()) await room.leave();
    await eventually(() => matchMaker.getLocalRoomById(roomId) === undefined, GRACE_MS + 5_000, "the empty room disposed");
    expect(await server.services.repos.history.itemsForGame(gameId)).toEqual([]);
    expect(await server.services.redis.hexists("rooms:live", roomId)).toBe(0);
    expect(await server.services.repos.gameState.load(roomId)).toBeUndefined();
  });
});

describe("a failed room creation does not strand the queue (defect 7)", () => {
  it("puts the group back in its places and seats it on the next pass", async () => {
    const seam = QueueRoom as unknown as { createArena?: (options: Record<string, unknown>) => Promise<unknown> };
    const original = seam.createArena;
    let failures = 0;
    seam.createArena = async (options) => {
      seam.createArena = original;
      failures++;
      throw new Error(`injected: room creation failed (${JSON.stringify(options).length} bytes of options)`);
    };
    try {
      const { roomId } = await matched(["d7-a", "d7-b"]);
      expect(failures).toBe(1);
      expect(arena(roomId).state.players.size).toBe(2);
    } finally {
      seam.createArena = original;
    }
  });
});

describe("floods (issue 14: floods and throttling)", () => {
  let bystander: Room;
  beforeAll(async () => {
    bystander = await (await clientFor("flood-bystander")).create("arena");
    for (const type of ["session", "ended"]) bystander.onMessage(type, () => undefined);
  });
  afterAll(async () => {
    await bystander?.leave().catch(() => undefined);
  });

  it("a room-creation flood from one token: bounded by the per-player limit; others keep playing", async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 25 }, async () => kept(await (await clientFor("flood-creator")).create("arena"))));
    const created = attempts.filter((a) => a.status === "fulfilled").length;
    expect(created).toBeLessThanOrEqual(CREATES_PER_MINUTE);
    const refusals = attempts.flatMap((a) => (a.status === "rejected" ? [String(a.reason)] : []));
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]).toMatch(/rooms a minute/);
    expect(await roundTrip(bystander)).toBeLessThan(1_000);
  });

  it("a room-creation flood from many tokens: bounded by the per-process cap; others keep playing", async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 30 }, async (_, i) => kept(await (await clientFor(`flood-many-${i}`)).create("arena"))));
    expect(attempts.filter((a) => a.status === "fulfilled").length).toBeLessThanOrEqual(MAX_ROOMS);
    expect(attempts.some((a) => a.status === "rejected" && /MAX_ROOMS_PER_PROCESS/.test(String(a.reason)))).toBe(true);
    expect(await roundTrip(bystander)).toBeLessThan(1_000);
  });

  it("a join flood from one token and from many tokens: one seat per player, 16 seats at most; others keep playing", async () => {
    await Promise.all(open.splice(0).map((room) => room.leave().catch(() => undefined)));
    await sleep(GRACE_MS + 500);
    const target = kept(await (await clientFor("flood-target")).create("arena"));
    await Promise.allSettled(Array.from({ length: 40 }, async () => kept(await (await clientFor("flood-one")).joinById(target.roomId))));
    await Promise.allSettled(Array.from({ length: 40 }, async (_, i) => kept(await (await clientFor(`flood-join-${i}`)).joinById(target.roomId))));
    await sleep(300);
    const room = arena(target.roomId);
    expect(room.clients.length).toBeLessThanOrEqual(16);
    expect(room.clients.filter((c) => (c.auth as { playerId: string }).playerId === "flood-one").length).toBeLessThanOrEqual(1);
    expect(await roundTrip(bystander)).toBeLessThan(1_000);
    expect((await fetch(`${endpoint}/health`)).status).toBe(200);
  });
});

describe("DynamoDB throttling on the server's calls (issue 14: floods and throttling)", () => {
  it("loses no result and keeps the other players playing", async () => {
    const endpointAws = aws().endpoint;
    const playing = kept(await (await clientFor("throttle-bystander")).create("arena"));
    // One group at a time: four players queued together could be paired either way.
    const games = [];
    for (const ids of [["thr-a1", "thr-a2"], ["thr-b1", "thr-b2"]]) games.push({ ids, ...(await matched(ids)) });
    await setFaults(endpointAws, { rate: 0.6, kinds: ["throttle"], services: ["dynamodb"], seed: 14 });
    try {
      const ended = await Promise.all(games.map(async ({ roomId, ids }) => {
        const room = arena(roomId);
        room.state.players.get(ids[0]!)!.score = 4;
        const gameId = room.gameId;
        const processing = await room.finish();
        return { gameId, processing };
      }));
      expect(await roundTrip(playing)).toBeLessThan(1_000);
      expect((await faultStatus(endpointAws)).injected).toBeGreaterThan(0);
      await clearFaults(endpointAws);
      // Whatever DynamoDB refused went to the outbox; a drain writes it once.
      await server.services.results.drain().catch(() => 0);
      for (const { gameId } of ended) {
        await eventually(async () => (await server.services.repos.history.itemsForGame(gameId)).length === 1, 20_000, `game ${gameId} recorded`);
      }
      expect(await server.services.repos.users.get("thr-a1")).toMatchObject({ gamesPlayed: 1, wins: 1 });
      expect(await server.services.repos.users.get("thr-b1")).toMatchObject({ gamesPlayed: 1, wins: 1 });
    } finally {
      await clearFaults(endpointAws);
    }
  }, 60_000);
});

describe("oversized messages (issue 14, defect 9)", () => {
  it("a frame over the transport's limit is counted and logged as one line without a stack", async () => {
    const printed: string[] = [];
    const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => { printed.push(args.map(String).join(" ")); });
    try {
      const room = kept(await (await clientFor("d9-big")).create("arena"));
      const before = await server.services.metrics.droppedCount("oversized");
      const closed = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
      const raw = (room as unknown as { connection: { send(data: Uint8Array): void } }).connection;
      raw.send(new Uint8Array(200 * 1024).fill(13));
      // ws refuses to buffer a frame past maxPayload and closes the socket (1009) before any room code sees it.
      expect(await closed).toBe(1009);
      await eventually(async () => (await server.services.metrics.droppedCount("oversized")) === before + 1, 5_000, "the oversized frame counted");
      const lines = logLines.filter((line) => line.includes("oversized"));
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toMatch(/\n\s+at /);
      expect(printed.filter((line) => /RangeError|Max payload/.test(line))).toEqual([]);
    } finally {
      spy.mockRestore();
    }
  });
});
