import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { rendezvousOwner, type ShardOwnership } from "../shards.ts";
import type { KubeClient } from "./client.ts";
import { LeaderElector, observeRenewal, renewalExpired, type Lease, type LeaseSpec, type ObservedRenewal } from "./leader.ts";
import { JITTER_FACTOR, validateLeaderElection, type LeaderElectionTimings } from "./timings.ts";

/** On every member's Lease: the shard group it belongs to (the controller's lease name). */
export const SHARD_GROUP_LABEL = "gamectl.dev/shard-group";

export interface ShardMembershipOptions extends LeaderElectionTimings {
  readonly client: KubeClient;
  readonly namespace: string;
  /** Replicas with the same group share the environments; also the prefix of each member's Lease name. */
  readonly group: string;
  readonly identity: string;
  readonly log: Logger;
  /** The set of owners may have changed (a member came or went, this replica started or stopped acting). */
  readonly onChange: () => void;
}

/** A Lease name for an identity: a DNS subdomain, the identity's characters kept where Kubernetes allows them. */
export function memberLeaseName(group: string, identity: string): string {
  const safe = identity.toLowerCase().replace(/[^a-z0-9.-]+/g, "-").replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, "");
  return `${group}-${safe || "member"}`.slice(0, 253).replace(/[^a-z0-9]+$/, "");
}

/**
 * Shard membership on coordination.k8s.io Leases, one per replica, each held and renewed by a
 * LeaderElector (client-go's timings and bounded requests), and a view of the others' Leases listed
 * every retry period. An environment belongs to the rendezvous-hash owner among the live members.
 *
 * Why two replicas never act on the same environment. A replica acts on an environment only while
 * (1) its own Lease was renewed within the renew deadline (the elector's timer), (2) it has held it for a
 * lease duration (the warm-up), (3) its view of the others comes from a list started less than a renew
 * deadline ago, and (4) the environment's owner among itself and the live members of that view is itself.
 * Say X and Y both act on E. Each counts itself, and rendezvous hashing gives the same owner to any two
 * sets holding both X and Y, so one of them, say Y, does not count X as live. Either Y's list predates X's
 * Lease: then it started before X acquired it and Y stops using it a renew deadline later, before X's
 * warm-up (a lease duration after the acquisition) ends. Or Y saw X's renewTime unchanged for a lease
 * duration by its own clock: X's last successful renewal started before Y first saw it, so X stopped
 * acting a renew deadline after that, before Y's lease duration ran out. This is the leader election's
 * argument (lease duration > renew deadline), and as there it assumes clocks run at about the same rate.
 */
export class ShardMembership implements ShardOwnership {
  readonly identity: string;
  private readonly options: ShardMembershipOptions;
  private readonly timings: Required<LeaderElectionTimings>;
  private readonly elector: LeaderElector;
  private readonly abort = new AbortController();
  private readonly observed = new Map<string, ObservedRenewal & { readonly spec: LeaseSpec }>();
  /** The live members of the last view, this replica included, sorted. */
  private members: readonly string[] = [];
  private owners = new Map<string, string | undefined>();
  /** When this replica's own Lease was acquired (0: not held). */
  private acquiredAt = 0;
  /** When the list behind the current view started (0: none yet). */
  private viewFrom = 0;
  private lastSignature = "";
  private warmUp: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(options: ShardMembershipOptions) {
    this.options = options;
    this.identity = options.identity;
    this.timings = validateLeaderElection(options);
    this.elector = new LeaderElector({
      client: options.client, namespace: options.namespace, name: memberLeaseName(options.group, options.identity), identity: options.identity,
      log: options.log, labels: { [SHARD_GROUP_LABEL]: options.group }, ...this.timings,
    });
  }

  /** This replica's own Lease is held and was renewed within the renew deadline. */
  get holds(): boolean {
    return this.elector.isLeader;
  }

