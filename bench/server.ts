// The game server's figures (issue 7), against a local redis-server and moto, with bots written with @colyseus/sdk 0.18:
//  1. session creation latency (server/sessions.ts create, as onJoin calls it), p50/p99 (goal p99 < 5 ms);
//  2. a session update (server/sessions.ts update, as onLeave calls it) next to `redis-benchmark` PING with the same
//     shape (one connection, one request in flight: -c 1 -P 1) in alternating rounds of the same run, and their ratio
//     (goal <= 1.3x, issue 18), with the figures that show where the difference goes (a session read, the same function sent by
//     redis-benchmark, a bare Node socket, ioredis's PING, and Redis's own time per call);
//  3. room patch fan-out latency p50/p99 at 100, 500 and 1000 bots;
//  4. the most bots one server process holds at 20 Hz before patch p99 > 50 ms (goal >= 5000), ramped in steps, after
//     the machine's floor for it: what one process writing a frame to each of 5000 sockets at 20 Hz costs, alone;
//  5. game results recorded against results expected across a scripted Redis failover, and duplicates (issue 14; goal
//     100%, 0 duplicates): see bench/failover.ts.
// The server runs as its own process (`node server/index.ts`); the bots run in --workers forked processes
// (bench/server-bots.ts), so the server's CPU is its own. The machine's other processes (bots, redis-server, moto,
// other people's work) share its cores, so every step prints the load and the CPU of each side.
// Usage: node bench/server.ts [--steps 100,500,1000,1500,2000,2500,3000,4000,5000] [--seconds 5] [--workers 2]
//        [--join-rate 150] [--samples 20000] [--rounds 5] [--skip-redis] [--bot-websocket undici|ws]
//        [--keep-going: ramp on past the first step over 50 ms, to see joins and latency further up]
//        [--cpu-prof <dir>: each step's recorded seconds are profiled into <dir>/step-<bots>.cpuprofile (bench/profile-top.ts)]
//        [--failover-games 400] [--skip-failover] [--failover-only: only figure 5] [--redis-only: only figures 1 and 2]
//        [--peer-bots 500] [--peer-rounds 3] [--peer-only: only the write floor and the peer baseline (figure 6)]
//  6. the peer baseline (issue 18): CPU per patch sent of this server and of a bare Colyseus 0.18 room with the same
//     state shape and tick rate (bench/bare-colyseus-server.ts), each next to the write floor, in alternating rounds of
//     --peer-bots bots; goals: ours <= 1.5x the floor, <= 1.1x bare Colyseus (medians of the rounds' own ratios).
import { execFileSync, fork, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { tableVariables } from "../server/config.ts";
import { redisKeys } from "../server/keys.ts";
import { createRedis } from "../server/redis.ts";
import { SESSION_FUNCTIONS, SessionStore } from "../server/sessions.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "../server/test/processes.ts";
import { startMoto } from "../test/env/moto.ts";
import { startRedis } from "../test/env/redis.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool } from "../test/support/aws-environment.ts";
import { failoverFigures } from "./failover.ts";
import { measurePatchCost, mergedPatchLatency, pairedRatio, STAMPED_SERVER, type PatchCost } from "./patch-cost.ts";
import { connectProfiler, INSPECT_OPTIONS } from "./remote-profile.ts";
import type { BotCommand, BotReport } from "./server-bots.ts";
import { percentile } from "./stats.ts";

const BARE_COLYSEUS_SERVER = fileURLToPath(new URL("./bare-colyseus-server.ts", import.meta.url));
const { values } = parseArgs({
  options: {
    steps: { type: "string", default: "100,500,1000,1500,2000,2500,3000,4000,5000" },
    seconds: { type: "string", default: "5" },
    workers: { type: "string", default: "2" },
    "join-rate": { type: "string", default: "150" },
    addresses: { type: "string", default: "4" },
    samples: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
    "skip-redis": { type: "boolean", default: false },
    "keep-going": { type: "boolean", default: false },
    "cpu-prof": { type: "string" },
    "bot-websocket": { type: "string", default: "undici" },
    "failover-games": { type: "string", default: "400" },
    "skip-failover": { type: "boolean", default: false },
    "failover-only": { type: "boolean", default: false },
    "redis-only": { type: "boolean", default: false },
    "peer-bots": { type: "string", default: "500" },
    "peer-rounds": { type: "string", default: "3" },
    "peer-only": { type: "boolean", default: false },
  },
});
const steps = values.steps.split(",").filter(Boolean).map(Number);
const FANOUT_SIZES = new Set([100, 500, 1000]);
const seconds = Number(values.seconds);
const workerCount = Number(values.workers);
const joinRate = Number(values["join-rate"]);
const samples = Number(values.samples);
const rounds = Number(values.rounds);
const SECRET = "bench-secret-for-hs256-tokens-0123456789";
const ROOM_SEATS = 16; // ArenaRoom.maxClients; the occupancy each step actually reached is printed from the live rooms.

const fmt = (ms: number) => `${ms.toFixed(2)} ms`;
/** Ends the run early (--failover-only, --redis-only, --peer-only), through the same cleanup as a full run. */
class FailoverOnly extends Error {}
const verdict = (ok: boolean) => (ok ? "OK" : "MISSED");
const load = () => loadavg().map((l) => l.toFixed(2)).join(" ");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU seconds a process has used so far in user space and in the kernel (Linux /proc). */
function cpuSecondsOf(pid: number | undefined): { user: number; kernel: number } {
  if (pid === undefined) return { user: NaN, kernel: NaN };
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return { user: Number(fields[11]) / 100, kernel: Number(fields[12]) / 100 };
  } catch {
    return { user: NaN, kernel: NaN };
  }
}
/** The whole machine's busy and total CPU ticks (all cores), to show how much was left for anyone. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3]! - fields[4]!, total };
}

async function timed(count: number, operation: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await operation();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

interface Figure { p50: number; mean: number }
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
/** p50 and mean in µs of latencies in ms. */
function summary(latencies: number[]): Figure {
  return { p50: percentile(latencies, 50) * 1000, mean: (latencies.reduce((a, b) => a + b, 0) / latencies.length) * 1000 };
}

