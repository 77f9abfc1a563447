// The game server's figures, against a local redis-server and moto, with bots written with @colyseus/sdk 0.18:
//  1. session creation latency (the Redis Lua create), p50/p99 (goal p99 < 5 ms);
//  2. a Redis session update next to `redis-benchmark -t ping` in the same run, and their ratio (goal <= 1.5x);
//  3. room patch fan-out latency (server builds a patch -> bot decodes it), p50/p99 at 100, 500 and 1000 bots;
//  4. the most bots one server process holds at 20 Hz before patch p99 > 50 ms (goal >= 5000), ramped in steps.
// The server runs as its own process (`node server/index.ts`); bots share this process, so their decode time counts.
// Usage: node bench/server.ts [--sizes 100,500,1000] [--ramp 1000,2000,3000,4000,5000] [--seconds 5]
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { Client, type Room } from "@colyseus/sdk";
import { Redis } from "ioredis";
import { issueDevToken } from "../server/auth.ts";
import { SessionStore } from "../server/sessions.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "../server/test/processes.ts";
import { startMoto } from "../test/env/moto.ts";
import { startRedis } from "../test/env/redis.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool } from "../test/support/aws-environment.ts";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "100,500,1000" },
    ramp: { type: "string", default: "1000,2000,3000,4000,5000" },
    seconds: { type: "string", default: "5" },
    samples: { type: "string", default: "5000" },
  },
});
const sizes = values.sizes.split(",").map(Number);
const ramp = values.ramp.split(",").filter(Boolean).map(Number);
const seconds = Number(values.seconds);
const samples = Number(values.samples);
const SECRET = "bench-secret-for-hs256-tokens-0123456789";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}
const fmt = (ms: number) => `${ms.toFixed(3)} ms`;

/** CPU seconds used by a process so far (Linux /proc), to show which side of the run was saturated. */
function cpuSecondsOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
const now = () => performance.timeOrigin + performance.now();

async function timed(count: number, operation: () => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await operation();
    latencies.push(performance.now() - started);
  }
  return latencies.sort((a, b) => a - b);
}

console.log(`machine: ${availableParallelism()} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (other work on the machine skews the figures)`);
const redisService = await startRedis();
const moto = await startMoto();
const target = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: "testing", secretAccessKey: "testing" } };
const converged = await convergeFully(testPool(target), loadEnvironment(coreManifest("bench", await createNetwork(target))));
const table = (logical: string) => converged.outputs.tables[logical]!.name;
const env = {
  REDIS_URL: `${redisService.url}/0`, AWS_REGION: "us-east-1", AWS_ENDPOINT_URL: moto.endpoint,
  AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing",
  TABLE_USERS: table("users"), TABLE_GAME_HISTORY: table("game-history"), TABLE_GAME_STATE: table("game-state"),
  JWT_SECRET: SECRET, PORT: "0", MATCH_DURATION_MS: "3600000", CHECKPOINT_INTERVAL_MS: "5000", LOG_LEVEL: "error",
};

