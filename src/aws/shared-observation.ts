import type { AwsCallGate, AwsCallListener } from "./clients.ts";
import { environmentTag } from "./drivers/tags.ts";

/** A controller-wide read split by the environment tag: each environment takes only its own part. */
export function byEnvironment<T>(items: readonly T[], tagsOf: (item: T) => Readonly<Record<string, string>>): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const item of items) {
    const environment = tagsOf(item)[environmentTag];
    if (environment === undefined) continue;
    const owned = grouped.get(environment);
    if (owned) owned.push(item);
    else grouped.set(environment, [item]);
  }
  return grouped;
}

/**
 * The reads one light resync may take from the controller's shared observation instead of making its own.
 * A driver asks `ctx.shared`; when it is unset (a CLI command, a delete) every read is the environment's own.
 */
export interface SharedReads {
  /**
   * True in a light resync: a controller-wide read (every resource gamectl manages, one paginated call) made for
   * another environment within the batch window serves this one too. False in a full observation, which reads
   * the environment's own resources afresh.
   */
  readonly batched: boolean;
  /** The controller-wide read under `key`: reused within the window unless a write came since it started. */
  wave<T>(key: string, load: () => Promise<T>): Promise<T>;
  /**
   * One resource's details (AWS has no batch describe for it), reused by a light resync while `fingerprint`, what a
   * cheap controller-wide read says of the resource (its tags, its id), is unchanged and the read is younger than the
   * full-resync period. A full observation always loads, and leaves what it read for the next light resync.
   * `fingerprint` undefined: the cheap read does not know the resource, so it is read and not kept.
   */
  details<T>(key: string, fingerprint: string | undefined, load: () => Promise<T>): Promise<T>;
}

export interface SharedObservationOptions {
  /** How long a controller-wide read serves the environments that ask after it (default 5 s). */
  readonly windowMs?: number;
  /** How long a resource's details read once serve light resyncs (default 1 h, the controller's full-resync period). */
  readonly detailsMaxAgeMs?: number;
  readonly now?: () => number;
}

interface Kept {
  readonly at: number;
  readonly value: Promise<unknown>;
}

/**
 * The reads a controller shares across the environments it holds, for one set of AWS clients (one region, one
 * account). Staleness is bounded three ways: a controller-wide read is reused only within the window; any write
 * this controller sends (seen at its start and at its end) makes every controller-wide read made before it
 * unusable, so no reconcile ever plans on a read older than its own last write; and only a light resync reuses
 * anything, and a light resync never writes (the reconciler reads in full before any write). A stale shared read
 * can therefore cost a full read or delay drift detection to the next full pass, never cause a write.
 */
export class SharedObservation {
  /** Off: every environment reads for itself (the bench's "before" figures). */
  enabled = true;
  private readonly windowMs: number;
  private readonly detailsMaxAgeMs: number;
  private readonly now: () => number;
  private readonly waves = new Map<string, Kept>();
  private readonly detailsByEnvironment = new Map<string, Map<string, Kept & { readonly fingerprint: string }>>();

  constructor(options: SharedObservationOptions = {}) {
    this.windowMs = options.windowMs ?? 5_000;
    this.detailsMaxAgeMs = options.detailsMaxAgeMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** Goes before every AWS call: a write starting makes the controller-wide reads stale. */
  readonly gate: AwsCallGate = ({ mutating }) => {
    if (mutating) this.wrote();
  };

  /** Sees every AWS call end: a write that ended may have changed what any read started before it saw. */
  readonly listener: AwsCallListener = ({ mutating }) => {
    if (mutating) this.wrote();
  };

  /** A reconcile already waiting on a read keeps it; any reconcile that asks from now on reads again. */
  private wrote(): void {
    this.waves.clear();
  }

  /** After an environment's pass wrote (or crashed): what it kept of that environment's resources is stale. */
  forgetEnvironment(environment: string): void {
    this.detailsByEnvironment.delete(environment);
  }

  /** The reads of one reconcile of `environment`; undefined when sharing is off. */
  readsFor(environment: string, batched: boolean): SharedReads | undefined {
    if (!this.enabled) return undefined;
    return {
      batched,
      wave: (key, load) => this.wave(key, load),
      details: (key, fingerprint, load) => this.details(environment, key, fingerprint, batched, load),
    };
  }

  private wave<T>(key: string, load: () => Promise<T>): Promise<T> {
    const kept = this.waves.get(key);
    const now = this.now();
    if (kept && now - kept.at < this.windowMs) return kept.value as Promise<T>;
    this.sweepDetails(now);
    const value = load();
    this.waves.set(key, { at: now, value });
    // A failed read is not shared: the next environment tries again.
    value.catch(() => {
      if (this.waves.get(key)?.value === value) this.waves.delete(key);
    });
    return value;
  }

  private details<T>(environment: string, key: string, fingerprint: string | undefined, batched: boolean, load: () => Promise<T>): Promise<T> {
    if (fingerprint === undefined) return load();
    let kept = this.detailsByEnvironment.get(environment);
    const now = this.now();
    const entry = kept?.get(key);
    if (batched && entry && entry.fingerprint === fingerprint && now - entry.at < this.detailsMaxAgeMs) return entry.value as Promise<T>;
    const value = load();
    if (!kept) {
      kept = new Map();
      this.detailsByEnvironment.set(environment, kept);
    }
    kept.set(key, { at: now, fingerprint, value });
    value.catch(() => {
      if (this.detailsByEnvironment.get(environment)?.get(key)?.value === value) this.detailsByEnvironment.get(environment)?.delete(key);
    });
    return value;
  }

  /** Drops details past their age, so an environment the controller no longer holds does not keep memory. */
  private sweepDetails(now: number): void {
    for (const [environment, kept] of this.detailsByEnvironment) {
      for (const [key, entry] of kept) if (now - entry.at >= this.detailsMaxAgeMs) kept.delete(key);
      if (kept.size === 0) this.detailsByEnvironment.delete(environment);
    }
  }
}