/** redis-benchmark's p50 and mean (µs) for one test, one connection and one request in flight. */
function redisBenchmark(port: number, requests: number, args: string[]): Figure {
  const output = execFileSync("redis-benchmark", ["-p", String(port), "-c", "1", "-P", "1", "-n", String(requests), "-q", ...args], { encoding: "utf8" });
  const lines = output.split(/\r|\n/).filter((line) => line.includes("p50="));
  const line = lines.find((l) => l.startsWith("PING_MBULK")) ?? lines.pop() ?? "";
  // With one request in flight, the mean latency is exactly the inverse of the throughput.
  return { p50: Number(/p50=([\d.]+) msec/.exec(line)?.[1] ?? NaN) * 1000, mean: 1e6 / Number(/: ([\d.]+) requests per second/.exec(line)?.[1] ?? NaN) };
}

/** How long Redis itself spent per call of each command the figures use, from INFO commandstats. */
async function redisOwnTimePerCall(redis: Redis): Promise<string> {
  const stats = await redis.info("commandstats");
  const perCall = (command: string) => /usec_per_call=([\d.]+)/.exec(stats.split("\n").find((l) => l.startsWith(`cmdstat_${command}:`)) ?? "")?.[1] ?? "?";
  return `PING ${perCall("ping")} µs, HGETALL ${perCall("hgetall")} µs, FCALL of the session update ${perCall("fcall")} µs (its three calls: PEXPIRE ${perCall("pexpire")}, HSET ${perCall("hset")} µs each)`;
}

/** PING over a bare Node socket: the runtime's own round-trip floor, without any client library. */
async function rawSocketPings(port: number, count: number): Promise<number[]> {
  const socket = connect(port, "127.0.0.1");
  socket.setNoDelay(true);
  await new Promise((resolve) => socket.once("connect", resolve));
  let waiting: (() => void) | undefined;
  socket.on("data", () => { const resolve = waiting; waiting = undefined; resolve?.(); });
  const ping = () => new Promise<void>((resolve) => { waiting = resolve; socket.write("*1\r\n$4\r\nPING\r\n"); });
  await timed(1000, ping);
  const latencies = await timed(count, ping);
  socket.destroy();
  return latencies;
}

