import { createHash, randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { ReconcileRefused } from "../../reconcile/reconcile.ts";
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
  /**
   * More environments than this deleted at once (within deletionWindowMs of each other, as deleting a
   * namespace or the CRD does) are all held: nothing is deleted in AWS (default 1, as in folder mode).
   */
  readonly maxEnvironmentDeletions?: number;
  /** Deletions whose deletionTimestamps are this close count as one burst (default 60 s). */
  readonly deletionWindowMs?: number;
  /** A deletion waits this long after it is first seen, so that the rest of a burst arrives before any is acted on (default 3 s). */
  readonly deletionSettleMs?: number;
}

/** On a GameEnvironment being deleted: "true" lets its deletion through the mass-deletion brake. */
export const ANNOTATION_CONFIRM_DELETION = "gamectl.dev/confirm-deletion";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const ENVIRONMENT_LABEL = "gamectl.dev/environment";

function split(key: string): { namespace: string; name: string } {
  const [namespace = "", name = ""] = key.split("/");
  return { namespace, name };
}

/** The outputs ConfigMap is forbidden: RBAC grants ConfigMaps only where gamectl-outputs is bound (manifests/controller/rbac.yaml). */
function forbiddenOutputs(namespace: string, configMap: string, error: KubeError): string {
  return `cannot write or delete ConfigMap ${namespace}/${configMap} (${error.message}); the controller may touch ConfigMaps only in namespaces where the ClusterRole gamectl-outputs is bound: ` +
    `kubectl create rolebinding gamectl-outputs -n ${namespace} --clusterrole=gamectl-outputs --serviceaccount=<controller namespace>:<controller service account> (gamectl-system:gamectl-controller by default)`;
}

