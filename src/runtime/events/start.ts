/** Wires the change-event consumer to a running controller: the one hook run.ts calls. */
import { SQSClient } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { Logger } from "pino";
import type { ApiBudget } from "../../aws/budget.ts";
import { createAwsClients, type AwsCallGate } from "../../aws/clients.ts";
import type { AwsTarget } from "../../reconcile/pool.ts";
import { desiredResources } from "../../kinds/registries.ts";
import type { DesiredResource } from "../../plan/types.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { EnvironmentAdapter } from "../adapter.ts";
import type { ShardedAdapter } from "../shards.ts";
import type { Controller } from "../controller.ts";
import type { ControllerMetrics } from "../metrics.ts";
import { principalOf } from "./cloudtrail.ts";
import { EventConsumer } from "./consumer.ts";
import type { EnvironmentIdentifiers } from "./ownership.ts";
import { awsTagLookup } from "./tag-lookup.ts";

export interface ChangeEventOptions {
  /** The installation's queue (`gamectl install` prints it). */
  readonly queueUrl: string;
  /** The resync period while events flow (default 1 h); the controller's own applies otherwise. */
  readonly resyncMs?: number;
  /** Events count as flowing this long after the last successful poll (default 5 min). */
  readonly healthyWindowMs?: number;
  /** Long-poll wait in seconds (default 20). */
  readonly waitTimeSeconds?: number;
}

/** The region of an SQS queue URL (https://sqs.REGION.amazonaws.com/...), when it names one. */
export function queueRegion(queueUrl: string): string | undefined {
  return /^https:\/\/sqs[.-]([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\//.exec(queueUrl)?.[1];
}

export interface RunningChangeEvents {
  readonly consumer: EventConsumer;
  /** The resync period in force: the long one while events flow. */
  currentResyncMs(regularMs: number): number;
  start(controller: Controller): void;
  stop(): Promise<void>;
}

export function changeEvents(options: ChangeEventOptions, deps: {
  adapter: EnvironmentAdapter;
  /** With shards: every replica reads the one queue, matches events against every environment, and leaves others' to them. */
  shard?: ShardedAdapter;
  aws?: AwsTarget; budget?: ApiBudget; gate?: AwsCallGate; metrics: ControllerMetrics; log: Logger;
}): RunningChangeEvents {
  const region = queueRegion(options.queueUrl) ?? deps.aws?.region ?? process.env.AWS_REGION ?? "us-east-1";
  const endpoint = deps.aws?.endpoint ?? process.env.AWS_ENDPOINT_URL;
  const connection = { region, ...(endpoint ? { endpoint } : {}), ...(deps.aws?.credentials ? { credentials: deps.aws.credentials } : {}) };
  const sqs = new SQSClient(connection);
  // The owner lookups go through the same accounting, budget and leader gate as every reconcile's calls.
  const aws = createAwsClients({ ...connection, listeners: [deps.metrics.awsListener], ...(deps.budget ? { budget: deps.budget } : {}), ...(deps.gate ? { gate: deps.gate } : {}) });
  // Desired resources depend only on the loaded environment, which a source replaces when it changes.
  const resourcesOf = new WeakMap<LoadedEnvironment, DesiredResource[]>();
  let controller: Controller | undefined;
  function* environments(): Iterable<EnvironmentIdentifiers> {
    const shard = deps.shard;
    for (const key of shard ? shard.allKeys() : deps.adapter.keys()) {
      const env = (shard ? shard.peek(key) : deps.adapter.get(key))?.env;
      if (!env) continue;
      let resources = resourcesOf.get(env);
      if (!resources) resourcesOf.set(env, resources = desiredResources(env));
      const status = controller?.statusOf(key);
      yield { key, resources, ...(status ? { status } : {}) };
    }
  }
  const consumer = new EventConsumer({
    sqs, queueUrl: options.queueUrl, environments, metrics: deps.metrics, log: deps.log, tagLookup: awsTagLookup(aws),
    refresh: (key) => controller?.enqueue(key),
    ...(deps.shard ? { owns: (key: string) => deps.shard!.owns(key) } : {}),
    onFlowingChange: (flowing) => {
      if (!flowing) controller?.resyncPeriodShortened();
    },
    ...(options.waitTimeSeconds !== undefined ? { waitTimeSeconds: options.waitTimeSeconds } : {}),
    ...(options.healthyWindowMs !== undefined ? { healthyWindowMs: options.healthyWindowMs } : {}),
  });
  deps.metrics.watchChangeEvents(() => consumer.flowing);
  return {
    consumer,
    currentResyncMs: (regularMs) => (consumer.flowing ? Math.max(regularMs, options.resyncMs ?? 3_600_000) : regularMs),
    start(running) {
      controller = running;
      consumer.start();
      // Without it every event is acted on, the controller's own writes included: one extra read, never a miss.
      aws.sts.send(new GetCallerIdentityCommand({})).then((caller) => {
        if (caller.Arn) consumer.ownPrincipal = principalOf(caller.Arn);
      }, (error: unknown) => deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, "could not read the controller's own identity; its own writes will trigger reconciles too"));
    },
    async stop() {
      await consumer.stop();
      sqs.destroy();
    },
  };
}