let server: ServerProcess | undefined;
try {
  // 1 and 2: Redis session operations, sequential, one connection, next to redis-benchmark's PING.
  const redis = new Redis(`${redisService.url}/1`);
  const sessions = new SessionStore(redis);
  await timed(500, () => sessions.create(`warm-${Math.random()}`, 1200));
  const creates = await timed(samples, () => sessions.create(`player-${Math.floor(Math.random() * 10_000)}`, 1200));
  console.log(`session creation (Redis, one Lua call): p50 ${fmt(percentile(creates, 50))}  p99 ${fmt(percentile(creates, 99))}  (goal p99 < 5 ms) ${percentile(creates, 99) < 5 ? "OK" : "MISSED"}`);
  const session = await sessions.create("updater", 1200);
  const updates = await timed(samples, () => sessions.update(session.sessionId, { status: "playing" }));
  const benchmark = execFileSync("redis-benchmark", ["-p", String(redisService.port), "-t", "ping", "-q", "-c", "1", "-n", String(samples * 4)], { encoding: "utf8" });
  const pingLine = benchmark.split(/\r|\n/).filter((line) => line.includes("PING_MBULK") || line.includes("PING_INLINE")).pop() ?? "";
  const rps = Number(/([\d.]+) requests per second/.exec(pingLine)?.[1]);
  const pingP50 = Number(/p50=([\d.]+) msec/.exec(pingLine)?.[1] ?? NaN);
  const pingMs = Number.isFinite(pingP50) ? pingP50 : 1000 / rps;
  const updateP50 = percentile(updates, 50);
  console.log(`session update (Redis, one Lua call): p50 ${fmt(updateP50)}  p99 ${fmt(percentile(updates, 99))}`);
  console.log(`redis-benchmark PING (1 connection): ${pingLine.trim()}`);
  console.log(`ratio session update p50 / redis-benchmark PING p50: ${(updateP50 / pingMs).toFixed(2)}x  (goal <= 1.5x) ${updateP50 / pingMs <= 1.5 ? "OK" : "MISSED"}`);
  // The same PING from Node (ioredis) separates the client runtime's cost from the session operation's own.
  const reads = await timed(samples, () => sessions.get(session.sessionId));
  console.log(`session read (Redis HGETALL): p50 ${fmt(percentile(reads, 50))}  p99 ${fmt(percentile(reads, 99))}; ratio to redis-benchmark PING p50: ${(percentile(reads, 50) / pingMs).toFixed(2)}x`);
  const nodePings = await timed(samples, () => redis.ping());
  const nodePingP50 = percentile(nodePings, 50);
  console.log(`ioredis PING: p50 ${fmt(nodePingP50)}; ratio session update / ioredis PING: ${(updateP50 / nodePingP50).toFixed(2)}x`);
  redis.disconnect();

  // 3 and 4: bots over real WebSockets.
  server = await startServerProcess(env, 30_000);
  const bots: { room: Room; latencies: number[] }[] = [];
  let recording = false;
  let lastCpu = "";
  const addBots = async (count: number) => {
    const start = bots.length;
    const queue = Array.from({ length: count }, (_, i) => start + i);
    const worker = async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        const client = new Client(server!.endpoint);
        client.auth.token = await issueDevToken(SECRET, { playerId: `bot-${index}`, name: `bot${index}` });
        const room = await client.joinOrCreate("arena");
        const bot = { room, latencies: [] as number[] };
        room.onStateChange((state: { patchedAt?: number }) => {
          if (recording && state.patchedAt) bot.latencies.push(now() - state.patchedAt);
        });
        room.onMessage("*", () => undefined);
        bots.push(bot);
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
  };
  const measure = async (): Promise<number[]> => {
    for (const bot of bots) bot.latencies.length = 0;
    // Every bot changes direction twice a second so every patch carries movement.
    const mover = setInterval(() => {
      for (const bot of bots) if (Math.random() < 0.1) bot.room.send("move", { dx: Math.random() * 2 - 1, dy: Math.random() * 2 - 1 });
    }, 50);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    recording = true;
    const serverCpu = cpuSecondsOf(server!.child.pid);
    const botCpu = process.cpuUsage();
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    recording = false;
    clearInterval(mover);
    const usedByBots = process.cpuUsage(botCpu);
    lastCpu = `server process ${(((cpuSecondsOf(server!.child.pid) - serverCpu) / seconds) * 100).toFixed(0)}% of a core, bots ${(((usedByBots.user + usedByBots.system) / 1e6 / seconds) * 100).toFixed(0)}%`;
    return bots.flatMap((b) => b.latencies).sort((a, b) => a - b);
  };

  for (const size of sizes) {
    await addBots(size - bots.length);
    const latencies = await measure();
    const patchesPerBot = latencies.length / bots.length / seconds;
    console.log(`patch fan-out at ${bots.length} bots: p50 ${fmt(percentile(latencies, 50))}  p99 ${fmt(percentile(latencies, 99))}  (${patchesPerBot.toFixed(1)} patches/s per bot; ${lastCpu})`);
  }
  let held = 0;
  for (const step of ramp) {
    if (step <= bots.length) continue;
    try {
      await addBots(step - bots.length);
    } catch (error) {
      console.log(`ramp stopped at ${bots.length} bots: join failed (${error instanceof Error ? error.message : String(error)})`);
      break;
    }
    const latencies = await measure();
    const p99 = percentile(latencies, 99);
    const rate = latencies.length / bots.length / seconds;
    console.log(`ramp ${bots.length} bots: patch p99 ${fmt(p99)}, ${rate.toFixed(1)} patches/s per bot; ${lastCpu}`);
    if (p99 > 50 || rate < 18) break;
    held = bots.length;
  }
  console.log(`max concurrent players at 20 Hz with patch p99 <= 50 ms: ${held || "below the first ramp step"} (goal >= 5000) ${held >= 5000 ? "OK" : "MISSED"}`);
  await Promise.allSettled(bots.map((b) => b.room.leave()));
} finally {
  await stopServerProcess(server);
  await moto.stop();
  await redisService.stop();
}
process.exit(0);
