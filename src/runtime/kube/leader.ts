import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { KubeError, type KubeClient, type KubeObject } from "./client.ts";

export interface LeaderElectionOptions {
  readonly client: KubeClient;
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly log: Logger;
  /** A lease not renewed for this long may be taken over (default 15 s). */
  readonly leaseDurationMs?: number;
  /** The leader gives up if it cannot renew within this long (default 10 s). */
  readonly renewDeadlineMs?: number;
  /** How often candidates try and the leader renews (default 2 s). */
  readonly retryPeriodMs?: number;
}

interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
}

interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

/** Kubernetes MicroTime: RFC 3339 with microseconds. */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/**
 * Leader election on a coordination.k8s.io Lease, as client-go does it: the holder renews every retry
 * period; a candidate takes over a lease whose renewTime is older than its duration. Writes carry the
 * resourceVersion read, so two candidates can never both win.
 */
export class LeaderElector {
  private readonly options: LeaderElectionOptions;
  private readonly abort = new AbortController();
  private leading = false;
  private observedRenew = { holder: "", renewTime: "", seenAt: 0 };

  constructor(options: LeaderElectionOptions) {
    this.options = options;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  private get path(): string {
    return `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.options.namespace)}/leases/${encodeURIComponent(this.options.name)}`;
  }

  /** Blocks until this replica leads (or stop() is called), then renews in the background; `onLost` fires if renewing fails. */
  async run(onStarted: () => void, onLost: () => void): Promise<void> {
    const retry = this.options.retryPeriodMs ?? 2_000;
    while (!this.abort.signal.aborted && !(await this.tryAcquireOrRenew())) {
      await sleep(retry, undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
    if (this.abort.signal.aborted) return;
    this.leading = true;
    this.options.log.info({ lease: `${this.options.namespace}/${this.options.name}`, identity: this.options.identity }, "became leader");
    onStarted();
    const deadline = this.options.renewDeadlineMs ?? 10_000;
    let lastRenew = Date.now();
    while (!this.abort.signal.aborted) {
      await sleep(retry, undefined, { signal: this.abort.signal }).catch(() => undefined);
      if (this.abort.signal.aborted) break;
      if (await this.tryAcquireOrRenew()) {
        lastRenew = Date.now();
        continue;
      }
      if (Date.now() - lastRenew > deadline || this.observedRenew.holder !== this.options.identity) {
        this.leading = false;
        this.options.log.error({ identity: this.options.identity, holder: this.observedRenew.holder }, "lost the leader lease");
        onLost();
        return;
      }
    }
  }

  /** Stops renewing and, when leading, releases the lease so another replica takes over at once. */
  async stop(): Promise<void> {
    this.abort.abort();
    if (!this.leading) return;
    this.leading = false;
    try {
      const lease = await this.options.client.get<Lease>(this.path);
      if (lease.spec?.holderIdentity !== this.options.identity) return;
      await this.options.client.replace(this.path, { ...lease, spec: { ...lease.spec, holderIdentity: "", leaseDurationSeconds: 1, renewTime: microTime(new Date()) } });
    } catch {
      // Best effort: the lease expires by itself.
    }
  }

  private async tryAcquireOrRenew(): Promise<boolean> {
    const { client, identity } = this.options;
    const durationSeconds = Math.ceil((this.options.leaseDurationMs ?? 15_000) / 1_000);
    const now = new Date();
    try {
      let lease: Lease;
      try {
        lease = await client.get<Lease>(this.path);
      } catch (error) {
        if (!(error instanceof KubeError && error.statusCode === 404)) throw error;
        await client.create(`/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.options.namespace)}/leases`, {
          apiVersion: "coordination.k8s.io/v1", kind: "Lease",
          metadata: { name: this.options.name, namespace: this.options.namespace },
          spec: { holderIdentity: identity, leaseDurationSeconds: durationSeconds, acquireTime: microTime(now), renewTime: microTime(now), leaseTransitions: 0 },
        });
        this.observedRenew = { holder: identity, renewTime: microTime(now), seenAt: Date.now() };
        return true;
      }
      const spec = lease.spec ?? {};
      const holder = spec.holderIdentity ?? "";
      // Expiry is judged by our own clock since we last saw the renewTime change, not by comparing clocks across machines.
      if (holder !== this.observedRenew.holder || spec.renewTime !== this.observedRenew.renewTime) {
        this.observedRenew = { holder, renewTime: spec.renewTime ?? "", seenAt: Date.now() };
      }
      const expired = !holder || Date.now() - this.observedRenew.seenAt > (spec.leaseDurationSeconds ?? durationSeconds) * 1_000;
      if (holder !== identity && !expired) return false;
      const takingOver = holder !== identity;
      const next: LeaseSpec = {
        holderIdentity: identity, leaseDurationSeconds: durationSeconds, renewTime: microTime(now),
        acquireTime: takingOver ? microTime(now) : (spec.acquireTime ?? microTime(now)),
        leaseTransitions: (spec.leaseTransitions ?? 0) + (takingOver && holder ? 1 : 0),
      };
      const updated = await client.replace<Lease>(this.path, { ...lease, spec: next });
      this.observedRenew = { holder: identity, renewTime: updated.spec?.renewTime ?? next.renewTime ?? "", seenAt: Date.now() };
      if (takingOver) this.options.log.info({ previous: holder || "(none)", identity }, "acquired the leader lease");
      return true;
    } catch (error) {
      // A conflict means someone else wrote first; anything else is retried next period.
      if (!(error instanceof KubeError && error.statusCode === 409)) {
        this.options.log.warn({ err: error instanceof Error ? error.message : String(error) }, "leader election request failed");
      }
      return false;
    }
  }
}
