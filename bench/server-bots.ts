// A bot process for bench/server.ts: real @colyseus/sdk clients in their own process (forked, driven over IPC),
// so the server process is measured on its own and the bots' CPU is counted apart from it.
//
// Each bot joins "arena" with a development token, then plays like the page does: it sends "move" only when its
// direction changes, on average twice a second (a 10% chance every 50 ms), and decodes every state patch.
// Patch latency = the bot's wall clock when the SDK has decoded a patch (onStateChange) minus the room's
// `patchedAt`, which the server stamps in onBeforePatch, before it encodes and sends that patch. Both are
// performance.timeOrigin + performance.now() on the same machine, so the figure is server build -> encode ->
// kernel -> bot decode, and includes any time the bot process spends queued behind other work.
import type { Room } from "@colyseus/sdk";
import { issueDevToken } from "../server/auth.ts";

// The SDK takes the runtime's WebSocket when there is one (undici's, in Node 22+) and its `ws` dependency otherwise;
// --bot-websocket ws makes it take `ws`, as it does on runtimes without a global WebSocket.
if (process.env.BENCH_BOT_WEBSOCKET === "ws") Reflect.deleteProperty(globalThis, "WebSocket");
const { Client } = await import("@colyseus/sdk");

const BUCKET_MS = 0.05;
const BUCKETS = 40_000; // 0.05 ms buckets up to 2 s; the last one holds everything slower.

export type BotCommand =
  | { type: "join"; endpoints: string[]; secret: string; first: number; count: number; perSecond: number; inFlight: number }
  | { type: "record"; on: boolean }
  | { type: "leave" };

export type BotReport =
  | { type: "joined"; joined: number; failed: number; firstError?: string; total: number }
  | { type: "recorded"; histogram: number[]; bucketMs: number; patches: number; bots: number; cpuMs: number; seconds: number; movesSent: number }
  | { type: "left" };

interface Bot { room: Room }

const bots: Bot[] = [];
const histogram = new Uint32Array(BUCKETS);
let recording = false;
let patches = 0;
let movesSent = 0;
let recordStarted = { cpu: process.cpuUsage(), at: performance.now() };
const wallNow = () => performance.timeOrigin + performance.now();

function send(report: BotReport): void {
  process.send!(report);
}

async function join(command: Extract<BotCommand, { type: "join" }>): Promise<void> {
  let joined = 0;
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const startedAt = performance.now();
  const one = async (index: number) => {
    // Bounded join rate: bot i starts no earlier than i / perSecond after the batch began.
    const due = startedAt + (index * 1000) / command.perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const id = command.first + index;
    const client = new Client(command.endpoints[id % command.endpoints.length]!);
    client.auth.token = await issueDevToken(command.secret, { playerId: `bot-${id}`, name: `bot${id}` });
    const room = await client.joinOrCreate("arena");
    room.onStateChange((state: { patchedAt?: number }) => {
      if (!recording || !state.patchedAt) return;
      const bucket = Math.floor((wallNow() - state.patchedAt) / BUCKET_MS);
      histogram[Math.min(BUCKETS - 1, Math.max(0, bucket))]! += 1;
      patches += 1;
    });
    room.onMessage("*", () => undefined);
    bots.push({ room });
  };
  const worker = async () => {
    for (let index = next++; index < command.count; index = next++) {
      try {
        await one(index);
        joined += 1;
      } catch (error) {
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(command.inFlight, command.count) }, worker));
  send({ type: "joined", joined, failed, total: bots.length, ...(firstError ? { firstError } : {}) });
}

// Movement: each bot changes direction with a 10% chance every 50 ms (about 2 messages a second).
setInterval(() => {
  for (const bot of bots) {
    if (Math.random() >= 0.1) continue;
    bot.room.send("move", { dx: Math.random() * 2 - 1, dy: Math.random() * 2 - 1 });
    movesSent += 1;
  }
}, 50);

process.on("message", (command: BotCommand) => {
  if (command.type === "join") {
    void join(command);
  } else if (command.type === "record") {
    if (command.on) {
      histogram.fill(0);
      patches = 0;
      movesSent = 0;
      recordStarted = { cpu: process.cpuUsage(), at: performance.now() };
      recording = true;
    } else {
      recording = false;
      const cpu = process.cpuUsage(recordStarted.cpu);
      send({
        type: "recorded", histogram: Array.from(histogram), bucketMs: BUCKET_MS, patches, bots: bots.length, movesSent,
        cpuMs: (cpu.user + cpu.system) / 1000, seconds: (performance.now() - recordStarted.at) / 1000,
      });
    }
  } else {
    void Promise.allSettled(bots.map((bot) => bot.room.leave())).then(() => send({ type: "left" }));
  }
});
process.on("disconnect", () => process.exit(0));
