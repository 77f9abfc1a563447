import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setActiveTracing } from "../../src/util/spans.ts";
import { startTracing, type Tracing } from "../../src/util/tracing.ts";
import { OtlpReceiver } from "../../test/support/otlp-receiver.ts";
import { endRoomTrace, SLOW_TICK_MS, timedTick } from "../traces.ts";

let receiver: OtlpReceiver;
let tracing: Tracing;

beforeAll(async () => {
  receiver = await OtlpReceiver.start();
  tracing = startTracing({ serviceName: "ticks", endpoint: receiver.url, immediate: true });
});
afterAll(async () => {
  setActiveTracing(undefined);
  await tracing.shutdown();
  await receiver.stop();
});

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) { /* a tick that overruns its budget */ }
}

describe("room ticks", () => {
  it("are not spans; a slow one is an event on the room's span", async () => {
    const room = { roomId: "tick-room" };
    setActiveTracing(tracing);
    let ticks = 0;
    for (let i = 0; i < 20; i++) timedTick(room, () => { ticks++; });
    timedTick(room, () => { ticks++; busy(SLOW_TICK_MS + 10); });
    endRoomTrace(room);
    await tracing.flush();
    expect(ticks).toBe(21);
    const span = await receiver.waitFor((spans) => spans.find((s) => s.name === "arena.room" && s.attributes["game.room_id"] === "tick-room"));
    expect(receiver.spans.filter((s) => s.attributes["game.room_id"] === "tick-room")).toHaveLength(1);
    expect(span.events.map((e) => e.name)).toEqual(["slow tick"]);
    expect(Number(span.events[0]!.attributes["game.tick.duration_ms"])).toBeGreaterThan(SLOW_TICK_MS);
  });

  it("with tracing off, a tick is just the call", () => {
    setActiveTracing(undefined);
    const room = { roomId: "untraced-room" };
    let ran = 0;
    timedTick(room, () => { ran++; busy(SLOW_TICK_MS + 5); });
    endRoomTrace(room);
    expect(ran).toBe(1);
  });
});
