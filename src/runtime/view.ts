import { stringify } from "yaml";
import type { GameEnvironment, GameEnvironmentStatus } from "../spec/types.generated.ts";
import { StateDirectory } from "./folder/state.ts";
import { outputsConfigMapData } from "./kube/adapter.ts";
import { currentNamespace, environmentsPath, GROUP, KubeClient, loadKubeConfig, VERSION, type KubeObject } from "./kube/client.ts";
import { conditionOf } from "./status.ts";

/** One environment as `gamectl get` and `describe` show it, from either source. */
export interface EnvironmentView {
  readonly namespace: string;
  readonly name: string;
  readonly createdAt?: string;
  readonly generation?: number;
  readonly spec?: GameEnvironment["spec"];
  readonly annotations: Readonly<Record<string, string>>;
  readonly status?: GameEnvironmentStatus;
  readonly source: string;
  readonly uid?: string;
  readonly events: readonly ViewEvent[];
}

export interface ViewEvent {
  readonly type: string;
  readonly reason: string;
  readonly message: string;
  readonly time?: string;
  readonly count: number;
}

export interface ViewSourceOptions {
  readonly manifestsDir?: string;
  readonly stateDir?: string;
  readonly kubeconfig?: string;
  readonly namespace?: string;
  readonly allNamespaces?: boolean;
}

/** Where `gamectl get/describe/refresh` read from: the state directory of a folder, or the Kubernetes API. */
export interface ViewSource {
  list(withEvents?: boolean): Promise<EnvironmentView[]>;
  refresh(view: EnvironmentView): Promise<void>;
  /** Namespace used when none is given (kube: the context's), or undefined for all. */
  readonly namespace?: string;
  readonly kind: "kubernetes" | "folder";
}

export const ALIASES = new Set(["gameenvironments", "gameenvironment", "genv", "genvs", `gameenvironments.${GROUP}`]);

export function openViewSource(options: ViewSourceOptions): ViewSource {
  if (options.manifestsDir || options.stateDir) return folderSource(options);
  return kubeSource(options);
}

function folderSource(options: ViewSourceOptions): ViewSource {
  const state = new StateDirectory(options.stateDir ?? `${options.manifestsDir}/.gamectl`);
  const namespace = options.allNamespaces ? undefined : options.namespace;
  return {
    kind: "folder",
    ...(namespace ? { namespace } : {}),
    async list() {
      return state.readAll()
        .filter((record) => record.manifest || record.status)
        .map((record): EnvironmentView => {
          const [ns = "", name = ""] = record.key.split("/");
          return {
            namespace: ns, name, createdAt: record.createdAt, generation: record.generation, annotations: record.manifest?.metadata.annotations ?? {},
            ...(record.manifest ? { spec: record.manifest.spec } : {}), ...(record.status ? { status: record.status } : {}),
            source: record.file, events: record.events.map((e) => ({ type: e.type, reason: e.reason, message: e.resource && e.resource !== record.key ? `${e.resource}: ${e.message}` : e.message, time: e.time, count: e.count })),
          };
        })
        .filter((view) => !namespace || view.namespace === namespace)
        .sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
    },
    async refresh(view) {
      state.requestRefresh(`${view.namespace}/${view.name}`, new Date().toISOString());
    },
  };
}

