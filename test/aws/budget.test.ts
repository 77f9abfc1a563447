import { describe, expect, it } from "vitest";
import { ApiBudget, AdaptiveBucket, isThrottlingError, parseApiBudget, type BudgetClock } from "../../src/aws/budget.ts";

/** A clock the test moves by hand: sleeps resolve only when advance() passes their deadline. */
class FakeClock implements BudgetClock {
  private t = 0;
  private timers: Array<{ at: number; resolve: () => void }> = [];

  now(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.timers.push({ at: this.t + ms, resolve }));
  }

  /** Moves time forward in 1 ms steps, letting every woken waiter run before the next step. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    while (this.t < end) {
      this.t++;
      const due = this.timers.filter((timer) => timer.at <= this.t);
      this.timers = this.timers.filter((timer) => timer.at > this.t);
      for (const timer of due) timer.resolve();
      await settle();
    }
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Starts n acquisitions and counts those granted so far. */
function acquireMany(bucket: AdaptiveBucket, n: number): { granted: () => number } {
  let granted = 0;
  for (let i = 0; i < n; i++) void bucket.acquire().then(() => granted++);
  return { granted: () => granted };
}

describe("API budget token bucket", () => {
  it("lets the burst go at once, then spreads the rest at the refill rate", async () => {
    const clock = new FakeClock();
    const bucket = new AdaptiveBucket("iam", { rate: 5, burst: 10 }, clock);
    const calls = acquireMany(bucket, 30);
    await settle();
    expect(calls.granted()).toBe(10);
    await clock.advance(1_000);
    expect(calls.granted()).toBe(15);
    await clock.advance(2_000);
    expect(calls.granted()).toBe(25);
    await clock.advance(1_000);
    expect(calls.granted()).toBe(30);
    expect(bucket.snapshot()).toMatchObject({ sent: 30, throttles: 0, rate: 5 });
  });

  it("halves the rate on a throttle, once per congestion event, never below the floor, and recovers additively", async () => {
    const clock = new FakeClock();
    const bucket = new AdaptiveBucket("ec2", { rate: 20, burst: 100 }, clock);
    bucket.throttled();
    // The calls already in flight come back throttled together: one decrease.
    bucket.throttled();
    bucket.throttled();
    expect(bucket.rate).toBe(10);
    for (let i = 0; i < 6; i++) {
      await clock.advance(1_000);
      bucket.throttled();
    }
    expect(bucket.floor).toBe(2);
    expect(bucket.rate).toBe(2);
    expect(bucket.snapshot().throttles).toBe(9);
    // Additive: each accepted call adds 5% of the configured rate (1 req/s here).
    bucket.succeeded();
    expect(bucket.rate).toBe(3);
    for (let i = 0; i < 30; i++) bucket.succeeded();
    expect(bucket.rate).toBe(20);
  });

  it("sends at the reduced rate after a throttle, with the bucket emptied and its burst shrunk", async () => {
    const clock = new FakeClock();
    const bucket = new AdaptiveBucket("logs", { rate: 4, burst: 8 }, clock);
    bucket.throttled();
    expect(bucket.rate).toBe(2);
    const calls = acquireMany(bucket, 10);
    await settle();
    expect(calls.granted()).toBe(0);
    await clock.advance(2_000);
    expect(calls.granted()).toBe(4);
    // Idle long enough to refill: the burst is 8 x 2/4 = 4, not 8.
    await clock.advance(3_000);
    expect(calls.granted()).toBe(10);
    const more = acquireMany(bucket, 10);
    await clock.advance(10_000);
    await settle();
    const burst = acquireMany(bucket, 10);
    await settle();
    expect(more.granted()).toBe(10);
    expect(burst.granted()).toBe(4);
  });

  it("reports the rate used over the last window against the configured one", async () => {
    const clock = new FakeClock();
    const budget = new ApiBudget({ clock, overrides: { tagging: { rate: 2, burst: 2 } } });
    const tagging = budget.bucket("tagging", false);
    const calls = acquireMany(tagging, 20);
    await clock.advance(9_000);
    expect(calls.granted()).toBe(20);
    expect(budget.snapshot().find((b) => b.name === "tagging")).toMatchObject({ configuredRate: 2, usedRate: 2, sent: 20 });
    await clock.advance(10_000);
    expect(tagging.snapshot().usedRate).toBe(0);
  });

  it("keeps EC2's mutating calls in their own bucket", () => {
    const budget = new ApiBudget({ clock: new FakeClock() });
    expect(budget.bucket("ec2", false).name).toBe("ec2");
    expect(budget.bucket("ec2", true).name).toBe("ec2-mutating");
    expect(budget.bucket("iam", true).name).toBe("iam");
    expect(budget.bucket("ec2", false).limit).toEqual({ rate: 20, burst: 100 });
  });

  it("takes overrides from --api-budget and names the entry and the fix when one is wrong", () => {
    expect(parseApiBudget("ec2=20, iam=5/10")).toEqual({ ec2: { rate: 20 }, iam: { rate: 5, burst: 10 } });
    const budget = new ApiBudget({ clock: new FakeClock(), overrides: parseApiBudget("ec2=2,iam=1/3") });
    expect(budget.bucket("ec2", false).limit).toEqual({ rate: 2, burst: 2 });
    expect(budget.bucket("iam", false).limit).toEqual({ rate: 1, burst: 3 });
    expect(() => parseApiBudget("ec3=2")).toThrow(/"ec3" is not a budget name; use one of ec2, ec2-mutating/);
    expect(() => parseApiBudget("ec2=fast")).toThrow(/the rate of ec2 must be a positive number/);
    expect(() => parseApiBudget("ec2=2/0")).toThrow(/the burst of ec2 must be a whole number/);
    expect(() => parseApiBudget("ec2")).toThrow(/is not name=rate or name=rate\/burst/);
  });

  it("recognizes AWS's throttling answers in each protocol's shape", () => {
    expect(isThrottlingError({ name: "ThrottlingException" })).toBe(true);
    expect(isThrottlingError({ name: "Throttling" })).toBe(true);
    expect(isThrottlingError({ Code: "RequestLimitExceeded" })).toBe(true);
    expect(isThrottlingError({ name: "ProvisionedThroughputExceededException" })).toBe(true);
    expect(isThrottlingError({ name: "Unknown", $metadata: { httpStatusCode: 429 } })).toBe(true);
    expect(isThrottlingError({ name: "LimitExceededException" })).toBe(false);
    expect(isThrottlingError({ name: "ResourceNotFoundException" })).toBe(false);
  });
});
