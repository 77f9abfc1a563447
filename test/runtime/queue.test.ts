import { describe, expect, it } from "vitest";
import { WorkQueue, type Clock, type WorkOutcome } from "../../src/runtime/queue.ts";

/** A manual clock: timers fire only when the test advances time. */
class FakeClock implements Clock {
  time = 0;
  private timers: Array<{ at: number; callback: () => void; id: number }> = [];
  private nextId = 1;
  now(): number { return this.time; }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  }
  clearTimeout(handle: unknown): void { this.timers = this.timers.filter((t) => t.id !== handle); }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.callback();
      await flush();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe("WorkQueue", () => {
  it("deduplicates a key that is queued several times", async () => {
    const clock = new FakeClock();
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new WorkQueue({ clock, concurrency: 1, handler: async (key) => { seen.push(key); await gate; return {}; } });
    queue.add("a");
    queue.add("b");
    queue.add("b");
    queue.add("b");
    expect(queue.depth).toBe(2);
    release();
    await queue.idle();
    expect(seen).toEqual(["a", "b"]);
  });

  it("never runs one key twice at once; an add during processing runs it once more afterwards", async () => {
    const clock = new FakeClock();
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    let release!: () => void;
    let gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new WorkQueue({ clock, concurrency: 4, handler: async () => { runs++; running++; maxRunning = Math.max(maxRunning, running); await gate; running--; return {}; } });
    queue.add("a");
    await flush();
    queue.add("a");
    queue.add("a");
    const first = release;
    gate = new Promise<void>((resolve) => (release = resolve));
    first();
    await flush();
    release();
    await queue.idle();
    expect(runs).toBe(2);
    expect(maxRunning).toBe(1);
  });

  it("bounds concurrency", async () => {
    const clock = new FakeClock();
    let running = 0;
    let maxRunning = 0;
    const releases: Array<() => void> = [];
    const queue = new WorkQueue({ clock, concurrency: 3, handler: () => new Promise<WorkOutcome>((resolve) => { running++; maxRunning = Math.max(maxRunning, running); releases.push(() => { running--; resolve({}); }); }) });
    for (let i = 0; i < 10; i++) queue.add(`k${i}`);
    await flush();
    expect(running).toBe(3);
    while (releases.length) { releases.shift()!(); await flush(); }
    await queue.idle();
    expect(maxRunning).toBe(3);
  });

  it("backs off exponentially per key with jitter, and a success resets it", async () => {
    const clock = new FakeClock();
    const times: number[] = [];
    let fail = true;
    const queue = new WorkQueue({ clock, baseBackoffMs: 1_000, maxBackoffMs: 8_000, jitter: 0.5, random: () => 0, handler: async () => { times.push(clock.now()); return fail ? { failed: true } : {}; } });
    queue.add("a");
    await flush();
    await clock.advance(60_000);
    expect(times.slice(0, 6)).toEqual([0, 1_000, 3_000, 7_000, 15_000, 23_000]);
    const jittered = new WorkQueue({ clock, baseBackoffMs: 1_000, jitter: 0.5, random: () => 1, handler: async () => ({}) });
    expect(jittered.backoffFor("x")).toBe(500);
    fail = false;
    await clock.advance(10_000);
    const count = times.length;
    await clock.advance(60_000);
    expect(times.length).toBe(count);
    queue.stop();
  });

  it("requeue-after schedules the key, the earliest due time wins, and an add supersedes it", async () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const queue = new WorkQueue({ clock, handler: async () => { times.push(clock.now()); return {}; } });
    queue.addAfter("a", 10_000);
    queue.addAfter("a", 3_000);
    queue.addAfter("a", 20_000);
    await clock.advance(5_000);
    expect(times).toEqual([3_000]);
    queue.addAfter("a", 10_000);
    queue.add("a");
    await flush();
    await clock.advance(20_000);
    expect(times).toEqual([3_000, 5_000]);
  });

  it("a global token bucket limits the rate across keys", async () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const queue = new WorkQueue({ clock, concurrency: 100, ratePerSecond: 2, burst: 2, handler: async () => { times.push(clock.now()); return {}; } });
    for (let i = 0; i < 6; i++) queue.add(`k${i}`);
    await flush();
    expect(times).toEqual([0, 0]);
    await clock.advance(2_000);
    expect(times).toEqual([0, 0, 500, 1_000, 1_500, 2_000]);
  });
});