/**
 * What one socket write costs this machine: the floor under any transport that writes once per client per patch.
 * One process writes a 40-byte frame to each of `sockets` loopback connections every 50 ms (a 20 Hz patch to each
 * client, nothing else), a second process reads them; the writer's CPU per write is the floor.
 */
async function writeFloor(sockets: number, seconds: number): Promise<{ microsPerWrite: number; kernelShare: number; writesPerSecond: number }> {
  const reader = spawn(process.execPath, ["-e", `require("node:net").createServer((s) => s.resume()).listen(0, "127.0.0.1", function () { console.log(this.address().port); });`], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    const port = Number(await new Promise<string>((resolve) => reader.stdout.once("data", (data: Buffer) => resolve(data.toString()))));
    const clients = await Promise.all(Array.from({ length: sockets }, () => new Promise<Socket>((resolve, reject) => {
      const socket = connect(port, "127.0.0.1", () => resolve(socket)).on("error", reject);
      socket.setNoDelay(true);
    })));
    const frame = Buffer.alloc(40, 1);
    let writes = 0;
    const patch = () => { for (const client of clients) client.write(frame); writes += clients.length; };
    const ticker = setInterval(patch, 50);
    await sleep(1000);
    const before = process.cpuUsage();
    const written = writes;
    await sleep(seconds * 1000);
    const used = process.cpuUsage(before);
    const count = writes - written;
    clearInterval(ticker);
    for (const client of clients) client.destroy();
    return { microsPerWrite: (used.user + used.system) / count, kernelShare: used.system / (used.user + used.system), writesPerSecond: count / seconds };
  } finally {
    reader.kill();
  }
}

console.log(`machine: ${availableParallelism()} cores, load average ${load()} (other work on the machine skews the figures)`);
const redisService = await startRedis();
const moto = await startMoto();
const target = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
const converged = await convergeFully(testPool(target), loadEnvironment(coreManifest("bench", await createNetwork(target))));
const env: Record<string, string> = {
  REDIS_URL: `${redisService.url}/0`, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: moto.endpoint,
  AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing",
  ...tableVariables(converged.outputs.tables),
  JWT_SECRET: SECRET, PORT: "0", MATCH_DURATION_MS: "3600000", CHECKPOINT_INTERVAL_MS: "5000", LOG_LEVEL: "warn",
  // The ramp fills rooms of 16 one process holds: past the default cap of 200 rooms its joins would be refused.
  MAX_ROOMS_PER_PROCESS: "2000",
  ...(values["cpu-prof"] ? { NODE_OPTIONS: INSPECT_OPTIONS } : {}),
};

