import { Client, type Room, type SeatReservation } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueDevToken } from "../auth.ts";
import { ARENA_SIZE, type ArenaRoom } from "../arena-room.ts";
import { startGameServer, type RunningGameServer } from "../main.ts";
import { GameMetrics } from "../metrics.ts";
import { TEST_JWT_SECRET, prepareBackends } from "./fixtures.ts";
import { pino } from "pino";

let server: RunningGameServer;
let endpoint: string;
const emfLines: string[] = [];

beforeAll(async () => {
  const { config } = await prepareBackends("room");
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  server = await startGameServer({ ...config, matchDurationMs: 60_000 }, {
    log: pino({ level: "silent" }), metrics: new GameMetrics({ write: (line) => emfLines.push(line) }),
  });
  endpoint = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.stop();
});

async function clientFor(playerId: string, expiresIn: string | number = "1h", secret = TEST_JWT_SECRET): Promise<Client> {
  const client = new Client(endpoint);
  client.auth.token = await issueDevToken(secret, { playerId, name: playerId.toUpperCase() }, expiresIn);
  return client;
}

function nextMessage<T>(room: Room, type: string, timeoutMs = 5_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" message in ${timeoutMs} ms`)), timeoutMs);
    room.onMessage(type, (message: T) => { clearTimeout(timer); resolve(message); });
  });
}

