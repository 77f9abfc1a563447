import { parseArgs } from "node:util";
import type { Command } from "../main.ts";
import { parseDuration } from "../converge.ts";
import { budgetNames, parseApiBudget } from "../../aws/budget.ts";
import { leaderTimings, runController } from "../../runtime/run.ts";
import { createLogger } from "../../util/log.ts";

const help = `Usage: gamectl controller [--manifests DIR [--state-dir DIR] [--git-pull-interval 1m]] [--max-environment-deletions 1]
                          [--kubeconfig FILE] [--namespace NS] [--leader-elect | --shards] [--leader-elect-namespace NS] [--lease-duration 15s] [--renew-deadline 10s] [--retry-period 2s]
                          [--concurrency 4] [--resync 10m] [--full-resync 1h] [--max-deletions 5] [--metrics-addr 127.0.0.1:8080] [--region REGION]
                          [--api-budget ec2=20,iam=5/10|off] [--events-queue URL [--events-resync 1h]] [--log-level info]

Runs until stopped, converging every GameEnvironment to its spec.
  Kubernetes mode (default): watches GameEnvironment objects of the current kube context, writes status,
    Events and the <name>-outputs ConfigMap, and deletes through the finalizer gamectl.dev/finalizer.
  Folder mode (--manifests DIR): watches the folder (optionally git pull), writes status files to the
    state directory (default DIR/.gamectl). Removing a manifest deletes its environment per deletionPolicy.
  In both modes more than --max-environment-deletions (default 1) environments deleted at once (a bad pull,
    a deleted namespace or CRD) are all held; in Kubernetes mode annotate one gamectl.dev/confirm-deletion=true
    to let it through.
A resync of a steady environment skips the reads AWS cannot batch (a table's TTL and PITR, the task
role's inline policy) and reads everything when it sees any difference; --full-resync (0: always)
bounds how long those fields go unread. A refresh or a spec change always reads everything.
Leader election follows client-go: a leader that cannot renew its Lease within --renew-deadline stops
calling AWS and exits, before a standby may take the Lease (--lease-duration after the last renewal it saw).
--shards (instead of --leader-elect): every replica reconciles a share of the environments, by rendezvous hash
of namespace/name over the live replicas, each holding a Lease gamectl-controller-<identity> in
--leader-elect-namespace with the same timings. A replica takes environments a --lease-duration after it joins,
and a dead replica's environments move within a --lease-duration (plus a --retry-period) of its last renewal.
Every AWS request waits for a token of its service's budget, shared by all environments: AWS's documented
default limits (EC2 reads 20/s with bursts of 100, EC2 writes 5/s, ELB 10/s, ...; see src/kinds/*/service.ts),
each overridable as --api-budget name=rate[/burst] (requests per second; off: no budget); names:
${budgetNames.join(", ")}.
A throttling answer halves that service's rate (never below a tenth of it); accepted calls bring it back.
--events-queue URL (the queue \`gamectl install\` made): an AWS API call that changes a managed resource
(CloudTrail, through EventBridge) reconciles the environment that owns it within seconds, with a full read,
and no other. While the queue is polled successfully the resync, now only a safety net for missed or late
events, runs every --events-resync (default 1h) instead of --resync; when polling fails it goes back to --resync.
Annotations: gamectl.dev/paused: "true" (no AWS calls), gamectl.dev/refresh (new value: resync now),
gamectl.dev/management-policy: observe-only (report drift, change nothing).
`;

function duration(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) throw new Error(`--${flag} "${text}" is not a duration; use e.g. 10m, 30s or 1h`);
  return ms;
}