function kubeSource(options: ViewSourceOptions): ViewSource {
  const config = loadKubeConfig(options.kubeconfig);
  const client = new KubeClient(config);
  const namespace = options.allNamespaces ? undefined : (options.namespace ?? currentNamespace(config));
  return {
    kind: "kubernetes",
    ...(namespace ? { namespace } : {}),
    async list(withEvents = false) {
      const list = await client.get<{ items?: KubeObject[] }>(environmentsPath(namespace));
      const views: EnvironmentView[] = [];
      for (const item of list.items ?? []) {
        const meta = item.metadata;
        let events: ViewEvent[] = [];
        if (withEvents && meta.uid) {
          const found = await client.get<{ items?: Array<{ type?: string; reason?: string; message?: string; lastTimestamp?: string; eventTime?: string; count?: number }> }>(
            `/api/v1/namespaces/${meta.namespace}/events?fieldSelector=${encodeURIComponent(`involvedObject.uid=${meta.uid}`)}`,
          );
          events = (found.items ?? []).map((e) => ({ type: e.type ?? "", reason: e.reason ?? "", message: e.message ?? "", ...(e.lastTimestamp ?? e.eventTime ? { time: (e.lastTimestamp ?? e.eventTime)! } : {}), count: e.count ?? 1 }))
            .sort((a, b) => (a.time ?? "").localeCompare(b.time ?? ""));
        }
        views.push({
          namespace: meta.namespace ?? "", name: meta.name, ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
          ...(meta.generation !== undefined ? { generation: meta.generation } : {}), annotations: meta.annotations ?? {},
          spec: item.spec as GameEnvironment["spec"], ...(item.status ? { status: item.status as GameEnvironmentStatus } : {}),
          source: `kubernetes ${GROUP}/${VERSION}`, ...(meta.uid ? { uid: meta.uid } : {}), events,
        });
      }
      return views;
    },
    async refresh(view) {
      await client.patch(environmentsPath(view.namespace, view.name), "merge", { metadata: { annotations: { "gamectl.dev/refresh": new Date().toISOString() } } });
    },
  };
}

/** kubectl's HumanDuration, so AGE reads the same in both modes. */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1_000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  const years = Math.floor(days / 365);
  if (seconds < 120) return `${seconds}s`;
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (days < 365 * 2) return `${days}d`;
  if (years < 8) return days % 365 === 0 ? `${years}y` : `${years}y${days % 365}d`;
  return `${years}y`;
}

/** The CRD's printer columns, in its order: NAME, READY, SYNCED, PHASE, REDIS, LOAD-BALANCER, AGE. */
export function rowOf(view: EnvironmentView, now: Date, wide = false): string[] {
  const cell = (value: string | undefined) => value ?? "";
  const row = [
    view.name,
    cell(conditionOf(view.status, "Ready")?.status),
    cell(conditionOf(view.status, "Synced")?.status),
    cell(view.status?.phase),
    cell(view.status?.outputs?.redis?.primaryEndpoint),
    cell(view.status?.outputs?.loadBalancer?.dnsName),
    view.createdAt ? humanDuration(now.getTime() - Date.parse(view.createdAt)) : "",
  ];
  if (wide) row.push(view.status?.observedGeneration !== undefined ? `${view.status.observedGeneration}/${view.generation ?? "?"}` : "", cell(view.status?.message?.split("\n")[0]));
  return row;
}

export function headerOf(wide = false): string[] {
  const header = ["NAME", "READY", "SYNCED", "PHASE", "REDIS", "LOAD-BALANCER", "AGE"];
  if (wide) header.push("OBSERVED/GEN", "MESSAGE");
  return header;
}

/** Columns padded like kubectl's tabwriter: three spaces between columns, none after the last. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd((widths[i] ?? 0) + 3))).join("").trimEnd()).join("\n") + "\n";
}

/** The object as kubectl -o yaml shows it (folder mode builds it from the state record). */
export function objectOf(view: EnvironmentView): Record<string, unknown> {
  return {
    apiVersion: `${GROUP}/${VERSION}`, kind: "GameEnvironment",
    metadata: {
      name: view.name, namespace: view.namespace, ...(view.generation !== undefined ? { generation: view.generation } : {}),
      ...(view.createdAt ? { creationTimestamp: view.createdAt } : {}), ...(Object.keys(view.annotations).length ? { annotations: view.annotations } : {}),
    },
    ...(view.spec ? { spec: view.spec } : {}),
    ...(view.status ? { status: view.status } : {}),
  };
}

export function formatObjects(views: readonly EnvironmentView[], format: "yaml" | "json", single: boolean): string {
  const value = single && views[0] ? objectOf(views[0]) : { apiVersion: "v1", kind: "List", items: views.map(objectOf) };
  return format === "json" ? JSON.stringify(value, null, 2) + "\n" : stringify(value);
}

