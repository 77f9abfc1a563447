import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { KubeError, type KubeClient, type KubeObject } from "./client.ts";
import { JITTER_FACTOR, validateLeaderElection, type LeaderElectionTimings } from "./timings.ts";

export { validateLeaderElection, type LeaderElectionTimings } from "./timings.ts";

export interface LeaderElectionOptions extends LeaderElectionTimings {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly log: Logger;
  /** Labels of the Lease when this elector creates it (shard members find each other's by label). */
  readonly labels?: Readonly<Record<string, string>>;
}

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

/** The last renewal of a Lease one replica has seen, and when it first saw it, by its own clock. */
export interface ObservedRenewal {
  readonly holder: string;
  readonly renewTime: string;
  readonly seenAt: number;
}

/**
 * client-go's observedRecord/observedTime: a Lease's expiry is judged by this replica's clock since it
 * saw the renewTime change, never by comparing clocks across machines.
 */
export function observeRenewal(previous: ObservedRenewal | undefined, spec: LeaseSpec, now: number): ObservedRenewal {
  const holder = spec.holderIdentity ?? "";
  const renewTime = spec.renewTime ?? "";
  return previous && previous.holder === holder && previous.renewTime === renewTime ? previous : { holder, renewTime, seenAt: now };
}

/** No holder, or no renewal seen for the Lease's duration. */
export function renewalExpired(observed: ObservedRenewal, spec: LeaseSpec, defaultDurationMs: number, now: number): boolean {
  return !observed.holder || now - observed.seenAt > (spec.leaseDurationSeconds !== undefined ? spec.leaseDurationSeconds * 1_000 : defaultDurationMs);
}

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * Leader election on a coordination.k8s.io Lease with client-go's semantics (k8s.io/client-go/tools/leaderelection):
 * - a candidate tries every retryPeriod (jittered) and takes a lease whose renewTime it has not seen
 *   change for leaseDuration, judged by its own clock since it observed the change (observedTime);
 * - the leader renews every retryPeriod; if no renewal succeeds within renewDeadline it stops leading
 *   (client-go's renew() polls tryAcquireOrRenew under a context with the RenewDeadline timeout);
 * - writes carry the resourceVersion read, so two candidates can never both win.
 * Unlike a naive loop, every request here is bounded by the time left before the renew deadline (an
 * AbortSignal), and leadership ends by a timer at that deadline, not when a hung request returns:
 * `holds` turns false at lastRenewalStart + renewDeadline whatever the network does, and the
 * controller's AWS gate consults it before every call.
 */
export class LeaderElector {
  private readonly options: LeaderElectionOptions;
  private readonly timings: Required<LeaderElectionTimings>;
  private readonly abort = new AbortController();
  private leading = false;
  /** When the attempt that last renewed the lease started: the renewTime it wrote is no earlier. */
  private renewedFrom = 0;
  private expiry: NodeJS.Timeout | undefined;
  private lostCallback: (() => void) | undefined;
  private observedRenew: ObservedRenewal = { holder: "", renewTime: "", seenAt: 0 };

  constructor(options: LeaderElectionOptions) {
    this.options = options;
    this.timings = validateLeaderElection(options);
  }

  /** True while this replica leads and its last renewal is younger than the renew deadline. */
  get isLeader(): boolean {
    return this.leading && Date.now() < this.renewedFrom + this.timings.renewDeadlineMs;
  }

  private get path(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.options.namespace)}/leases/${encodeURIComponent(this.options.name)}`;
  }

  /** Blocks until this replica leads (or stop() is called), then renews in the background; `onLost` fires once if renewing fails. */
  async run(onStarted: () => void, onLost: () => void): Promise<void> {
    const { retryPeriodMs, renewDeadlineMs } = this.timings;
    this.lostCallback = onLost;
    // acquire(): wait.JitterUntil(tryAcquireOrRenew, RetryPeriod, JitterFactor, sliding).
    for (;;) {
      if (this.abort.signal.aborted) return;
      const started = Date.now();
      if (await this.tryAcquireOrRenew(AbortSignal.any([this.abort.signal, AbortSignal.timeout(renewDeadlineMs)]))) {
        this.renewed(started);
        break;
      }
      await sleep(retryPeriodMs * (1 + Math.random() * JITTER_FACTOR), undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
    this.leading = true;
    this.options.log.info({ lease: `${this.options.namespace}/${this.options.name}`, identity: this.options.identity }, "became leader");
    onStarted();
    // renew(): retry every RetryPeriod; each attempt gets only the time left before the renew deadline.
    while (this.leading && !this.abort.signal.aborted) {
      await sleep(retryPeriodMs, undefined, { signal: this.abort.signal }).catch(() => undefined);
      if (!this.leading || this.abort.signal.aborted) break;
      const started = Date.now();
      const left = this.renewedFrom + renewDeadlineMs - started;
      if (left <= 0) break;
      if (await this.tryAcquireOrRenew(AbortSignal.any([this.abort.signal, AbortSignal.timeout(left)]))) {
        if (this.leading) this.renewed(started);
        continue;
      }
      // Someone else holds the lease (we read it): we lost it, no need to wait for the deadline.
      if (this.observedRenew.holder && this.observedRenew.holder !== this.options.identity) {
        this.lose(`the lease is held by ${this.observedRenew.holder}`);
        return;
      }
    }
  }

  /** A renewal that started at `started` succeeded: leadership now lasts until started + renewDeadline. */
  private renewed(started: number): void {
    this.renewedFrom = started;
    clearTimeout(this.expiry);
    this.expiry = setTimeout(() => this.lose(`the lease was not renewed within the renew deadline (${this.timings.renewDeadlineMs} ms)`), started + this.timings.renewDeadlineMs - Date.now());
    this.expiry.unref();
  }

  private lose(why: string): void {
    clearTimeout(this.expiry);
    if (!this.leading || this.abort.signal.aborted) return;
    this.leading = false;
    this.options.log.error({ identity: this.options.identity, holder: this.observedRenew.holder, reason: why }, "lost the leader lease");
    this.lostCallback?.();
  }

  /** Stops renewing and, when leading, releases the lease so another replica takes over at once. */
  async stop(): Promise<void> {
    const wasLeading = this.isLeader;
    this.abort.abort();
    clearTimeout(this.expiry);
    this.leading = false;
    if (!wasLeading) return;
    // Released as client-go's ReleaseOnCancel does; bounded like every other request of the elector.
    const signal = AbortSignal.timeout(this.timings.renewDeadlineMs);
    try {
      const lease = await this.options.client.get<Lease>(this.path, signal);
      if (lease.spec?.holderIdentity !== this.options.identity) return;
      await this.options.client.replace(this.path, { ...lease, spec: { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1, renewTime: microTime(new Date()) } }, signal);
    } catch {
      // Best effort: the lease expires by itself.
    }
  }

  private async tryAcquireOrRenew(signal: AbortSignal): Promise<boolean> {
    const { client, identity } = this.options;
    const durationSeconds = Math.ceil(this.timings.leaseDurationMs / 1_000);
    const now = new Date();
    try {
      let lease: Lease;
      try {
        lease = await client.get<Lease>(this.path, signal);
      } catch (error) {
        if (!(error instanceof KubeError && error.statusCode === 404)) throw error;
        await client.create(`/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.options.namespace)}/leases`, {
          apiVersion: "coordination.k8s.io/v1", kind: "Lease",
          metadata: { name: this.options.name, namespace: this.options.namespace, ...(this.options.labels ? { labels: { ...this.options.labels } } : {}) },
          spec: { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 },
        }, signal);
        this.observedRenew = { holder: identity, renewTime: microTime(now), seenAt: Date.now() };
        return true;
      }
      const spec = lease.spec ?? {};
      const holder = spec.holderIdentity ?? "";
      this.observedRenew = observeRenewal(this.observedRenew, spec, Date.now());
      const expired = renewalExpired(this.observedRenew, spec, durationSeconds * 1_000, Date.now());
      if (holder !== identity && !expired) return false;
      const takingOver = holder !== identity;
      const next: LeaseSpec = {
        holderIdentity: identity, leaseDurationSeconds: durationSeconds, renewTime: microTime(now),
        acquireTime: takingOver ? microTime(now) : (spec.acquireTime ?? microTime(now)),
        leaseTransitions: (spec.leaseTransitions ?? 0) + (takingOver && holder ? 1 : 0),
      };
      const updated = await client.replace<Lease>(this.path, { ...lease, spec: next }, signal);
      this.observedRenew = { holder: identity, renewTime: updated.spec?.renewTime ?? next.renewTime ?? "", seenAt: Date.now() };
      if (takingOver) this.options.log.info({ previous: holder || "(none)", identity }, "acquired the leader lease");
      return true;
    } catch (error) {
      // A conflict means someone else wrote first; anything else (a timeout included) is retried next period.
      if (!(error instanceof KubeError && error.statusCode === 409)) {
        this.options.log.warn({ err: error instanceof Error ? error.message : String(error) }, "leader election request failed");
      }
      return false;
    }
  }
}
