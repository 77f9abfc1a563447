import type { BucketLimit } from "../kinds/service.ts";
import { awsServices, type AnyAwsService, type AwsServiceName } from "../kinds/services.ts";
import { errorIs } from "./clients.ts";

/**
 * The controller's AWS API budget: a token bucket per service (EC2 has two, as AWS has), shared by
 * every reconcile of one controller process, so that a resync of many environments spreads over
 * time instead of bursting into AWS's own throttling. Throttling answers shrink a bucket's rate
 * (AIMD: halve, then recover additively on success), never below a floor.
 *
 * AWS throttles per account and per Region; one budget per process is conservative for a process
 * that reconciles several Regions (they share it) and exact for one.
 */

/** Time for the budget, injectable so that tests drive it without waiting on the wall clock. */
export interface BudgetClock {
  /** Milliseconds, monotonic. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: BudgetClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export type { BucketLimit };

/** The services AWS throttles mutating calls of separately (EC2): each has a second bucket, "<name>-mutating". */
type SplitService = Extract<AnyAwsService, { readonly mutatingBudget: BucketLimit }>;

/** The budget's buckets: one per service, plus a separate one for the mutating calls of services AWS throttles so (EC2). */
export type BudgetName = AwsServiceName | `${SplitService["name"]}-mutating`;

export const budgetNames: readonly BudgetName[] = awsServices.flatMap((service): BudgetName[] =>
  "mutatingBudget" in service ? [service.name, `${service.name}-mutating`] : [service.name]);

/**
 * Defaults, from each service's descriptor (src/kinds/<service>/service.ts, where the source of each figure is
 * given): AWS's documented default limits where AWS publishes them as a token bucket, otherwise a
 * conservative figure below the documented per-operation quotas. Every one can be overridden with
 * `--api-budget name=rate[/burst]`, e.g. when Service Quotas shows a raised limit.
 */
export const defaultBudget: Readonly<Record<BudgetName, BucketLimit>> = Object.fromEntries(awsServices.flatMap((service): Array<[BudgetName, BucketLimit]> =>
  "mutatingBudget" in service ? [[service.name, service.budget], [`${service.name}-mutating`, service.mutatingBudget]] : [[service.name, service.budget]])) as Record<BudgetName, BucketLimit>;

/**
 * AWS's throttling error codes, as the SDKs classify them (smithy's THROTTLING_ERROR_CODES), except
 * LimitExceededException: IAM and others use it for quotas on how many things exist, which waiting does not fix.
 */
const throttlingCodes = [
  "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled", "RequestThrottledException", "RequestLimitExceeded",
  "EC2ThrottledException", "ProvisionedThroughputExceededException", "TooManyRequestsException", "SlowDown", "BandwidthLimitExceeded",
  "PriorRequestNotComplete", "TransactionInProgressException",
];

export function isThrottlingError(error: unknown): boolean {
  if (errorIs(error, ...throttlingCodes)) return true;
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode === 429;
}

/** One bucket's state, for metrics and tests. */
export interface BucketSnapshot {
  readonly name: BudgetName;
  /** The configured (or overridden) sustained rate, requests/s. */
  readonly configuredRate: number;
  readonly burst: number;
  /** The rate in force now: the configured one, or less after throttling. */
  readonly rate: number;
  readonly floor: number;
  /** Requests sent (HTTP attempts, SDK retries included). */
  readonly sent: number;
  /** Requests sent in the last `usedWindowMs`, per second. */
  readonly usedRate: number;
  readonly throttles: number;
  /** Total time calls waited for a token. */
  readonly waitedMs: number;
}

/** Calls that waited and throttles seen, for the controller's counters. */
export interface BudgetObserver {
  sent?(name: BudgetName, waitedMs: number): void;
  throttled?(name: BudgetName, rate: number): void;
}

/** The window of the used rate: a few refill periods, so that a burst shows and then fades. */
export const usedWindowMs = 10_000;

/**
 * A throttle halves the rate at most once per this long: the calls already in flight when AWS's
 * bucket ran dry come back throttled together, and they are one congestion event, not many.
 */
const decreaseIntervalMs = 1_000;
/** Additive recovery per successful call, as a fraction of the configured rate (10 calls from half to full). */
const recoveryFraction = 0.05;
/** The rate never falls below this fraction of the configured one, so a long throttling storm still makes progress. */
const floorFraction = 0.1;

export class AdaptiveBucket {
  readonly name: BudgetName;
  readonly limit: BucketLimit;
  readonly floor: number;
  private currentRate: number;
  private tokens: number;
  private updatedAt: number;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private readonly waiters: Array<() => void> = [];
  private pumping = false;
  private sentCount = 0;
  private throttleCount = 0;
  private waited = 0;
  /** Send times within the used-rate window, oldest first. */
  private readonly recent: number[] = [];
  private readonly clock: BudgetClock;
  private readonly observer: BudgetObserver | undefined;

  constructor(name: BudgetName, limit: BucketLimit, clock: BudgetClock, observer?: BudgetObserver) {
    this.name = name;
    this.limit = limit;
    this.clock = clock;
    this.observer = observer;
    this.floor = Math.min(limit.rate, Math.max(0.05, limit.rate * floorFraction));
    this.currentRate = limit.rate;
    this.tokens = limit.burst;
    this.updatedAt = clock.now();
  }

  get rate(): number {
    return this.currentRate;
  }