export function describe(view: EnvironmentView, now: Date): string {
  const lines: string[] = [];
  const field = (label: string, value: string | number | undefined) => lines.push(`${`${label}:`.padEnd(16)}${value ?? ""}`);
  field("Name", view.name);
  field("Namespace", view.namespace);
  field("Source", view.source);
  field("Generation", `${view.generation ?? "?"} (observed ${view.status?.observedGeneration ?? "none"})`);
  field("Phase", view.status?.phase ?? "Pending");
  if (view.status?.message) field("Message", view.status.message);
  const notable = Object.entries(view.annotations).filter(([key]) => key.startsWith("gamectl.dev/"));
  if (notable.length) field("Annotations", notable.map(([k, v]) => `${k}=${v}`).join(", "));
  const spec = view.spec;
  if (spec) {
    lines.push("Spec:");
    const item = (label: string, value: string) => lines.push(`  ${`${label}:`.padEnd(17)}${value}`);
    item("Region", spec.region);
    item("Deletion policy", spec.deletionPolicy);
    item("VPC", `${spec.network.vpcId} (${spec.network.privateSubnetIds.length} private, ${spec.network.publicSubnetIds.length} public subnets)`);
    if (spec.redis) item("Redis", `${spec.redis.nodeType} ${spec.redis.engineVersion}, ${spec.redis.shards} shard(s) x ${spec.redis.replicasPerShard} replica(s), auth ${spec.redis.authentication}`);
    if (spec.dynamodb) item("Tables", spec.dynamodb.tables.map((t) => t.name).join(", "));
    if (spec.loadBalancer) item("Load balancer", `${spec.loadBalancer.scheme}, listeners ${spec.loadBalancer.listeners.map((l) => `${l.port}/${l.protocol}`).join(", ")}`);
    if (spec.iam) item("Task role", spec.iam.taskRole?.existingRoleName ? `existing ${spec.iam.taskRole.existingRoleName}` : "created by gamectl");
  }
  lines.push("Conditions:");
  const conditions = view.status?.conditions ?? [];
  if (conditions.length === 0) lines.push("  <none>");
  else lines.push(indent(formatTable([["TYPE", "STATUS", "REASON", "SINCE", "MESSAGE"], ...conditions.map((c) => [c.type, c.status, c.reason ?? "", c.lastTransitionTime ? humanDuration(now.getTime() - Date.parse(c.lastTransitionTime)) : "", (c.message ?? "").split("\n")[0] ?? ""])])));
  lines.push("Resources:");
  const resources = view.status?.resources ?? [];
  if (resources.length === 0) lines.push("  <none>");
  else lines.push(indent(formatTable([["KIND", "NAME", "ID", "STATE", "MESSAGE"], ...resources.map((r) => [r.kind, r.name, r.id ?? "", r.state, r.message ?? ""])])));
  const plan = view.status?.lastPlan;
  if (plan) lines.push(`Last plan:      ${plan.add ?? 0} to add, ${plan.change ?? 0} to change, ${plan.destroy ?? 0} to destroy, ${plan.blocked ?? 0} blocked`);
  lines.push("Outputs:");
  const outputs = view.status?.outputs ? Object.entries(outputsConfigMapData(view.status.outputs)).filter(([key]) => key !== "outputs.json") : [];
  if (outputs.length === 0) lines.push("  <none>");
  else for (const [key, value] of outputs) lines.push(`  ${key}: ${value}`);
  lines.push("Events:");
  const events = view.events.slice(-20);
  if (events.length === 0) lines.push("  <none>");
  else lines.push(indent(formatTable([["TYPE", "REASON", "AGE", "MESSAGE"], ...events.map((e) => [e.type, e.reason, `${e.time ? humanDuration(now.getTime() - Date.parse(e.time)) : ""}${e.count > 1 ? ` (x${e.count})` : ""}`, e.message])])));
  return lines.join("\n") + "\n";
}

function indent(text: string): string {
  return text.trimEnd().split("\n").map((line) => `  ${line}`).join("\n");
}
