import { createHash } from "node:crypto";
import type { EnvironmentOutputs, GameEnvironmentStatus } from "../spec/types.generated.ts";
import type { DesiredEnvironment, EnvironmentAdapter, EnvironmentEvent } from "./adapter.ts";

/** A replica's weight for a key: the first 64 bits of sha256(member, key), stable across processes and versions of Node. */
function weight(member: string, key: string): bigint {
  return createHash("sha256").update(member).update("\u0000").update(key).digest().readBigUInt64BE(0);
}

/**
 * Rendezvous (highest-random-weight) hashing: the member with the highest weight for the key owns it.
 * Removing a member moves only the keys it owned, and adding one takes keys only for itself, which is
 * also what makes sharding safe: if two replicas each count the other as live, they agree on the owner
 * (see ShardMembership for the reasoning).
 */
export function rendezvousOwner(key: string, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestWeight = -1n;
  for (const member of members) {
    const w = weight(member, key);
    // Ties (practically never) go to the smaller name, so every replica picks the same one.
    if (w > bestWeight || (w === bestWeight && best !== undefined && member < best)) {
      best = member;
      bestWeight = w;
    }
  }
  return best;
}

/** Which environments this replica may act on right now. */
export interface ShardOwnership {
  readonly identity: string;
  owns(key: string): boolean;
}

/** Thrown instead of a write (to AWS or to the source) for an environment this replica does not own now. */
export class NotShardOwnerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotShardOwnerError";
  }
}

/** A write the sharded adapter lets through to the source, for the tests that check who wrote what and when. */
export interface SourceWrite {
  readonly key: string;
  readonly kind: "prepare" | "status" | "outputs" | "events" | "deletion";
}

export interface ShardedAdapterOptions {
  /** Runs after the ownership check, just before each write is sent; it may throw to stop it. */
  readonly beforeWrite?: (write: SourceWrite) => void;
}

/**
 * The source seen through one shard: every replica watches every environment (the mass-deletion brake
 * counts them all), but the controller gets only those this replica owns, and a write for any other is
 * refused at the moment it would be sent, even from a pass that started while the replica owned it.
 */
export class ShardedAdapter implements EnvironmentAdapter {
  private readonly inner: EnvironmentAdapter;
  private readonly ownership: ShardOwnership;
  private readonly options: ShardedAdapterOptions;
  private changed: (key: string) => void = () => undefined;

  constructor(inner: EnvironmentAdapter, ownership: ShardOwnership, options: ShardedAdapterOptions = {}) {
    this.inner = inner;
    this.ownership = ownership;
    this.options = options;
  }

  async start(changed: (key: string) => void): Promise<void> {
    this.changed = changed;
    await this.inner.start(changed);
  }

  stop(): Promise<void> {
    return this.inner.stop();
  }

  /** The owners may have changed: let the controller look at every environment again (it drops those it no longer owns). */
  reassigned(): void {
    for (const key of this.inner.keys()) this.changed(key);
  }

  /** Every environment of the source, owned or not (for the metrics). */
  allKeys(): string[] {
    return this.inner.keys();
  }

  /** Any environment of the source, owned or not: the change-event consumer matches events against them all. */
  peek(key: string): DesiredEnvironment | undefined {
    return this.inner.get(key);
  }

  owns(key: string): boolean {
    return this.ownership.owns(key);
  }

  keys(): string[] {
    return this.inner.keys().filter((key) => this.ownership.owns(key));
  }

  get(key: string): DesiredEnvironment | undefined {
    return this.ownership.owns(key) ? this.inner.get(key) : undefined;
  }

  private check(key: string, kind: SourceWrite["kind"]): void {
    if (!this.ownership.owns(key)) throw new NotShardOwnerError(`${kind} write for ${key} refused: replica ${this.ownership.identity} does not own this environment now (another replica took it over, or this one could not renew its shard Lease)`);
    this.options.beforeWrite?.({ key, kind });
  }

  async prepare(key: string): Promise<void> {
    this.check(key, "prepare");
    await this.inner.prepare(key);
  }

  async writeStatus(key: string, status: GameEnvironmentStatus): Promise<void> {
    this.check(key, "status");
    await this.inner.writeStatus(key, status);
  }

  async writeOutputs(key: string, outputs: EnvironmentOutputs): Promise<void> {
    this.check(key, "outputs");
    await this.inner.writeOutputs(key, outputs);
  }

  async recordEvents(key: string, events: readonly EnvironmentEvent[]): Promise<void> {
    this.check(key, "events");
    await this.inner.recordEvents(key, events);
  }

  async deletionFinished(key: string): Promise<void> {
    this.check(key, "deletion");
    await this.inner.deletionFinished(key);
  }
}