function count(flag: string, text: string | undefined, min: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} must be a whole number of at least ${min}, not "${text}"`);
  return value;
}

export const command: Command = {
  summary: "Run the long-lived controller (Kubernetes operator, or --manifests DIR folder mode)",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        manifests: { type: "string" }, "state-dir": { type: "string" }, "git-pull-interval": { type: "string" }, "max-environment-deletions": { type: "string" },
        kubeconfig: { type: "string" }, namespace: { type: "string" }, "leader-elect": { type: "boolean", default: false }, shards: { type: "boolean", default: false },
        "leader-elect-namespace": { type: "string" }, "lease-duration": { type: "string" }, "renew-deadline": { type: "string" }, "retry-period": { type: "string" }, identity: { type: "string" },
        concurrency: { type: "string", default: "4" }, resync: { type: "string", default: "10m" }, "full-resync": { type: "string", default: "1h" }, "requeue-transitional": { type: "string" },
        "max-deletions": { type: "string", default: "5" }, "metrics-addr": { type: "string", default: "127.0.0.1:8080" }, "rescan-interval": { type: "string" },
        "api-budget": { type: "string", default: "" }, "events-queue": { type: "string" }, "events-resync": { type: "string", default: "1h" }, region: { type: "string" }, "log-level": { type: "string", default: "info" }, help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    let options;
    try {
      options = {
        concurrency: count("concurrency", values.concurrency, 1)!,
        resyncMs: duration("resync", values.resync)!,
        fullObservationMs: values["full-resync"] === "0" ? 0 : duration("full-resync", values["full-resync"])!,
        maxDeletions: count("max-deletions", values["max-deletions"], 0)!,
        gitPullMs: duration("git-pull-interval", values["git-pull-interval"]),
        leaseDurationMs: duration("lease-duration", values["lease-duration"]),
        renewDeadlineMs: duration("renew-deadline", values["renew-deadline"]),
        retryPeriodMs: duration("retry-period", values["retry-period"]),
        transitionalMs: duration("requeue-transitional", values["requeue-transitional"]),
        rescanMs: duration("rescan-interval", values["rescan-interval"]),
        maxEnvironmentDeletions: count("max-environment-deletions", values["max-environment-deletions"], 0),
        ...(values["api-budget"] === "off" ? {} : { apiBudget: parseApiBudget(values["api-budget"] ?? "") }),
        ...(values["events-queue"] ? { changeEvents: { queueUrl: values["events-queue"], resyncMs: duration("events-resync", values["events-resync"])! } } : {}),
      };
      if (values["leader-elect"] && values.shards) throw new Error("--shards and --leader-elect exclude each other: with --shards every replica reconciles its own share; drop --leader-elect");
      if (values.shards && values.manifests) throw new Error("--shards needs Kubernetes mode (Leases); a folder controller (--manifests) runs as one process");
      if (values["leader-elect"] || values.shards) leaderTimings({ ...(options.leaseDurationMs ? { leaseDurationMs: options.leaseDurationMs } : {}), ...(options.renewDeadlineMs ? { renewDeadlineMs: options.renewDeadlineMs } : {}), ...(options.retryPeriodMs ? { retryPeriodMs: options.retryPeriodMs } : {}) });
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n`);
      return 1;
    }
    if (values["git-pull-interval"] && !values.manifests) {
      process.stderr.write("error: --git-pull-interval needs --manifests DIR (folder mode)\n");
      return 1;
    }
    const log = createLogger(values["log-level"]);
    const running = await runController({
      log, ...options,
      ...(values.manifests ? { manifestsDir: values.manifests } : {}), ...(values["state-dir"] ? { stateDir: values["state-dir"] } : {}),
      ...(values.kubeconfig ? { kubeconfig: values.kubeconfig } : {}), ...(values.namespace ? { namespace: values.namespace } : {}),
      leaderElect: values["leader-elect"], shards: values.shards, ...(values["leader-elect-namespace"] ? { leaseNamespace: values["leader-elect-namespace"] } : {}),
      ...(values.identity ? { identity: values.identity } : {}),
      ...(values["metrics-addr"] ? { metricsAddr: values["metrics-addr"] } : {}),
      aws: values.region ? { region: values.region } : {},
    });
    log.info({ mode: values.manifests ? "folder" : "kubernetes", metricsPort: running.metricsPort }, "controller running");
    await new Promise<void>((resolve) => {
      const shutdown = () => {
        log.info("shutting down");
        void running.stop().finally(resolve);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    });
    return 0;
  },
};
