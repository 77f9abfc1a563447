import { describe, expect, it } from "vitest";
import { HeapReleaser } from "../../src/runtime/memory.ts";
import { createLogger } from "../../src/util/log.ts";

/** Allocates and drops about `megabytes` of small objects, the way a burst of reconcile passes does. */
function burst(megabytes: number): number {
  let kept: object[] = [];
  let total = 0;
  for (let i = 0; i < megabytes * 8; i++) {
    const batch = Array.from({ length: 2_000 }, (_, j) => ({ j, text: `item-${i}-${j}` }));
    if (i % 4 === 0) kept.push(batch);
    if (kept.length > 40) kept = [];
    total += batch.length;
  }
  return total;
}

describe("HeapReleaser", () => {
  const log = createLogger("silent");

  it("does nothing while the controller is busy, nor on the first idle look", () => {
    let busy = true;
    const releaser = new HeapReleaser({ busy: () => busy, log, thresholdBytes: 0 });
    expect(releaser.check()).toBe(false);
    expect(releaser.check()).toBe(false);
    busy = false;
    expect(releaser.check()).toBe(false);
    busy = true;
    expect(releaser.check()).toBe(false);
    busy = false;
    expect(releaser.check()).toBe(false);
  });

  it("gives the pages V8 freed after a burst back to the OS on the second idle look, without exposing gc()", () => {
    const exposedBefore = typeof (globalThis as { gc?: unknown }).gc;
    const releaser = new HeapReleaser({ busy: () => false, log, thresholdBytes: 16 * 1024 * 1024 });
    expect(burst(200)).toBeGreaterThan(0);
    const before = process.memoryUsage.rss();
    expect(releaser.check()).toBe(false);
    expect(releaser.check()).toBe(true);
    const after = process.memoryUsage.rss();
    expect(before - after).toBeGreaterThan(16 * 1024 * 1024);
    // Nothing grew since: no second release.
    expect(releaser.check()).toBe(false);
    expect(typeof (globalThis as { gc?: unknown }).gc).toBe(exposedBefore);
  });
});
