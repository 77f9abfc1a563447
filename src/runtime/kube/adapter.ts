import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { formatManifestError } from "../../spec/errors.ts";
import { validateObject, type LoadResult } from "../../spec/load.ts";
import type { EnvironmentOutputs, GameEnvironmentStatus } from "../../spec/types.generated.ts";
import type { DesiredEnvironment, EnvironmentAdapter, EnvironmentEvent } from "../adapter.ts";
import { environmentsPath, FINALIZER, GROUP, KubeError, VERSION, type KubeClient, type KubeObject } from "./client.ts";
import { Informer } from "./informer.ts";

export interface KubeAdapterOptions {
  readonly client: KubeClient;
  readonly log: Logger;
  /** Watch one namespace only; all namespaces when undefined. */
  readonly namespace?: string;
  /** Identifies this replica in Events. */
  readonly instance?: string;
}

function split(key: string): { namespace: string; name: string } {
  const [namespace = "", name = ""] = key.split("/");
  return { namespace, name };
}

function isNotFound(error: unknown): boolean {
  return error instanceof KubeError && error.statusCode === 404;
}

/** Outputs flattened into ConfigMap keys (redis.primaryEndpoint, tables.users.arn...), plus the whole document as outputs.json. */
export function outputsConfigMapData(outputs: EnvironmentOutputs): Record<string, string> {
  const data: Record<string, string> = { "outputs.json": JSON.stringify(outputs) };
  const walk = (value: unknown, path: string) => {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
      for (const [field, inner] of Object.entries(value)) walk(inner, path ? `${path}.${field}` : field);
      return;
    }
    const key = path.replace(/[^-._a-zA-Z0-9]/g, "_");
    if (key && value !== undefined) data[key] = typeof value === "string" ? value : JSON.stringify(value);
  };
  walk(outputs, "");
  return data;
}

/**
 * The Kubernetes source (an informer on GameEnvironments) and sink (the status subresource, Events,
 * the <name>-outputs ConfigMap, the finalizer).
 */
export class KubeAdapter implements EnvironmentAdapter {
  private readonly options: KubeAdapterOptions;
  private readonly informer: Informer;
  private readonly validated = new Map<string, { fingerprint: string; result: LoadResult }>();
  private readonly outputsWritten = new Map<string, string>();
  private readonly eventSeries = new Map<string, { name: string; count: number }>();
  private changed: (key: string) => void = () => undefined;

  constructor(options: KubeAdapterOptions) {
    this.options = options;
    this.informer = new Informer(options.client, environmentsPath(options.namespace), options.log, (key) => this.changed(key));
  }

  get synchronized(): boolean {
    return this.informer.synchronized;
  }

  async start(changed: (key: string) => void): Promise<void> {
    this.changed = changed;
    this.informer.start();
    await this.informer.hasSynced;
  }

  async stop(): Promise<void> {
    await this.informer.stop();
  }

  keys(): string[] {
    return [...this.informer.cache.keys()];
  }

  object(key: string): KubeObject | undefined {
    return this.informer.cache.get(key);
  }

  get(key: string): DesiredEnvironment | undefined {
    const object = this.informer.cache.get(key);
    if (!object) {
      this.validated.delete(key);
      return undefined;
    }
    const meta = object.metadata;
    const deleting = Boolean(meta.deletionTimestamp);
    // Deleted before we ever put our finalizer on it: nothing of ours to clean up.
    if (deleting && !(meta.finalizers ?? []).includes(FINALIZER)) return undefined;
    const fingerprint = JSON.stringify([meta.uid, meta.generation, meta.annotations, meta.labels]);
    let cached = this.validated.get(key);
    if (cached?.fingerprint !== fingerprint) {
      cached = { fingerprint, result: validateObject(object, `GameEnvironment ${key}`) };
      this.validated.set(key, cached);
    }
    const env = cached.result.environments[0];
    const status = object.status as GameEnvironmentStatus | undefined;
    return {
      key,
      ...(env ? { env } : { invalid: cached.result.errors.map(formatManifestError).join("\n") || "the object is not a valid GameEnvironment" }),
      generation: meta.generation ?? 0,
      annotations: meta.annotations ?? {},
      deleting,
      ...(status ? { status } : {}),
      ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    };
  }

  async prepare(key: string): Promise<void> {
    const object = this.informer.cache.get(key);
    if (!object || (object.metadata.finalizers ?? []).includes(FINALIZER)) return;
    const { namespace, name } = split(key);
    const patch = object.metadata.finalizers
      ? [{ op: "add", path: "/metadata/finalizers/-", value: FINALIZER }]
      : [{ op: "add", path: "/metadata/finalizers", value: [FINALIZER] }];
    this.informer.update(await this.options.client.patch(environmentsPath(namespace, name), "json", patch));
  }