describe("arena room over real WebSockets", () => {
  it("answers /health, /ready and /metrics", async () => {
    expect((await fetch(`${endpoint}/health`)).status).toBe(200);
    const ready = await fetch(`${endpoint}/ready`);
    expect(await ready.json()).toEqual({ ready: true, redis: true, dynamodb: true, shuttingDown: false });
    expect(await (await fetch(`${endpoint}/metrics`)).text()).toContain("game_dropped_messages_total");
  });

  it("rejects a join with no token, a bad signature or an expired token", async () => {
    const anonymous = new Client(endpoint);
    await expect(anonymous.joinOrCreate("arena")).rejects.toThrow(/token/);
    await expect((await clientFor("mallory", "1h", "another-secret-entirely-0123456789")).joinOrCreate("arena")).rejects.toThrow(/invalid token/);
    await expect((await clientFor("late", Math.floor(Date.now() / 1000) - 10)).joinOrCreate("arena")).rejects.toThrow(/expired/);
  });

  it("lets players join, move and receive 20 Hz patches; session and SessionCreationLatency recorded", async () => {
    const alice = await (await clientFor("alice")).joinOrCreate("arena");
    const session = await nextMessage<{ sessionId: string; playerId: string; rating: number }>(alice, "session");
    expect(session).toMatchObject({ playerId: "alice", rating: 1200 });
    expect(await server.services.sessions.get(session.sessionId)).toMatchObject({ playerId: "alice", status: "playing", roomId: alice.roomId });
    expect(emfLines.some((line) => JSON.parse(line)._aws.CloudWatchMetrics[0].Namespace === "GameMetrics" && "SessionCreationLatency" in JSON.parse(line))).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = { x: alice.state.players.get("alice").x as number };
    let patches = 0;
    alice.onStateChange(() => patches++);
    // Standing still, nothing changes: an idle room sends no patches.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(patches).toBe(0);
    // Away from the nearer wall, so that she moves for the whole half second and every tick changes the state.
    const dx = before.x < ARENA_SIZE / 2 ? 1 : -1;
    alice.send("move", { dx, dy: 0 });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(patches).toBeGreaterThanOrEqual(6);
    expect(patches).toBeLessThanOrEqual(13);
    const after = alice.state.players.get("alice").x as number;
    expect(Math.sign(after - before.x)).toBe(dx);
    await alice.leave();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await server.services.sessions.get(session.sessionId)).toMatchObject({ status: "disconnected", roomId: alice.roomId });
  });

  it("drops and counts malformed, invalid, oversized and flood messages; the room keeps running", async () => {
    const metrics = server.services.metrics;
    const room = await (await clientFor("fuzzer")).joinOrCreate("arena");
    await nextMessage(room, "session");
    room.send("move", { dx: 5, dy: 0 });
    room.send("move", "not an object");
    room.send("move", { dx: 0, dy: 0, extra: 1 });
    room.send("teleport", { x: 1 });
    room.send("move", { dx: 0, dy: "x".repeat(2_000) });
    const raw = (room as unknown as { connection: { send(data: Uint8Array): void } }).connection;
    raw.send(new Uint8Array([13, 0xff, 0xff, 0xff, 0xc1, 0xc1]));
    raw.send(new Uint8Array([0xff]));
    for (let i = 0; i < 150; i++) room.send("move", { dx: 0, dy: 0 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await metrics.droppedCount("invalid")).toBeGreaterThanOrEqual(4);
    expect(await metrics.droppedCount("oversized")).toBeGreaterThanOrEqual(1);
    expect(await metrics.droppedCount("malformed")).toBeGreaterThanOrEqual(2);
    expect(await metrics.droppedCount("rate_limited")).toBeGreaterThanOrEqual(50);
    const pong = nextMessage<{ t: number }>(room, "pong");
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    room.send("ping", { t: 42 });
    expect(await pong).toEqual({ t: 42 });
    expect((await fetch(`${endpoint}/health`)).status).toBe(200);
    await room.leave();
  });

  it("ends the match once: one history item even when the end is processed twice; profiles, ratings, leaderboard", async () => {
    // Rated games come from matchmaking only (issue 14, defect 4): the two players queue and take the seats it reserved.
    const queued = await Promise.all(["winner", "loser"].map(async (id) => (await clientFor(id)).joinOrCreate("queue")));
    const [seatA, seatB] = await Promise.all(queued.map((q) => nextMessage<SeatReservation>(q, "seat")));
    const a = await (await clientFor("winner")).consumeSeatReservation(seatA!);
    await nextMessage(a, "session");
    const b = await (await clientFor("loser")).consumeSeatReservation(seatB!);
    await nextMessage(b, "session");
    await Promise.all(queued.map((q) => q.leave()));
    const room = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
    room.state.players.get("winner")!.score = 7;
    room.state.players.get("loser")!.score = 2;
    const ended = nextMessage<{ gameId: string; recorded: boolean; ratings: Record<string, number> }>(a, "ended");
    const [first, second] = await Promise.all([room.finish(), room.finish()]);
    expect(first).toBe(second);
    const again = await server.services.results.process(room.result());
    expect(again.recorded && again.outcome.duplicate).toBe(true);
    const message = await ended;
    expect(message.recorded).toBe(true);
    const repos = server.services.repos;
    expect(await repos.history.itemsForGame(room.gameId)).toHaveLength(1);
    expect(await repos.users.get("winner")).toMatchObject({ gamesPlayed: 1, wins: 1, rating: message.ratings.winner });
    expect(message.ratings.winner).toBeGreaterThan(1200);
    const board = await server.services.leaderboard.top(50);
    expect(board.find((e) => e.playerId === "winner")?.rating).toBe(message.ratings.winner);
    const session = await server.services.sessions.forPlayer("winner");
    expect(session?.rating).toBe(message.ratings.winner);
    // One PlayerRating per player, the player id a property of the log line and never a dimension (server/README.md).
    const ratingLines = emfLines.map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Dimensions: string[][] }> } })
      .filter((line) => "PlayerRating" in line && (line.playerId === "winner" || line.playerId === "loser"));
    expect(ratingLines.map((line) => [line.playerId, line.PlayerRating]).sort()).toEqual([["loser", message.ratings.loser], ["winner", message.ratings.winner]]);
    for (const line of ratingLines) expect(line._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([["Environment", "Service"]]);
  });

  it("retries a match end that neither DynamoDB nor the outbox took, without crashing the process", async () => {
    const a = await (await clientFor("patient")).joinOrCreate("arena");
    await nextMessage(a, "session");
    const room = matchMaker.getLocalRoomById(a.roomId) as ArenaRoom;
    const results = server.services.results;
    const process = results.process.bind(results);
    let refused = 0;
    results.process = async () => {
      refused++;
      results.process = process;
      throw new Error("Redis and DynamoDB both unavailable");
    };
    const ended = nextMessage<{ gameId: string; recorded: boolean }>(a, "ended", 15_000);
    room.state.endsAt = Date.now();
    const message = await ended;
    expect(refused).toBe(1);
    expect(message.recorded).toBe(true);
    expect(await server.services.repos.history.itemsForGame(message.gameId)).toHaveLength(1);
  }, 30_000);

  it("matches queued players of similar rating into an arena", async () => {
    const q1 = await (await clientFor("queue-1")).joinOrCreate("queue");
    const q2 = await (await clientFor("queue-2")).joinOrCreate("queue");
    const [seat1, seat2] = await Promise.all([nextMessage<{ roomId: string }>(q1, "seat"), nextMessage<{ roomId: string }>(q2, "seat")]);
    expect(seat1.roomId).toBe(seat2.roomId);
    expect(emfLines.some((line) => "MatchmakingTime" in JSON.parse(line))).toBe(true);
    expect(emfLines.some((line) => "QueueLength" in JSON.parse(line))).toBe(true);
    await q1.leave();
    await q2.leave();
  });
});
