/**
 * Consumes the installation's change-event queue: long-polls SQS, maps each CloudTrail event to the
 * environment that owns the resource it names, asks the controller to reconcile just that one with a
 * fresh read, then deletes the message. An adapter like the Kubernetes informer: the controller and
 * the reconciler never learn where a trigger came from.
 */
import { ChangeMessageVisibilityBatchCommand, DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from "@aws-sdk/client-sqs";
import type { Logger } from "pino";
import type { ControllerMetrics } from "../metrics.ts";
import { parseEventMessage, type ChangeEvent } from "./cloudtrail.ts";
import { matchEvent, taggable, type EnvironmentIdentifiers, OwnershipIndex } from "./ownership.ts";

/** The gamectl.dev/environment tag of resources the index does not know (ARNs, EC2 ids), by identifier; untagged ones are left out. */
export type TagLookup = (identifiers: readonly { id: string; type: "arn" | "ec2" }[]) => Promise<ReadonlyMap<string, string>>;

export interface EventConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** What every environment the controller holds answers to; read again when an event names something unknown. */
  readonly environments: () => Iterable<EnvironmentIdentifiers>;
  /** Reconcile this environment now, reading the named kinds afresh. */
  readonly refresh: (key: string, kinds: ReadonlySet<string>) => void;
  /**
   * With shards, whether this replica owns an environment now (default: it owns every one it holds).
   * `environments` then lists every environment of the source, and an event for one another replica owns
   * is made visible again for that replica instead of deleted: the replicas share one queue.
   */
  readonly owns?: (key: string) => boolean;
  /** How long a replica waits before polling again after giving messages back (default 1 s). */
  readonly releasePauseMs?: number;
  readonly tagLookup?: TagLookup;
  readonly metrics: ControllerMetrics;
  readonly log: Logger;
  /** Called when events start or stop flowing (a poll succeeded within `healthyWindowMs`, or none did). */
  readonly onFlowingChange?: (flowing: boolean) => void;
  /** Long-poll wait, 1..20 s (default 20, SQS's maximum). */
  readonly waitTimeSeconds?: number;
  /** The consumer counts as healthy this long after its last successful poll (default 5 min). */
  readonly healthyWindowMs?: number;
  /** An index older than this is rebuilt before matching (default 30 s); an unknown name rebuilds it at most once a second. */
  readonly indexMaxAgeMs?: number;
  readonly now?: () => number;
}

/** The results a message can have, as counted in gamectl_change_events_total. */
export type EventResult = "handled" | "unmatched" | "own" | "malformed" | "ignored" | "duplicate" | "error" | "released" | "unclaimed";

/** A message whose owner could not be looked up is dropped after this many deliveries; polling covers it. */
const MAX_RECEIVES = 3;
const RECENT_IDS = 1_000;
/**
 * A message for an environment another replica owns goes back to the queue for it; SQS hands it to a
 * replica at random, so after this many deliveries nobody is taking it (its owner is down or moving),
 * and the owner's resync covers the change.
 */
const MAX_RELEASES = 20;
/**
 * Identifiers a tag lookup found no gamectl owner for, not asked again for this long: in a busy account
 * most writes are to resources gamectl does not manage, and each would otherwise cost a read.
 */
const UNOWNED_TTL_MS = 600_000;
const UNOWNED_MAX = 10_000;

