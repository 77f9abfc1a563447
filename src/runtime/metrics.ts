import { createServer, type Server } from "node:http";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ApiBudget, BudgetObserver } from "../aws/budget.ts";
import type { AwsCallListener } from "../aws/clients.ts";
import type { ResourceStatus } from "../reconcile/reconcile.ts";

/** The controller's Prometheus metrics, in their own registry so that tests can run several controllers in one process. */
export class ControllerMetrics {
  readonly registry = new Registry();
  readonly reconciles = new Counter({ name: "gamectl_reconciles_total", help: "Reconcile passes by result", labelNames: ["result"], registers: [this.registry] });
  readonly reconcileDuration = new Histogram({
    name: "gamectl_reconcile_duration_seconds", help: "Duration of a reconcile pass", labelNames: ["result"],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60], registers: [this.registry],
  });
  readonly awsCalls = new Counter({ name: "gamectl_aws_calls_total", help: "AWS API calls by service, operation and error code (ok for success)", labelNames: ["service", "operation", "code"], registers: [this.registry] });
  readonly awsCallDuration = new Histogram({ name: "gamectl_aws_call_duration_seconds", help: "AWS API call latency by service and operation (why a reconcile is slow)", labelNames: ["service", "operation"], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [this.registry] });
  readonly queueDepth = new Gauge({ name: "gamectl_queue_depth", help: "Environments waiting or being reconciled", registers: [this.registry] });
  readonly resources = new Gauge({ name: "gamectl_resources", help: "AWS resources by kind and state", labelNames: ["kind", "state"], registers: [this.registry] });
  readonly timeToReady = new Histogram({
    name: "gamectl_time_to_ready_seconds", help: "From a new generation to the Ready condition", buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800], registers: [this.registry],
  });
  readonly drift = new Counter({ name: "gamectl_drift_detected_total", help: "Reconciles that found AWS different from a generation already applied", labelNames: ["environment"], registers: [this.registry] });
  readonly environments = new Gauge({ name: "gamectl_environments", help: "Environments by phase", labelNames: ["phase"], registers: [this.registry] });
  readonly deletionsHeld = new Gauge({
    name: "gamectl_environment_deletions_held", help: "Environments whose deletion the mass-deletion brake (--max-environment-deletions) holds", registers: [this.registry],
  });
  readonly leader = new Gauge({ name: "gamectl_leader", help: "1 while this replica holds the leader lease", registers: [this.registry] });
  readonly budgetRequests = new Counter({
    name: "gamectl_aws_budget_requests_total", help: "AWS requests (HTTP attempts, retries included) that took a token of the API budget, by budget bucket", labelNames: ["service"], registers: [this.registry],
  });
  readonly budgetWait = new Counter({
    name: "gamectl_aws_budget_wait_seconds_total", help: "Time AWS requests waited for a token of the API budget", labelNames: ["service"], registers: [this.registry],
  });
  readonly budgetThrottles = new Counter({
    name: "gamectl_aws_budget_throttles_total", help: "Throttling answers from AWS, each of which may halve the bucket's rate", labelNames: ["service"], registers: [this.registry],
  });
  readonly changeEvents = new Counter({
    name: "gamectl_change_events_total",
    help: "CloudTrail change events from the installation queue by result: handled (an environment reconciled), unmatched (no environment owns the resource), own (the controller's own call), malformed, ignored, duplicate, error (owner lookup failed)",
    labelNames: ["result"], registers: [this.registry],
  });
  readonly eventLag = new Histogram({
    name: "gamectl_change_event_lag_seconds", help: "From the AWS API call (CloudTrail eventTime) to the controller handing its environment to the queue",
    buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 900], registers: [this.registry],
  });
  readonly eventPollErrors = new Counter({ name: "gamectl_change_event_poll_errors_total", help: "Failed polls of the change-event queue", registers: [this.registry] });
  /** Feeds the budget counters; pass it as the ApiBudget's observer. */
  readonly budgetObserver: BudgetObserver = {
    sent: (name, waitedMs) => {
      this.budgetRequests.inc({ service: name });
      if (waitedMs > 0) this.budgetWait.inc({ service: name }, waitedMs / 1_000);
    },
    throttled: (name) => this.budgetThrottles.inc({ service: name }),
  };
  /** Per environment, its resources counted by kind and state; the gauges hold the sums. */
  private readonly resourceCounts = new Map<string, Map<string, number>>();
  private readonly resourceTotals = new Map<string, number>();
  private readonly phases = new Map<string, string>();
  private readonly phaseTotals = new Map<string, number>();

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry, prefix: "gamectl_" });
  }

  /** Per replica (the label, so that the sum over replicas is the fleet), the environments it owns and the members it sees. */
  watchShards(replica: string, snapshot: () => { owned: number; members: number }): void {
    new Gauge({
      name: "gamectl_shard_environments", help: "Environments this replica owns and may reconcile now (--shards)", labelNames: ["replica"], registers: [this.registry],
      collect() {
        this.set({ replica }, snapshot().owned);
      },
    });
    new Gauge({
      name: "gamectl_shard_members", help: "Live shard members this replica sees, itself included (--shards)", labelNames: ["replica"], registers: [this.registry],
      collect() {
        this.set({ replica }, snapshot().members);
      },
    });
  }

  /**
   * The budget configured, the rate in force (lower after throttling) and the rate used over the last
   * window, per bucket, read when scraped.
   */
  watchBudget(budget: ApiBudget): void {
    const gauge = (name: string, help: string, value: (b: ReturnType<ApiBudget["snapshot"]>[number]) => number) => new Gauge({
      name, help, labelNames: ["service"], registers: [this.registry],
      collect() {
        for (const bucket of budget.snapshot()) this.set({ service: bucket.name }, value(bucket));
      },
    });
    gauge("gamectl_aws_budget_configured_requests_per_second", "The API budget configured per bucket (AWS default limit or --api-budget)", (b) => b.configuredRate);
    gauge("gamectl_aws_budget_burst_requests", "The bucket size configured per bucket", (b) => b.burst);
    gauge("gamectl_aws_budget_rate_requests_per_second", "The rate in force per bucket: the configured one, or less after throttling", (b) => b.rate);
    gauge("gamectl_aws_budget_used_requests_per_second", "Requests per second sent over the last 10 s per bucket, against the configured budget", (b) => b.usedRate);
  }

  /** Whether change events flow, read when scraped: the same answer the resync period is chosen by, never a stale copy. */
  watchChangeEvents(flowing: () => boolean): void {
    new Gauge({
      name: "gamectl_change_events_flowing", help: "1 while the change-event queue is polled successfully, which relaxes the resync period", registers: [this.registry],
      collect() {
        this.set(flowing() ? 1 : 0);
      },
    });
  }

  readonly awsListener: AwsCallListener = (event) => {
    this.awsCalls.inc({ service: event.service, operation: event.operation, code: event.outcome });
    this.awsCallDuration.observe({ service: event.service, operation: event.operation }, event.durationMs / 1_000);
  };

  // Both setters change only the label sets of this one environment: recounting every environment on
  // every pass made a resync of N environments cost N x N label lookups.
  setResources(key: string, resources: readonly ResourceStatus[] | undefined): void {
    const next = new Map<string, number>();
    for (const r of resources ?? []) next.set(`${r.kind}\u0000${r.state}`, (next.get(`${r.kind}\u0000${r.state}`) ?? 0) + 1);
    const previous = this.resourceCounts.get(key);
    if (resources) this.resourceCounts.set(key, next);
    else this.resourceCounts.delete(key);
    for (const labels of new Set([...(previous?.keys() ?? []), ...next.keys()])) {
      const total = adjust(this.resourceTotals, labels, (next.get(labels) ?? 0) - (previous?.get(labels) ?? 0));
      const [kind, state] = labels.split("\u0000");
      if (total === 0) this.resources.remove({ kind, state });
      else if (total !== undefined) this.resources.set({ kind, state }, total);
    }
  }

  setPhase(key: string, value: string | undefined): void {
    const phase = value || undefined;
    const previous = this.phases.get(key);
    if (previous === phase) return;
    if (phase) this.phases.set(key, phase);
    else this.phases.delete(key);
    for (const [label, delta] of [[previous, -1], [phase, 1]] as const) {
      if (label === undefined) continue;
      const total = adjust(this.phaseTotals, label, delta);
      if (total === 0) this.environments.remove({ phase: label });
      else if (total !== undefined) this.environments.set({ phase: label }, total);
    }
  }
}