  async writeStatus(key: string, status: GameEnvironmentStatus): Promise<void> {
    const { namespace, name } = split(key);
    try {
      // A JSON patch replaces the whole status; a merge patch would keep fields (and map keys) the new status dropped.
      this.informer.update(await this.options.client.patch(`${environmentsPath(namespace, name)}/status`, "json", [{ op: "add", path: "/status", value: status }]));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async writeOutputs(key: string, outputs: EnvironmentOutputs): Promise<void> {
    const object = this.informer.cache.get(key);
    if (!object?.metadata.uid) return;
    const data = outputsConfigMapData(outputs);
    const digest = createHash("sha256").update(JSON.stringify(data) + object.metadata.uid).digest("hex");
    if (this.outputsWritten.get(key) === digest) return;
    const { namespace, name } = split(key);
    await this.options.client.patch(`/api/v1/namespaces/${namespace}/configmaps/${name}-outputs`, "apply", JSON.stringify({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        name: `${name}-outputs`, namespace,
        labels: { "app.kubernetes.io/managed-by": "gamectl", "gamectl.dev/environment": name },
        ownerReferences: [{ apiVersion: `${GROUP}/${VERSION}`, kind: "GameEnvironment", name, uid: object.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      data,
    }));
    this.outputsWritten.set(key, digest);
  }

  async recordEvents(key: string, events: readonly EnvironmentEvent[]): Promise<void> {
    const object = this.informer.cache.get(key);
    if (!object?.metadata.uid) return;
    const { namespace, name } = split(key);
    const now = new Date().toISOString();
    for (const event of events) {
      const message = event.resource && event.resource !== key ? `${event.resource}: ${event.message}` : event.message;
      const seriesKey = `${object.metadata.uid}|${event.type}|${event.reason}|${message}`;
      const series = this.eventSeries.get(seriesKey);
      try {
        if (series) {
          series.count++;
          await this.options.client.patch(`/api/v1/namespaces/${namespace}/events/${series.name}`, "merge", { count: series.count, lastTimestamp: now });
          continue;
        }
        const eventName = `${name}.${randomBytes(8).toString("hex")}`;
        await this.options.client.create(`/api/v1/namespaces/${namespace}/events`, {
          apiVersion: "v1", kind: "Event",
          metadata: { name: eventName, namespace },
          involvedObject: { apiVersion: `${GROUP}/${VERSION}`, kind: "GameEnvironment", name, namespace, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion },
          reason: event.reason, message: message.slice(0, 1024), type: event.type,
          source: { component: "gamectl-controller", ...(this.options.instance ? { host: this.options.instance } : {}) },
          firstTimestamp: now, lastTimestamp: now, count: 1, reportingComponent: "gamectl.dev/controller", reportingInstance: this.options.instance ?? "gamectl",
        });
        this.eventSeries.set(seriesKey, { name: eventName, count: 1 });
        if (this.eventSeries.size > 5_000) this.eventSeries.delete(this.eventSeries.keys().next().value!);
      } catch (error) {
        // Events are best effort: a lost event must never stop a reconcile.
        this.eventSeries.delete(seriesKey);
        this.options.log.warn({ environment: key, err: error instanceof Error ? error.message : String(error) }, "could not record event");
      }
    }
  }

  async deletionFinished(key: string): Promise<void> {
    const object = this.informer.cache.get(key);
    if (!object) return;
    const { namespace, name } = split(key);
    // Without a garbage collector (or before it runs) the outputs must not outlive the environment.
    await this.options.client.delete(`/api/v1/namespaces/${namespace}/configmaps/${name}-outputs`).catch((error: unknown) => {
      if (!isNotFound(error)) this.options.log.warn({ environment: key, err: String(error) }, "could not delete the outputs ConfigMap");
    });
    const index = (object.metadata.finalizers ?? []).indexOf(FINALIZER);
    if (index < 0) return;
    try {
      await this.options.client.patch(environmentsPath(namespace, name), "json", [
        { op: "test", path: `/metadata/finalizers/${index}`, value: FINALIZER },
        { op: "remove", path: `/metadata/finalizers/${index}` },
      ]);
    } catch (error) {
      if (isNotFound(error)) return;
      // The list changed under us: read it again and retry once.
      const fresh = await this.options.client.get(environmentsPath(namespace, name)).catch(() => undefined);
      const again = (fresh?.metadata.finalizers ?? []).indexOf(FINALIZER);
      if (!fresh || again < 0) return;
      await this.options.client.patch(environmentsPath(namespace, name), "json", [
        { op: "test", path: `/metadata/finalizers/${again}`, value: FINALIZER },
        { op: "remove", path: `/metadata/finalizers/${again}` },
      ]);
    }
    this.outputsWritten.delete(key);
  }
}