  /** The replica may act on the environments it owns: its Lease is held and warmed up, and its view is fresh. */
  get active(): boolean {
    const now = Date.now();
    return this.holds && this.acquiredAt > 0 && now >= this.acquiredAt + this.timings.leaseDurationMs && now < this.viewFrom + this.timings.renewDeadlineMs;
  }

  /** The live members of the last view (this replica included while it holds its Lease). */
  liveMembers(): readonly string[] {
    return this.members;
  }

  /** The owner of a key in the last view, whether or not that view may still be acted on. */
  owner(key: string): string | undefined {
    if (!this.owners.has(key)) this.owners.set(key, rendezvousOwner(key, this.members));
    return this.owners.get(key);
  }

  owns(key: string): boolean {
    return this.active && this.owner(key) === this.identity;
  }

  /** Starts holding this replica's Lease and watching the others'; `onLost` fires once if its own Lease cannot be renewed. */
  start(onLost: () => void): void {
    void this.elector.run(() => {
      this.acquiredAt = Date.now();
      this.options.log.info({ identity: this.identity, warmUpMs: this.timings.leaseDurationMs }, "holding the shard lease; taking environments after the warm-up");
      this.warmUp = setTimeout(() => this.refresh(), this.timings.leaseDurationMs);
      this.warmUp.unref();
      this.refresh();
    }, () => {
      this.acquiredAt = 0;
      this.refresh();
      onLost();
    });
    this.running = this.watch();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    clearTimeout(this.warmUp);
    this.acquiredAt = 0;
    await this.running;
    await this.elector.stop();
  }

  private async watch(): Promise<void> {
    const { retryPeriodMs, renewDeadlineMs, leaseDurationMs } = this.timings;
    const path = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(this.options.namespace)}/leases?labelSelector=${encodeURIComponent(`${SHARD_GROUP_LABEL}=${this.options.group}`)}`;
    while (!this.abort.signal.aborted) {
      const started = Date.now();
      try {
        const list = await this.options.client.get<{ items?: Lease[] }>(path, AbortSignal.any([this.abort.signal, AbortSignal.timeout(renewDeadlineMs)]));
        const now = Date.now();
        const leases = new Map((list.items ?? []).map((lease) => [lease.metadata.name, lease.spec ?? {}]));
        for (const [name, spec] of leases) this.observed.set(name, { ...observeRenewal(this.observed.get(name), spec, now), spec });
        const live = new Set<string>();
        for (const [name, { spec, ...renewal }] of this.observed) {
          // A Lease deleted by hand does not make its holder dead: it counts until it would have expired.
          if (renewalExpired(renewal, spec, leaseDurationMs, now)) {
            if (!leases.has(name)) this.observed.delete(name);
          } else if (renewal.holder !== this.identity) {
            live.add(renewal.holder);
          }
        }
        this.viewFrom = started;
        this.setMembers(live);
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.options.log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not list the shard leases; acting on no environment once the view is older than the renew deadline");
      }
      this.refresh();
      await sleep(retryPeriodMs * (1 + Math.random() * (JITTER_FACTOR - 1)), undefined, { signal: this.abort.signal }).catch(() => undefined);
    }
  }

  private setMembers(others: ReadonlySet<string>): void {
    const members = [...others, ...(this.holds ? [this.identity] : [])].sort();
    if (members.join("\n") === this.members.join("\n")) return;
    this.options.log.info({ identity: this.identity, members }, "shard members changed");
    this.members = members;
    this.owners = new Map();
  }

  /** Tells the controller when what this replica may act on changed; time alone can end a view or a warm-up. */
  private refresh(): void {
    if (this.holds !== this.members.includes(this.identity)) this.setMembers(new Set(this.members.filter((m) => m !== this.identity)));
    const signature = `${this.active}|${this.members.join(",")}`;
    if (signature === this.lastSignature) return;
    this.lastSignature = signature;
    this.options.onChange();
  }
}