/** Adds delta to a count; the new count, 0 when it dropped to nothing (and is forgotten), undefined when delta is 0. */
function adjust(totals: Map<string, number>, key: string, delta: number): number | undefined {
  if (delta === 0) return undefined;
  const total = (totals.get(key) ?? 0) + delta;
  if (total === 0) totals.delete(key);
  else totals.set(key, total);
  return total;
}

export interface HealthState {
  /** Alive: the event loop runs. */
  healthy(): boolean;
  /** Ready: the source has listed once. */
  ready(): boolean;
}

/** /metrics, /healthz and /readyz on one small HTTP server. */
export async function serveMetrics(address: string, metrics: ControllerMetrics, health: HealthState): Promise<{ server: Server; port: number }> {
  const match = /^(.*):(\d+)$/.exec(address);
  if (!match) throw new Error(`--metrics-addr "${address}" is not HOST:PORT; use e.g. 127.0.0.1:8080 (or :0 for any free port)`);
  const host = match[1] || "0.0.0.0";
  const port = Number(match[2]);
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/metrics") {
      metrics.registry.metrics().then((text) => {
        res.writeHead(200, { "content-type": metrics.registry.contentType });
        res.end(text);
      }, (error: unknown) => {
        res.writeHead(500);
        res.end(String(error));
      });
      return;
    }
    if (path === "/healthz" || path === "/readyz") {
      const ok = path === "/healthz" ? health.healthy() : health.ready();
      res.writeHead(ok ? 200 : 503, { "content-type": "text/plain" });
      res.end(ok ? "ok\n" : "not ready\n");
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const bound = server.address();
  return { server, port: typeof bound === "object" && bound ? bound.port : port };
}