/** gamectl created this ConfigMap for the GameEnvironment with this uid: its label and its ownerReference say so. */
function ownedBy(configMap: KubeObject, uid: string): boolean {
  const owners = (configMap.metadata.ownerReferences ?? []) as Array<{ kind?: string; uid?: string }>;
  return configMap.metadata.labels?.[MANAGED_BY_LABEL] === "gamectl" && owners.some((o) => o.kind === "GameEnvironment" && o.uid === uid);
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
  /** When this replica first saw each environment's deletion (by its own clock), for the settle delay. */
  private readonly deletionSeenAt = new Map<string, number>();
  private changed: (key: string) => void = () => undefined;

  constructor(options: KubeAdapterOptions) {
    this.options = options;
    this.informer = new Informer(options.client, environmentsPath(options.namespace), options.log, (key) => {
      this.changed(key);
      // Whether a held deletion may go on depends on the other deletions: let them look again (the
      // controller ignores a key whose desired state did not change).
      for (const [other, object] of this.informer.cache) if (other !== key && object.metadata.deletionTimestamp) this.changed(other);
    });
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
    if (!deleting) this.deletionSeenAt.delete(key);
    const hold = deleting ? this.deletionHold(key, object) : {};
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
      ...hold,
      ...(status ? { status } : {}),
      ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    };
  }

  /**
   * The mass-deletion brake. Kubernetes deletes every GameEnvironment of a namespace (or, with the CRD,
   * of the cluster) within seconds; each arrives as its own watch event. So a deletion is acted on only
   * after it has settled, and then only if no more than maxEnvironmentDeletions unconfirmed deletions
   * have deletionTimestamps within deletionWindowMs of its own (the server's clock, the same for all,
   * and unchanged by a controller restart).
   */
  private deletionHold(key: string, object: KubeObject): { deletionRefused?: string; deletionDeferredMs?: number } {
    const now = Date.now();
    if (!this.deletionSeenAt.has(key)) this.deletionSeenAt.set(key, now);
    const settle = this.options.deletionSettleMs ?? 3_000;
    const waited = now - this.deletionSeenAt.get(key)!;
    if (waited < settle) return { deletionDeferredMs: settle - waited };
    const confirmed = (o: KubeObject) => o.metadata.annotations?.[ANNOTATION_CONFIRM_DELETION] === "true";
    if (confirmed(object)) return {};
    const window = this.options.deletionWindowMs ?? 60_000;
    const at = Date.parse(object.metadata.deletionTimestamp!);
    const burst: string[] = [];
    for (const [other, o] of this.informer.cache) {
      const ts = o.metadata.deletionTimestamp;
      if (!ts || confirmed(o) || !(o.metadata.finalizers ?? []).includes(FINALIZER)) continue;
      if (Math.abs(Date.parse(ts) - at) <= window) burst.push(other);
    }
    const limit = this.options.maxEnvironmentDeletions ?? 1;
    if (burst.length <= limit) return {};
    burst.sort();
    const { namespace, name } = split(key);
    return {
      deletionRefused: `${burst.length} environments deleted at once (${burst.slice(0, 20).join(", ")}${burst.length > 20 ? ", ..." : ""}), more than --max-environment-deletions ${limit}; nothing is deleted in AWS. ` +
        `If this is intended, confirm each one (kubectl annotate genv ${name} -n ${namespace} ${ANNOTATION_CONFIRM_DELETION}=true) or raise --max-environment-deletions; ` +
        `to keep its AWS resources instead, remove the finalizer ${FINALIZER}`,
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

  /**
   * Writes <name>-outputs, but only a ConfigMap gamectl created for this very GameEnvironment: one
   * labelled app.kubernetes.io/managed-by=gamectl whose ownerReference is the environment's uid. Any
   * other ConfigMap of that name is left as it is and the pass is refused with a message naming it.
   * The write is a create, or a replace carrying the resourceVersion read, so a ConfigMap swapped
   * between the check and the write makes the write fail rather than overwrite it.
   */
  async writeOutputs(key: string, outputs: EnvironmentOutputs): Promise<void> {
    const object = this.informer.cache.get(key);
    if (!object?.metadata.uid) return;
    const data = outputsConfigMapData(outputs);
    const digest = createHash("sha256").update(JSON.stringify(data) + object.metadata.uid).digest("hex");
    if (this.outputsWritten.get(key) === digest) return;
    const { namespace, name } = split(key);
    const configMapName = `${name}-outputs`;
    const collection = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps`;
    const path = `${collection}/${encodeURIComponent(configMapName)}`;
    const labels = { [MANAGED_BY_LABEL]: "gamectl", [ENVIRONMENT_LABEL]: name };
    const ownerReferences = [{ apiVersion: `${GROUP}/${VERSION}`, kind: "GameEnvironment", name, uid: object.metadata.uid, controller: true, blockOwnerDeletion: true }];
    try {
      const existing = await this.options.client.get(path).catch((error: unknown) => {
        if (isNotFound(error)) return undefined;
        throw error;
      });
      if (!existing) {
        await this.options.client.create(collection, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: configMapName, namespace, labels, ownerReferences }, data });
      } else {
        this.checkOwned(key, existing, object.metadata.uid);
        await this.options.client.replace(path, {
          ...existing,
          metadata: { ...existing.metadata, labels: { ...existing.metadata.labels, ...labels } },
          data,
        });
      }
    } catch (error) {
      if (error instanceof KubeError && error.statusCode === 403) throw new ReconcileRefused(forbiddenOutputs(namespace, configMapName, error));
      throw error;
    }
    this.outputsWritten.set(key, digest);
  }

  /** Throws (refusing the pass, with an OutputsConflict Event) unless gamectl created `configMap` for the environment with this uid. */
  private checkOwned(key: string, configMap: KubeObject, uid: string): void {
    if (ownedBy(configMap, uid)) return;
    const { namespace, name } = split(key);
    const message = `ConfigMap ${namespace}/${configMap.metadata.name} exists but was not created by gamectl for GameEnvironment ${name} ` +
      `(it lacks the label ${MANAGED_BY_LABEL}=gamectl or an ownerReference to this GameEnvironment), so gamectl neither overwrites nor deletes it ` +
      `and the outputs are not published. Rename or delete that ConfigMap; gamectl then writes its own on the next pass (or at once after gamectl refresh genv ${name} -n ${namespace})`;
    void this.recordEvents(key, [{ type: "Warning", reason: "OutputsConflict", resource: key, message }]);
    throw new ReconcileRefused(message);
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
    // Without a garbage collector (or before it runs) the outputs must not outlive the environment; but
    // only a ConfigMap gamectl created for this environment is deleted, and only that very object (the
    // preconditions make the delete fail if it was replaced since it was read).
    const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/configmaps/${encodeURIComponent(`${name}-outputs`)}`;
    try {
      const configMap = await this.options.client.get(path);
      if (object.metadata.uid && ownedBy(configMap, object.metadata.uid)) {
        await this.options.client.delete(path, { apiVersion: "v1", kind: "DeleteOptions", preconditions: { uid: configMap.metadata.uid, resourceVersion: configMap.metadata.resourceVersion } });
      } else {
        this.options.log.info({ environment: key, configMap: `${namespace}/${name}-outputs` }, "left the outputs ConfigMap alone: gamectl did not create it");
      }
    } catch (error) {
      if (error instanceof KubeError && error.statusCode === 403) this.options.log.warn({ environment: key }, forbiddenOutputs(namespace, `${name}-outputs`, error));
      else if (!isNotFound(error)) this.options.log.warn({ environment: key, err: String(error) }, "could not delete the outputs ConfigMap");
    }
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