function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class EventConsumer {
  private readonly options: EventConsumerOptions;
  private readonly now: () => number;
  private readonly abort = new AbortController();
  private readonly recentIds = new Set<string>();
  /** Events this replica handled its part of and gave back for the other replicas' environments. */
  private readonly releasedIds = new Set<string>();
  private readonly unowned = new Map<string, number>();
  private index: { built: number; value: OwnershipIndex } | undefined;
  private lastPollOk = Number.NEGATIVE_INFINITY;
  private flowingState = false;
  private loop: Promise<void> | undefined;
  private healthTimer: NodeJS.Timeout | undefined;
  /**
   * The controller's own principal (principalOf its caller identity): its own writes come back as
   * events, and reconciling again what it just reconciled would double the reads of every change.
   */
  ownPrincipal: string | undefined;

  constructor(options: EventConsumerOptions) {
    this.options = options;
    this.now = options.now ?? Date.now;
  }

  /** A poll succeeded within the healthy window: the controller may rely on events and resync rarely. */
  get flowing(): boolean {
    return this.now() - this.lastPollOk < (this.options.healthyWindowMs ?? 300_000);
  }

  start(): void {
    if (this.loop) return;
    this.loop = this.run();
    const window = this.options.healthyWindowMs ?? 300_000;
    // A poll that hangs reports nothing itself: look at the health from outside the loop too.
    this.healthTimer = setInterval(() => this.checkFlowing(), Math.max(1_000, Math.min(30_000, window / 5)));
    this.healthTimer.unref();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.healthTimer) clearInterval(this.healthTimer);
    await this.loop;
  }

  private checkFlowing(): void {
    const flowing = this.flowing;
    if (flowing === this.flowingState) return;
    this.flowingState = flowing;
    this.options.log.info({ queue: this.options.queueUrl }, flowing ? "change events flowing: resync relaxed" : "change events not flowing: back to the regular resync");
    this.options.onFlowingChange?.(flowing);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      let messages: Message[];
      try {
        const answer = await this.options.sqs.send(new ReceiveMessageCommand({
          QueueUrl: this.options.queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: this.options.waitTimeSeconds ?? 20,
          MessageSystemAttributeNames: ["ApproximateReceiveCount"],
        }), { abortSignal: this.abort.signal });
        messages = answer.Messages ?? [];
        failures = 0;
        this.lastPollOk = this.now();
        this.checkFlowing();
      } catch (error) {
        if (this.abort.signal.aborted) return;
        failures++;
        this.options.metrics.eventPollErrors.inc();
        this.options.log.warn({ queue: this.options.queueUrl, err: errorMessage(error) }, "receiving change events failed; polling AWS stays the safety net");
        this.checkFlowing();
        await this.sleep(Math.min(30_000, 1_000 * 2 ** Math.min(failures - 1, 5)));
        continue;
      }
      if (messages.length === 0) continue;
      try {
        // Step back after giving messages back, or this replica, polling again at once, would take them
        // again before their owner's long poll does.
        if (await this.handleBatch(messages) > 0) await this.sleep(this.options.releasePauseMs ?? 1_000);
      } catch (error) {
        // Nothing a message holds may stop the loop; it comes back after its visibility timeout.
        this.options.log.error({ err: errorMessage(error) }, "handling change events failed");
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener("abort", () => {
        clearTimeout(timer);
        resolve();
      }, { once: true });
    });
  }

  private ownership(forceRebuild: boolean): OwnershipIndex {
    const age = this.index ? this.now() - this.index.built : Number.POSITIVE_INFINITY;
    if (age > (this.options.indexMaxAgeMs ?? 30_000) || (forceRebuild && age > 1_000)) {
      this.index = { built: this.now(), value: new OwnershipIndex(this.options.environments()) };
    }
    return this.index!.value;
  }

  /** Handles a batch: deletes those done with (handled, unmatched, malformed or duplicate); returns how many went back for other replicas. */
  async handleBatch(messages: readonly Message[]): Promise<number> {
    const done: Message[] = [];
    const released: Message[] = [];
    for (const message of messages) {
      const outcome = await this.handle(message);
      if (outcome === "done") done.push(message);
      else if (outcome === "release") released.push(message);
    }
    if (released.length > 0) {
      try {
        await this.options.sqs.send(new ChangeMessageVisibilityBatchCommand({
          QueueUrl: this.options.queueUrl,
          Entries: released.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 0 })),
        }), { abortSignal: this.abort.signal });
      } catch (error) {
        // The message still comes back after its visibility timeout, only later.
        if (!this.abort.signal.aborted) this.options.log.warn({ err: errorMessage(error) }, "giving change events back to the other replicas failed; they come back after the visibility timeout");
      }
    }
    if (done.length === 0) return released.length;
    try {
      const answer = await this.options.sqs.send(new DeleteMessageBatchCommand({
        QueueUrl: this.options.queueUrl,
        Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
      }), { abortSignal: this.abort.signal });
      if ((answer.Failed ?? []).length > 0) this.options.log.warn({ failed: answer.Failed?.length }, "some change events were not deleted; they come back and are handled again");
    } catch (error) {
      if (!this.abort.signal.aborted) this.options.log.warn({ err: errorMessage(error) }, "deleting change events failed; they come back and are handled again");
    }
    return released.length;
  }

  private count(result: EventResult): void {
    this.options.metrics.changeEvents.inc({ result });
  }

  private rememberId(id: string): boolean {
    if (!id) return true;
    if (this.recentIds.has(id)) return false;
    this.recentIds.add(id);
    if (this.recentIds.size > RECENT_IDS) this.recentIds.delete(this.recentIds.values().next().value!);
    return true;
  }

  /** "done" when the message may be deleted, "release" when it goes back for another replica, "keep" to retry it later. */
  private async handle(message: Message): Promise<"done" | "release" | "keep"> {
    const parsed = parseEventMessage(message.Body);
    if (parsed.kind !== "change") {
      this.count(parsed.kind);
      if (parsed.kind === "malformed") this.options.log.warn({ messageId: message.MessageId, reason: parsed.reason }, "dropped a malformed change event");
      return "done";
    }
    const event = parsed.event;
    const receives = Number(message.Attributes?.ApproximateReceiveCount ?? "1");
    if (this.recentIds.has(event.id)) {
      if (this.releasedIds.has(event.id)) return this.release(receives);
      this.count("duplicate");
      return "done";
    }
    if (this.ownPrincipal !== undefined && event.principal === this.ownPrincipal) {
      this.count("own");
      return "done";
    }
    let owners: ReadonlyMap<string, ReadonlySet<string>>;
    try {
      owners = await this.owners(event);
    } catch (error) {
      this.options.log.warn({ event: event.eventName, err: errorMessage(error), receives }, "could not look up the owner of a change event");
      this.count("error");
      return receives >= MAX_RECEIVES ? "done" : "keep";
    }
    this.rememberId(event.id);
    if (owners.size === 0) {
      this.count("unmatched");
      this.options.log.debug({ event: event.eventName, source: event.eventSource }, "change event matches no environment");
      return "done";
    }
    const owns = this.options.owns ?? (() => true);
    let elsewhere = false;
    let handled = false;
    for (const [key, kinds] of owners) {
      if (!owns(key)) {
        elsewhere = true;
        continue;
      }
      this.options.log.info({ environment: key, event: event.eventName, kinds: [...kinds] }, "change event: reconciling");
      this.options.refresh(key, kinds);
      handled = true;
    }
    if (handled) {
      this.count("handled");
      if (event.eventTimeMs !== undefined) this.options.metrics.eventLag.observe(Math.max(0, this.now() - event.eventTimeMs) / 1_000);
    }
    if (!elsewhere) return "done";
    this.releasedIds.add(event.id);
    if (this.releasedIds.size > RECENT_IDS) this.releasedIds.delete(this.releasedIds.values().next().value!);
    return this.release(receives);
  }

  /** Gives a message back for the replica that owns its environment, or drops it once nobody has taken it for long. */
  private release(receives: number): "done" | "release" {
    if (receives >= MAX_RELEASES) {
      this.count("unclaimed");
      return "done";
    }
    this.count("released");
    return "release";
  }

  private async owners(event: ChangeEvent): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    let match = matchEvent(event, this.ownership(false));
    if (match.owners.size > 0) return match.owners;
    // Something the index does not know: a resource created since it was built, or an id only the
    // latest status has. Rebuild, then ask the resource's own tags.
    match = matchEvent(event, this.ownership(true));
    if (match.owners.size > 0 || match.unresolved.length === 0 || !this.options.tagLookup) return match.owners;
    const now = this.now();
    const unknown = match.unresolved.filter((id) => (this.unowned.get(id) ?? 0) <= now);
    if (unknown.length === 0) return new Map();
    const known = new Set([...this.options.environments()].map((e) => e.key));
    const tagged = await this.options.tagLookup(unknown.map((id) => ({ id, type: taggable(id)! })));
    for (const id of unknown) {
      if (tagged.has(id)) continue;
      this.unowned.delete(id);
      this.unowned.set(id, now + UNOWNED_TTL_MS);
      if (this.unowned.size > UNOWNED_MAX) this.unowned.delete(this.unowned.keys().next().value!);
    }
    const owners = new Map<string, Set<string>>();
    for (const [identifier, key] of tagged) {
      // A tag is only a claim: an environment this controller does not hold is never touched.
      if (!known.has(key)) continue;
      const kinds = owners.get(key) ?? new Set<string>();
      kinds.add(identifier.startsWith("arn:") ? (identifier.split(":")[2] ?? "unknown") : "ec2");
      owners.set(key, kinds);
    }
    return owners;
  }
}
