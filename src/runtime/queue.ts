/** Time and timers, injectable so the queue's schedule can be tested without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const timer = setTimeout(callback, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** What the handler wants next for a key. */
export interface WorkOutcome {
  /** The pass failed: retry with the key's exponential backoff. */
  readonly failed?: boolean;
  /** Process the key again after this long (transitional resources, or the resync period). */
  readonly requeueAfterMs?: number;
}

export interface WorkQueueOptions {
  readonly handler: (key: string) => Promise<WorkOutcome>;
  /** Keys processed at once (default 4). */
  readonly concurrency?: number;
  /** First retry delay after a failure; doubles per consecutive failure up to maxBackoffMs. */
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
  /** Global token bucket over all keys: a flood of events never turns into a flood of AWS calls. */
  readonly ratePerSecond?: number;
  readonly burst?: number;
  readonly clock?: Clock;
  /** 0..1: each backoff is multiplied by a random factor in [1 - jitter, 1]. */
  readonly jitter?: number;
  readonly random?: () => number;
  readonly onError?: (key: string, error: unknown) => void;
}

/**
 * A work queue in the manner of client-go's: a key is queued at most once, never processed by two
 * workers at once (an add while it is processed runs it again afterwards), failures back off per key
 * with jitter, delayed adds keep the earliest due time, and a token bucket caps the global rate.
 */
export class WorkQueue {
  private readonly options: WorkQueueOptions;
  private readonly clock: Clock;
  private readonly ready: string[] = [];
  private readonly queued = new Set<string>();
  private readonly processing = new Set<string>();
  /** Keys added again while being processed. */
  private readonly dirty = new Set<string>();
  private readonly delayed = new Map<string, { due: number; handle: unknown }>();
  private readonly failures = new Map<string, number>();
  private readonly concurrency: number;
  private readonly ratePerSecond: number;
  private readonly burst: number;
  private tokens: number;
  private tokensAt: number;
  private tokenTimer: unknown;
  private active = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(options: WorkQueueOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.ratePerSecond = options.ratePerSecond ?? 20;
    this.burst = Math.max(1, options.burst ?? 50);
    this.tokens = this.burst;
    this.tokensAt = this.clock.now();
  }

  /** Keys waiting to run now, plus those running. */
  get depth(): number {
    return this.ready.length + this.active;
  }

  get delayedCount(): number {
    return this.delayed.size;
  }

  /** Queue now; a pending delayed add of the same key is superseded. */
  add(key: string): void {
    if (this.stopped) return;
    const timer = this.delayed.get(key);
    if (timer) {
      this.clock.clearTimeout(timer.handle);
      this.delayed.delete(key);
    }
    if (this.processing.has(key)) {
      this.dirty.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.ready.push(key);
    this.pump();
  }

  /** Queue after `ms`; if the key is already due sooner, the sooner time wins. */
  addAfter(key: string, ms: number): void {
    if (this.stopped) return;
    if (ms <= 0) {
      this.add(key);
      return;
    }
    if (this.queued.has(key)) return;
    const due = this.clock.now() + ms;
    const existing = this.delayed.get(key);
    if (existing && existing.due <= due) return;
    if (existing) this.clock.clearTimeout(existing.handle);
    const handle = this.clock.setTimeout(() => {
      if (this.delayed.get(key)?.handle !== handle) return;
      this.delayed.delete(key);
      this.add(key);
    }, ms);
    this.delayed.set(key, { due, handle });
  }

  /** The next backoff for a key that just failed: base * 2^(failures-1), capped, with jitter. */
  backoffFor(key: string): number {
    const failures = this.failures.get(key) ?? 0;
    const base = this.options.baseBackoffMs ?? 1_000;
    const max = this.options.maxBackoffMs ?? 300_000;
    const raw = Math.min(max, base * 2 ** Math.max(0, failures - 1));
    const jitter = this.options.jitter ?? 0.2;
    return Math.round(raw * (1 - jitter * (this.options.random ?? Math.random)()));
  }

  /** Drops a key's schedule and backoff (the object is gone). */
  forget(key: string): void {
    const timer = this.delayed.get(key);
    if (timer) this.clock.clearTimeout(timer.handle);
    this.delayed.delete(key);
    this.failures.delete(key);
  }

  stop(): void {
    this.stopped = true;
    for (const { handle } of this.delayed.values()) this.clock.clearTimeout(handle);
    this.delayed.clear();
    this.ready.length = 0;
    this.queued.clear();
    if (this.tokenTimer !== undefined) this.clock.clearTimeout(this.tokenTimer);
  }

  /** Resolves when nothing is running or ready (delayed keys do not count). */
  idle(): Promise<void> {
    if (this.depth === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private takeToken(): boolean {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.tokensAt) / 1_000) * this.ratePerSecond);
    this.tokensAt = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    if (this.tokenTimer === undefined) {
      const wait = Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1_000);
      this.tokenTimer = this.clock.setTimeout(() => {
        this.tokenTimer = undefined;
        this.pump();
      }, wait);
    }
    return false;
  }

  private pump(): void {
    while (!this.stopped && this.active < this.concurrency && this.ready.length > 0) {
      if (!this.takeToken()) return;
      const key = this.ready.shift()!;
      this.queued.delete(key);
      this.processing.add(key);
      this.active++;
      void this.process(key);
    }
    if (this.depth === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  private async process(key: string): Promise<void> {
    let outcome: WorkOutcome;
    try {
      outcome = await this.options.handler(key);
    } catch (error) {
      this.options.onError?.(key, error);
      outcome = { failed: true };
    }
    this.processing.delete(key);
    this.active--;
    if (outcome.failed) {
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    } else {
      this.failures.delete(key);
    }
    if (this.dirty.delete(key)) {
      this.add(key);
    } else if (outcome.failed) {
      this.addAfter(key, Math.max(this.backoffFor(key), outcome.requeueAfterMs ?? 0));
    } else if (outcome.requeueAfterMs !== undefined) {
      this.addAfter(key, outcome.requeueAfterMs);
    }
    this.pump();
  }
}