let server: ServerProcess | undefined;
const workers: ChildProcess[] = [];
try {
  if (!values["skip-failover"] && !values["redis-only"]) {
    // 5 first: it needs no server process, and its own Redis pair; the rest of the bench does not depend on it.
    const games = Number(values["failover-games"]);
    // Of each TransactWriteItems call: the SDK and withRetry try up to 8 times, so about 0.9^8 = 43% of results are refused.
    const refusedShare = 0.9;
    const outageMs = 4_000;
    const f = await failoverFigures({ awsEndpoint: moto.endpoint, tables: { users: env.TABLE_USERS!, gameHistory: env.TABLE_GAME_HISTORY!, gameState: env.TABLE_GAME_STATE! }, games, refusedShare, outageMs });
    const share = (100 * f.recorded) / f.expected;
    console.log(`results across a scripted Redis failover (primary killed, ${outageMs / 1000} s with no endpoint, longer than the 3 s heartbeat, then the replica promoted with REPLICAOF NO ONE; DynamoDB failing ${refusedShare * 100}% of game-end transaction calls meanwhile; 3 drainers): recorded ${f.recorded} of ${f.expected} expected (${share.toFixed(1)}%, goal 100%) ${verdict(f.recorded === f.expected)}; duplicates ${f.duplicates} (goal 0) ${verdict(f.duplicates === 0)}`);
    console.log(`  how they went: ${f.direct} written at once, ${f.keptInRedis} through the Redis outbox, ${f.keptInDynamo} kept in DynamoDB while Redis was away, ${f.retriedInMemory} retries in memory (neither took it yet); the backlog drained in ${f.drainSeconds.toFixed(1)} s once DynamoDB answered`);
  }
  if (values["failover-only"]) throw new FailoverOnly();
  if (!values["skip-redis"]) {
    // 1 and 2: the server's own session code over the server's own Redis client (createRedis), one request in flight.
    // A single node: the bench reads its own CONFIG and INFO, which a cluster client would send to a random node.
    const redis = createRedis({ url: `${redisService.url}/1`, tls: false, authMode: "none", cluster: false }) as Redis;
    const sessions = new SessionStore(redis);
    await timed(1000, () => sessions.create(`warm-${Math.floor(Math.random() * 1000)}`, 1200, "playing", "room-bench"));
    const creates = await timed(samples, () => sessions.create(`player-${Math.floor(Math.random() * 10_000)}`, 1200, "playing", "room-bench"));
    const createP99 = percentile(creates, 99);
    console.log(`session creation (sessions.create with the room id, as onJoin: one FCALL, two when the player had a session): p50 ${fmt(percentile(creates, 50))}  p99 ${fmt(createP99)}  (goal p99 < 5 ms) ${verdict(createP99 < 5)}`);
    const session = await sessions.create("updater", 1200);
    await timed(1000, () => sessions.update(session, { status: "playing" }));
    await timed(1000, () => redis.ping());
    await redis.config("RESETSTAT");
    // Rounds alternate between redis-benchmark and Node so that both sides see the same machine: on this VM a quiet
    // or busy neighbour moves every round trip by 20-40%, and a single pass of each would compare different minutes.
    const perRound = Math.ceil(samples / rounds);
    const figures = { ping: [] as Figure[], update: [] as Figure[], read: [] as Figure[], scripted: [] as Figure[], raw: [] as Figure[], ioredisPing: [] as Figure[] };
    for (let round = 0; round < rounds; round++) {
      figures.ping.push(redisBenchmark(redisService.port, perRound, ["-t", "ping"]));
      figures.update.push(summary(await timed(perRound, () => sessions.update(session, { status: "playing" }))));
      figures.read.push(summary(await timed(perRound, () => sessions.get(session.sessionId))));
      // The same function call sent by redis-benchmark: what the session update costs Redis itself, next to its PING.
      figures.scripted.push(redisBenchmark(redisService.port, perRound, ["--dbnum", "1", "FCALL", SESSION_FUNCTIONS.registeredName("session_update"), "2", redisKeys.session(session.sessionId), redisKeys.playerSession(session.playerId), String(Date.now()), "1800000", "status", "playing"]));
      figures.raw.push(summary(await rawSocketPings(redisService.port, perRound)));
      figures.ioredisPing.push(summary(await timed(perRound, () => redis.ping())));
    }
    const redisOwn = await redisOwnTimePerCall(redis);
    const ratio = (of: Figure[], to: Figure[], stat: "mean" | "p50") => median(of.map((f, i) => f[stat] / to[i]![stat]));
    const line = (label: string, of: Figure[], bucketed = false) =>
      `  ${label.padEnd(62)} p50 ${bucketed ? "<=" : "  "}${median(of.map((f) => f.p50)).toFixed(1).padStart(5)} µs   mean ${median(of.map((f) => f.mean)).toFixed(1).padStart(5)} µs   ${ratio(of, figures.ping, "mean").toFixed(2)}x | ${ratio(of, figures.ping, "p50").toFixed(2)}x`;
    console.log(`Redis session operations next to redis-benchmark PING: one connection, one request in flight, ${rounds} alternating rounds of ${perRound} requests each (medians of the rounds; ratios are to redis-benchmark PING, mean | p50):`);
    console.log(line("redis-benchmark PING (-c 1 -P 1)", figures.ping, true));
    console.log(line("session update (sessions.update: FCALL of PEXPIRE+HSET+PEXPIRE)", figures.update));
    console.log(line("session read (sessions.get: HGETALL, as a reconnect lookup)", figures.read));
    console.log(line("the same FCALL sent by redis-benchmark", figures.scripted, true));
    console.log(line("PING over a bare Node socket (no client library)", figures.raw));
    console.log(line("PING through ioredis (the server's client and options)", figures.ioredisPing));
    console.log(`  redis-benchmark's histogram counts in 8 µs steps at this scale (its lowest discernible value is 10 µs), so its p50 is a bucket's upper edge; its mean (1 / requests per second, one request in flight) is exact, so the goal is judged on the means`);
    console.log(`  Redis's own time per call (INFO commandstats): ${redisOwn}`);
    const updateRatio = ratio(figures.update, figures.ping, "mean");
    console.log(`ratio session update / redis-benchmark PING (means): ${updateRatio.toFixed(2)}x  (goal <= 1.3x) ${verdict(updateRatio <= 1.3)}; session read: ${ratio(figures.read, figures.ping, "mean").toFixed(2)}x`);
    redis.disconnect();
  }
  if (values["redis-only"]) throw new FailoverOnly();

  // The floor under 4: what 20 Hz writes alone cost here, before any game, encoding or WebSocket framing.
  const floor = await writeFloor(5000, 3);
  const floorPlayers = Math.floor(1e6 / floor.microsPerWrite / 20);
  console.log(`write floor: one process writing a 40-byte frame to each of 5000 loopback sockets every 50 ms (it managed ${Math.round(floor.writesPerSecond)} writes/s of the 100000 that 20 Hz asks, with nothing else to do) spends ${floor.microsPerWrite.toFixed(1)} µs of CPU per write, ${(floor.kernelShare * 100).toFixed(0)}% of it in the kernel: one core does at most ${floorPlayers} players at 20 Hz on this machine with any transport that writes once per client per patch, before the game, encoding and framing; 5000 players need ${(5000 * 20 * floor.microsPerWrite / 1e6).toFixed(2)} cores of writes alone`);

  // 6: where our CPU per patch stands against the floor and against Colyseus itself, in rounds alternating the three.
  {
    const peerBots = Number(values["peer-bots"]);
    const sides = { ours: [] as PatchCost[], bare: [] as PatchCost[], floor: [] as number[] };
    const round = (entry: string, roundEnv: Record<string, string>, index: number, name: string) => measurePatchCost({
      entry, env: roundEnv, bots: peerBots, workers: workerCount, seconds, secret: SECRET, round: 10 + index,
      ...(values["cpu-prof"] ? { profile: { dir: values["cpu-prof"], name: `${name}-${index}` } } : {}),
    });
    for (let i = 0; i < Number(values["peer-rounds"]); i++) {
      sides.ours.push(await round(STAMPED_SERVER, env, i, "ours"));
      sides.bare.push(await round(BARE_COLYSEUS_SERVER, { PORT: "0" }, i, "bare"));
      sides.floor.push((await writeFloor(5000, 3)).microsPerWrite);
      console.log(`peer round ${i + 1}: ours ${sides.ours.at(-1)!.cpuMicrosPerPatch.toFixed(1)} µs CPU/patch (${sides.ours.at(-1)!.patchesPerSecond.toFixed(0)} patches/s), bare Colyseus ${sides.bare.at(-1)!.cpuMicrosPerPatch.toFixed(1)} µs (${sides.bare.at(-1)!.patchesPerSecond.toFixed(0)} patches/s), write floor ${sides.floor.at(-1)!.toFixed(1)} µs/write; load ${load()}`);
    }
    const ours = sides.ours.map((r) => r.cpuMicrosPerPatch);
    const bare = sides.bare.map((r) => r.cpuMicrosPerPatch);
    const toFloor = pairedRatio(ours, sides.floor);
    const toBare = pairedRatio(ours, bare);
    console.log(`server CPU per patch sent, ${peerBots} bots at 20 Hz, medians of ${sides.ours.length} rounds' own ratios: ours / write floor ${toFloor.toFixed(2)}x (goal <= 1.5x) ${verdict(toFloor <= 1.5)}; ours / bare Colyseus 0.18 ${toBare.toFixed(2)}x (goal <= 1.1x) ${verdict(toBare <= 1.1)}; bare Colyseus / write floor ${pairedRatio(bare, sides.floor).toFixed(2)}x`);
    console.log(`  medians: ours ${median(ours).toFixed(1)} µs, bare Colyseus ${median(bare).toFixed(1)} µs, write floor ${median(sides.floor).toFixed(1)} µs per write; patch p50/p99 ours ${median(sides.ours.map((r) => r.p50)).toFixed(2)}/${median(sides.ours.map((r) => r.p99)).toFixed(2)} ms, bare ${median(sides.bare.map((r) => r.p50)).toFixed(2)}/${median(sides.bare.map((r) => r.p99)).toFixed(2)} ms`);
  }
  if (values["peer-only"]) throw new FailoverOnly();

  // 3 and 4: bots in their own processes, over real WebSockets.
  const limits = readFileSync("/proc/self/limits", "utf8").split("\n").find((l) => l.startsWith("Max open files"))?.trim().split(/\s{2,}/).slice(1, 3).join("/");
  const portRange = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().replace(/\s+/, "-");
  const somaxconn = readFileSync("/proc/sys/net/core/somaxconn", "utf8").trim();
  server = await startServerProcess(env, 30_000, STAMPED_SERVER);
  const endpoints = Array.from({ length: Number(values.addresses) }, (_, i) => `http://127.0.0.${i + 1}:${server!.port}`);
  console.log(`bots: ${workerCount} forked processes of @colyseus/sdk clients (WebSocket: ${values["bot-websocket"]}); rooms of ${ROOM_SEATS} seats (joinOrCreate fills them); each bot sends "move" on a direction change, ~2/s; joins at <= ${joinRate}/s, connecting to ${endpoints.length} loopback addresses; rooms checkpoint to moto (on this machine) every 5 s`);
  console.log(`patch latency: bot wall clock when the SDK has decoded a patch minus the room's patchedAt (stamped in onBeforePatch, before encoding), same machine clock`);
  console.log(`limits: open files ${limits} (soft/hard), ephemeral ports ${portRange}, somaxconn ${somaxconn}, Colyseus seat reservation ${process.env.COLYSEUS_SEAT_RESERVATION_TIME ?? 15} s`);
  const reports: ((report: BotReport) => void)[][] = [];
  for (let i = 0; i < workerCount; i++) {
    const child = fork(new URL("./server-bots.ts", import.meta.url), [], {
      stdio: ["ignore", "inherit", "inherit", "ipc"], env: { ...process.env, BENCH_BOT_WEBSOCKET: values["bot-websocket"] },
    });
    reports.push([]);
    child.on("message", (report: BotReport) => reports[i]!.shift()?.(report));
    workers.push(child);
  }
  const ask = (i: number, command: BotCommand) => new Promise<BotReport>((resolve) => { reports[i]!.push(resolve); workers[i]!.send(command); });
  const liveRooms = new Redis(`${redisService.url}/0`);
  const profiler = values["cpu-prof"] ? await connectProfiler(server.output) : undefined;

  let total = 0;
  let held = 0;
  let stopReason = "";
  let lastHeld: { total: number; server: number; bots: number; patchesPerSecond: number } | undefined;
  for (const step of steps) {
    if (step <= total) continue;
    const add = step - total;
    const joining = await Promise.all(workers.map((_, i) => {
      const count = Math.floor(add / workerCount) + (i < add % workerCount ? 1 : 0);
      return ask(i, { type: "join", endpoints, secret: SECRET, first: total + i * Math.ceil(add / workerCount), count, perSecond: joinRate / workerCount, inFlight: 16 });
    }));
    const failed = joining.reduce((sum, r) => sum + (r.type === "joined" ? r.failed : 0), 0);
    total = joining.reduce((sum, r) => sum + (r.type === "joined" ? r.total : 0), 0);
    if (failed > 0) {
      const error = joining.map((r) => (r.type === "joined" ? r.firstError : undefined)).find(Boolean);
      stopReason = `${failed} of ${add} joins failed at ${total} connected bots (first error: ${error})`;
      break;
    }
    await sleep(1000);
    await profiler?.start();
    const serverCpu = cpuSecondsOf(server.child.pid);
    const machine = machineTicks();
    for (const worker of workers) worker.send({ type: "record", on: true } satisfies BotCommand);
    await sleep(seconds * 1000);
    const recorded = await Promise.all(workers.map((_, i) => ask(i, { type: "record", on: false })));
    const serverCpuAfter = cpuSecondsOf(server.child.pid);
    if (profiler) console.log(`profile: ${await profiler.stop(values["cpu-prof"]!, `step-${total}`)}`);
    const serverUser = (serverCpuAfter.user - serverCpu.user) / seconds;
    const serverKernel = (serverCpuAfter.kernel - serverCpu.kernel) / seconds;
    const machineNow = machineTicks();
    const machineBusy = ((machineNow.busy - machine.busy) / (machineNow.total - machine.total)) * availableParallelism();
    const runs = recorded.filter((r) => r.type === "recorded");
    const { patches, at } = mergedPatchLatency(runs);
    const p50 = at(50);
    const p99 = at(99);
    const rate = patches / total / seconds;
    const botShare = runs.reduce((sum, r) => sum + r.cpuMs / 1000 / r.seconds, 0);
    const moves = runs.reduce((sum, r) => sum + r.movesSent / r.seconds, 0);
    const rooms = await liveRooms.hlen("rooms:live");
    const label = FANOUT_SIZES.has(step) ? "patch fan-out at" : "ramp";
    console.log(`${label} ${total} bots (${rooms} rooms, ${(total / rooms).toFixed(1)} per room): patch p50 ${fmt(p50)}  p99 ${fmt(p99)}${label === "ramp" ? " (goal p99 <= 50 ms)" : ""}; ${rate.toFixed(1)} patches/s per bot, ${Math.round(moves)} moves/s in; CPU: server ${((serverUser + serverKernel) * 100).toFixed(0)}% of a core (${(serverKernel * 100).toFixed(0)}% in the kernel), bots ${(botShare * 100).toFixed(0)}%, whole machine ${(machineBusy * 100).toFixed(0)}% of ${availableParallelism() * 100}%; load ${load()}`);
    if (p99 > 50 || rate < 18) {
      stopReason ||= `${total} bots: patch p99 ${fmt(p99)}, ${rate.toFixed(1)} patches/s per bot`;
      if (!values["keep-going"]) break;
    } else if (!stopReason) {
      held = total;
      lastHeld = { total, server: serverUser + serverKernel, bots: botShare, patchesPerSecond: patches / seconds };
    }
  }
  if (stopReason) console.log(`first step over the limit: ${stopReason}`);
  console.log(`max concurrent players at 20 Hz with patch p99 <= 50 ms: ${held || "below the first step"} (goal >= 5000) ${verdict(held >= 5000)}`);
  if (lastHeld) {
    // What each side costs per player at the largest step held, and what 5000 players would take at that rate.
    const serverPerPlayer = lastHeld.server / lastHeld.total;
    const botsPerPlayer = (lastHeld.bots / lastHeld.patchesPerSecond) * 20;
    console.log(`cost per player at 20 Hz (step of ${lastHeld.total}): server ${(serverPerPlayer * 100).toFixed(3)}% of a core (${(serverPerPlayer * 1e6 / 20).toFixed(1)} µs of CPU per patch sent, so one core would saturate near ${Math.round(1 / serverPerPlayer)} players), bots ${(botsPerPlayer * 100).toFixed(3)}% (${(botsPerPlayer * 1e6 / 20).toFixed(1)} µs per patch received); 5000 players at these rates: server ${(serverPerPlayer * 5000).toFixed(1)} cores, bots ${(botsPerPlayer * 5000).toFixed(1)} cores, on a machine with ${availableParallelism()}`);
  }
  liveRooms.disconnect();
  profiler?.close();
  await Promise.all(workers.map((_, i) => ask(i, { type: "leave" })));
} catch (error) {
  if (!(error instanceof FailoverOnly)) throw error;
} finally {
  // A disconnect lets a bot process exit on its own (and write its profile when run with NODE_OPTIONS=--cpu-prof).
  for (const worker of workers) if (worker.connected) worker.disconnect();
  await stopServerProcess(server);
  await moto.stop();
  await redisService.stop();
}
process.exit(0);