  /** The burst shrinks with the rate: after throttling, a full bucket must not burst back at the old size. */
  private get capacity(): number {
    return Math.max(1, this.limit.burst * this.currentRate / this.limit.rate);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) / 1_000 * this.currentRate);
    this.updatedAt = now;
  }

  /** Resolves when the call may go: at once while tokens last, then in FIFO order at the bucket's rate. */
  acquire(): Promise<void> {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.take(0);
      return Promise.resolve();
    }
    const queuedAt = this.clock.now();
    return new Promise<void>((resolve) => {
      this.waiters.push(() => {
        this.take(this.clock.now() - queuedAt);
        resolve();
      });
      if (!this.pumping) void this.pump();
    });
  }

  private take(waitedMs: number): void {
    this.tokens -= 1;
    this.sentCount++;
    this.waited += waitedMs;
    this.recent.push(this.clock.now());
    this.observer?.sent?.(this.name, waitedMs);
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        this.refill();
        if (this.tokens >= 1) {
          this.waiters.shift()!();
          continue;
        }
        await this.clock.sleep(Math.max(1, Math.ceil((1 - this.tokens) / this.currentRate * 1_000)));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** AWS throttled a call: halve the rate (once per congestion event) and empty the bucket, as AWS's is. */
  throttled(): void {
    this.refill();
    this.throttleCount++;
    const now = this.clock.now();
    if (now - this.lastDecrease >= decreaseIntervalMs) {
      this.currentRate = Math.max(this.floor, this.currentRate / 2);
      this.lastDecrease = now;
    }
    this.tokens = Math.min(this.tokens, 0);
    this.observer?.throttled?.(this.name, this.currentRate);
  }

  /** AWS accepted a call (whatever its answer): recover additively towards the configured rate. */
  succeeded(): void {
    if (this.currentRate >= this.limit.rate) return;
    this.refill();
    this.currentRate = Math.min(this.limit.rate, this.currentRate + this.limit.rate * recoveryFraction);
  }

  snapshot(): BucketSnapshot {
    const now = this.clock.now();
    while (this.recent.length > 0 && this.recent[0]! <= now - usedWindowMs) this.recent.shift();
    return {
      name: this.name, configuredRate: this.limit.rate, burst: this.limit.burst, rate: this.currentRate, floor: this.floor,
      sent: this.sentCount, usedRate: this.recent.length / (usedWindowMs / 1_000), throttles: this.throttleCount, waitedMs: this.waited,
    };
  }
}

export interface ApiBudgetOptions {
  /** Per bucket, replaces the default rate and/or burst. */
  readonly overrides?: Partial<Record<BudgetName, Partial<BucketLimit>>>;
  readonly clock?: BudgetClock;
  readonly observer?: BudgetObserver;
}

export class ApiBudget {
  private readonly buckets = new Map<BudgetName, AdaptiveBucket>();

  constructor(options: ApiBudgetOptions = {}) {
    const clock = options.clock ?? systemClock;
    for (const name of budgetNames) {
      const override = options.overrides?.[name];
      const rate = override?.rate ?? defaultBudget[name].rate;
      // A rate given alone gets one second's worth of burst, at most the default's: lowering a rate lowers the burst too.
      const burst = override?.burst ?? (override?.rate !== undefined ? Math.max(1, Math.min(defaultBudget[name].burst, override.rate)) : defaultBudget[name].burst);
      this.buckets.set(name, new AdaptiveBucket(name, { rate, burst }, clock, options.observer));
    }
  }

  static bucketName(service: AwsServiceName, mutating: boolean): BudgetName {
    const split = `${service}-mutating`;
    return mutating && budgetNames.includes(split as BudgetName) ? (split as BudgetName) : service;
  }

  bucket(service: AwsServiceName, mutating: boolean): AdaptiveBucket {
    return this.buckets.get(ApiBudget.bucketName(service, mutating))!;
  }

  snapshot(): BucketSnapshot[] {
    return [...this.buckets.values()].map((b) => b.snapshot());
  }
}

/**
 * Parses `--api-budget`: comma-separated `name=rate` or `name=rate/burst` (requests per second),
 * e.g. `ec2=20,iam=5/10`.
 */
export function parseApiBudget(text: string): Partial<Record<BudgetName, Partial<BucketLimit>>> {
  const overrides: Partial<Record<BudgetName, Partial<BucketLimit>>> = {};
  for (const entry of text.split(",").map((e) => e.trim()).filter(Boolean)) {
    const match = /^([a-z0-9-]+)=([^/]+)(?:\/(.+))?$/.exec(entry);
    if (!match) throw new Error(`--api-budget "${entry}" is not name=rate or name=rate/burst; use e.g. ec2=20 or iam=5/10 (requests per second)`);
    const [, name, rateText, burstText] = match as unknown as [string, string, string, string | undefined];
    if (!(budgetNames as readonly string[]).includes(name)) {
      throw new Error(`--api-budget "${entry}": "${name}" is not a budget name; use one of ${budgetNames.join(", ")}`);
    }
    const rate = Number(rateText);
    if (!Number.isFinite(rate) || rate <= 0) throw new Error(`--api-budget "${entry}": the rate of ${name} must be a positive number of requests per second, e.g. ${name}=5`);
    let burst: number | undefined;
    if (burstText !== undefined) {
      burst = Number(burstText);
      if (!Number.isInteger(burst) || burst < 1) throw new Error(`--api-budget "${entry}": the burst of ${name} must be a whole number of requests of at least 1, e.g. ${name}=${rateText}/10`);
    }
    overrides[name as BudgetName] = { rate, ...(burst !== undefined ? { burst } : {}) };
  }
  return overrides;
}
