import { randomBytes } from "node:crypto";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OtlpReceiver, xrayEpochSeconds, type ReceivedSpan } from "../../test/support/otlp-receiver.ts";
import { issueDevToken } from "../auth.ts";
import { TEST_JWT_SECRET, prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

let receiver: OtlpReceiver;
let server: ServerProcess | undefined;
let untraced: ServerProcess | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  ({ env } = await prepareBackends("traces"));
  receiver = await OtlpReceiver.start();
  // The real entry point (node server/index.ts), exporting OTLP/HTTP to the local receiver; short batches for the test.
  server = await startServerProcess({ ...env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: "100" });
});
afterAll(async () => {
  await stopServerProcess(server);
  await stopServerProcess(untraced);
  await receiver?.stop();
});

const isRedis = (s: ReceivedSpan) => s.attributes["db.system"] === "redis" || s.attributes["db.system.name"] === "redis";
const isDynamo = (s: ReceivedSpan) => s.attributes["rpc.system"] === "aws-api" && s.attributes["rpc.service"] === "DynamoDB";
const isHttpServer = (s: ReceivedSpan) => s.kind === 2 && (s.attributes["http.method"] !== undefined || s.attributes["http.request.method"] !== undefined);

function descendants(root: ReceivedSpan): ReceivedSpan[] {
  const out: ReceivedSpan[] = [];
  const walk = (span: ReceivedSpan) => {
    for (const child of receiver.children(span)) {
      out.push(child);
      walk(child);
    }
  };
  walk(root);
  return out;
}

describe("game server traces", () => {
  it("one join is one trace: the matchmaking HTTP request, then Redis, then DynamoDB, with X-Ray-format ids", async () => {
    const started = Math.floor(Date.now() / 1000);
    const client = new Client(server!.endpoint);
    client.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId: "tracy", name: "tracy" }, "1h");
    const room = await client.joinOrCreate("arena", {});
    const sessionMessage = new Promise((resolve) => room.onMessage("session", resolve));
    await sessionMessage;

    const join = await receiver.waitFor((spans) => spans.find((s) => s.name === "arena.join" && s.attributes["game.player_id"] === "tracy"));
    const request = await receiver.waitFor((spans) => spans.find((s) => s.spanId === join.parentSpanId), 3_000).catch(() => {
      throw new Error(`no parent for arena.join (parent id ${join.parentSpanId}); spans: ${receiver.spans.map((s) => `${s.name}[${s.spanId}<-${s.parentSpanId}]`).join(", ")}`);
    });
    expect(request, "the arena.join span's parent is the matchmaking request's span").toBeDefined();
    expect(isHttpServer(request)).toBe(true);
    expect(String(request.attributes["http.target"] ?? request.attributes["url.path"] ?? request.attributes["http.route"] ?? request.name)).toContain("matchmake");
    expect(request.parentSpanId).toBeUndefined();
    expect(request.service).toBe("gamectl-game-server");
    expect(request.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(xrayEpochSeconds(request.traceId)).toBeGreaterThanOrEqual(started - 1);
    expect(xrayEpochSeconds(request.traceId)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));

    // The request created the room: its Redis commands (seat reservation, the live-rooms hash) and its DynamoDB
    // checkpoint are in the request's tree; the WebSocket join reads the player from DynamoDB and writes the session to Redis.
    await receiver.waitFor(() => descendants(request).some(isDynamo) && descendants(join).some(isRedis) || undefined);
    const tree = descendants(request);
    expect(tree.every((s) => s.traceId === request.traceId)).toBe(true);
    const firstRedis = tree.filter(isRedis).sort((a, b) => Number(a.startNanos - b.startNanos))[0]!;
    const firstDynamo = tree.filter(isDynamo).sort((a, b) => Number(a.startNanos - b.startNanos))[0]!;
    expect(firstRedis.startNanos).toBeGreaterThanOrEqual(request.startNanos);
    expect(firstDynamo.startNanos).toBeGreaterThan(firstRedis.startNanos);
    expect(firstRedis.kind).toBe(3);
    expect(firstDynamo.kind).toBe(3);
    expect(firstDynamo.attributes["aws.dynamodb.table_names"] ?? firstDynamo.attributes["rpc.method"]).toBeDefined();

    const joinCalls = descendants(join);
    expect(joinCalls.filter(isDynamo).map((s) => s.attributes["rpc.method"])).toContain("GetItem");
    expect(joinCalls.some(isRedis)).toBe(true);
    room.leave();
  });

  it("the matchmaking flow: queue entries, then a match found (linked to them) whose arena creation carries its Redis and DynamoDB calls", async () => {
    const join = async (playerId: string) => {
      const client = new Client(server!.endpoint);
      client.auth.token = await issueDevToken(TEST_JWT_SECRET, { playerId, name: playerId }, "1h");
      const queue = await client.joinOrCreate("queue", {});
      return { queue, seat: new Promise<{ roomId: string }>((resolve) => queue.onMessage("seat", resolve)) };
    };
    const [first, second] = [await join("mm-1"), await join("mm-2")];
    await Promise.all([first.seat, second.seat]);
    const entries = await receiver.waitFor((spans) => {
      const found = spans.filter((s) => s.name === "queue.join" && String(s.attributes["game.player_id"]).startsWith("mm-"));
      return found.length === 2 ? found : undefined;
    });
    const match = await receiver.waitFor((spans) => spans.find((s) => s.name === "matchmaking.match_found" && s.attributes["game.match.players"] === 2));
    expect(match.parentSpanId).toBeUndefined();
    expect(match.links.map((l) => l.spanId).sort()).toEqual(entries.map((e) => e.spanId).sort());
    const created = receiver.children(match).find((s) => s.name === "matchmaking.room_created")!;
    expect(created).toBeDefined();
    await receiver.waitFor(() => descendants(created).some(isRedis) && descendants(created).some(isDynamo) || undefined);
    // Each queue entry is a child of its own matchmaking request, as an arena join is.
    for (const entry of entries) expect(receiver.spans.find((s) => s.spanId === entry.parentSpanId && isHttpServer(s))).toBeDefined();
    await first.queue.leave();
    await second.queue.leave();
  });

  it("a request arriving with X-Amzn-Trace-Id (as from the ALB) continues that trace", async () => {
    const epoch = Math.floor(Date.now() / 1000).toString(16).padStart(8, "0");
    const root = `${epoch}${randomBytes(12).toString("hex")}`;
    const parent = randomBytes(8).toString("hex");
    const response = await fetch(`${server!.endpoint}/leaderboard`, { headers: { "X-Amzn-Trace-Id": `Root=1-${epoch}-${root.slice(8)};Parent=${parent};Sampled=1` } });
    expect(response.status).toBe(200);
    const span = await receiver.waitFor((spans) => spans.find((s) => s.traceId === root && isHttpServer(s)));
    expect(span.parentSpanId).toBe(parent);
    await receiver.waitFor(() => descendants(span).some(isRedis) || undefined);
  });

  it("with tracing off no exporter runs: nothing reaches the receiver", async () => {
    untraced = await startServerProcess(env);
    // Same receiver in the environment's reach, but no OTEL_EXPORTER_OTLP_ENDPOINT: a sampled incoming trace is not continued.
    const traceId = randomBytes(16).toString("hex");
    const response = await fetch(`${untraced.endpoint}/leaderboard`, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString("hex")}-01` } });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(receiver.spans.filter((s) => s.traceId === traceId)).toEqual([]);
    expect(untraced.output()).not.toContain("opentelemetry");
  });
});
