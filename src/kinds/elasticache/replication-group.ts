import {
  CreateReplicationGroupCommand, DecreaseReplicaCountCommand, DeleteReplicationGroupCommand, DescribeEventsCommand,
  DescribeReplicationGroupsCommand, DescribeSnapshotsCommand, IncreaseReplicaCountCommand, ModifyReplicationGroupCommand,
  ModifyReplicationGroupShardConfigurationCommand,
  type CacheCluster, type CreateReplicationGroupCommandInput, type Event, type ModifyReplicationGroupCommandInput, type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import { errorIs } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { tagList } from "../../aws/drivers/tags.ts";
import { securityGroupName } from "../ec2/security-groups.ts";
import type { DesiredResource, DesiredValue, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { deepEqual, isReference, ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { allPages } from "../pages.ts";
import { withAuthToken } from "../secretsmanager/redis-auth-secret.ts";
import { tagsFor } from "../tags.ts";
import { candidateFilter, elastiCacheTags, listCacheClusters, matchCandidates, tagElastiCache, type Candidate } from "./common.ts";
import {
  redisAuthSecretName, redisParameterGroupName, redisSettings, redisSubnetGroupName, redisUserGroupName, redisUserName, replicationGroupName,
} from "./redis.ts";
import { elasticacheService } from "./service.ts";
import { changeOwned, changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, elastiCacheInputs, installationArns, readEverything, serviceLinkedRole } from "../permissions.ts";

/** The Redis replication group, in the normalized shape both the builder writes and the driver observes. */
export type ReplicationGroupProperties = {
  engine: string;
  /** major.minor, as the manifest names it. */
  engineVersion: string;
  nodeType: string;
  clusterMode: "enabled" | "disabled";
  shards: number;
  replicasPerShard: number;
  automaticFailover: boolean;
  multiAZ: boolean;
  port: number;
  atRestEncryption: boolean;
  transitEncryption: boolean;
  /** The ARN of the secret that holds the AUTH token (authentication: token), else null. */
  authTokenSecret: string | null;
  /** The user group it authenticates against (authentication: iam), else null. */
  userGroupId: string | null;
  subnetGroup: string;
  parameterGroup: string;
  securityGroupIds: string[];
  snapshotRetentionDays: number;
  snapshotWindow?: string;
  maintenanceWindow?: string;
};

/** What a delete of the group reads from the spec. */
export type ReplicationGroupDeleteOptions = {
  /** Take a final snapshot before deleting (the schema's default, true). */
  readonly finalSnapshot: boolean;
};

/** Every change to a replication group is refused by AWS unless the group and all its node groups are `available`. */
const whenAvailable = { semantics: "needs-state", waitsFor: "available" } as const;

export const replicationGroupReplaceSteps = [
  "take a final snapshot of the old replication group",
  "delete the old replication group",
  "create the new replication group seeded from that snapshot",
] as const;

const catalog: ResourceKind["catalog"] = {
  title: "ElastiCache replication group",
  dataHolding: true,
  tier: 2,
  fields: {
    engine: { semantics: "immutable", reason: "a replication group's engine cannot change; it needs a new group" },
    port: { semantics: "immutable", reason: "ElastiCache cannot change the port of an existing replication group" },
    atRestEncryption: { semantics: "immutable", reason: "encryption at rest can only be chosen when a replication group is created" },
    subnetGroup: { semantics: "immutable", reason: "a replication group cannot move to another subnet group" },
    clusterMode: {
      semantics: "immutable",
      reason: "switching cluster mode on or off (shards > 1 versus 1) needs a new replication group and a data migration",
    },
    engineVersion: whenAvailable,
    nodeType: whenAvailable,
    replicasPerShard: {
      semantics: "one-at-a-time", waitsFor: "available",
      reason: "replicas change through Increase/DecreaseReplicaCount, one operation at a time, before any shard change",
    },
    shards: {
      semantics: "one-at-a-time", waitsFor: "available",
      reason: "resharding runs alone, after replica changes, while the group is available",
    },
    automaticFailover: whenAvailable,
    multiAZ: whenAvailable,
    transitEncryption: whenAvailable,
    authTokenSecret: whenAvailable,
    userGroupId: whenAvailable,
    parameterGroup: whenAvailable,
    securityGroupIds: { ...whenAvailable, compare: "set" },
    snapshotRetentionDays: whenAvailable,
    snapshotWindow: whenAvailable,
    maintenanceWindow: whenAvailable,
  },
  readiness: {
    states: ["available"], noun: "replication group",
    check: (observed) => observed.state === "available"
      ? { ready: true, ...(observed.message ? { message: observed.message } : {}) }
      // ElastiCache reports an async failure (a failed snapshot restore, a failed modify) only as an event.
      : { ready: false, message: observed.message ?? `replication group is ${observed.state}` },
  },
  requeueMs: { creating: 15_000, updating: 10_000, deleting: 15_000 },
  replaceSteps: replicationGroupReplaceSteps,
};
const requeueMs = catalog.requeueMs;

/** Records, on the group itself, which secret its AUTH token came from (ElastiCache only says "a token is set"). */
export const authSecretTag = "gamectl.dev/auth-token-secret";
/** Records, on a snapshot that seeded a replacement, which group it seeded: it is never used twice. */
export const seededTag = "gamectl.dev/seeded";
/** Observed attribute: the manifest asks to replace this group (an immutable field changed, with the opt-in). */
const replacingAttribute = "replacing";

/** Event messages that tell of an asynchronous failure, e.g. a scale-down AWS rolled back. */
const failurePattern = /fail|error|roll(?:ed|ing)?[ -]?back|insufficient|unable|could not|cannot|not supported|exceeded/i;
/** How far back DescribeEvents looks for failures. */
const eventWindowMinutes = 120;

interface Group {
  readonly group: ReplicationGroup;
  /** The member clusters; AWS reports engine version, parameter group, subnet group, SGs and maintenance window only there. */
  readonly members: CacheCluster[];
}

/** "7.1.0" and "7.1" are the same engine version to the manifest, which names major.minor. */
function majorMinor(version: string | undefined): string {
  return (version ?? "").split(".").slice(0, 2).join(".");
}

/** The group is available only when it and every node group are: AWS refuses any change otherwise. */
function groupState(group: ReplicationGroup): string {
  const status = group.Status ?? "unknown";
  if (status !== "available") return status;
  const busy = (group.NodeGroups ?? []).find((n) => n.Status && n.Status !== "available");
  return busy ? (busy.Status ?? "modifying") : "available";
}

function replicasPerShard(group: ReplicationGroup): JsonValue {
  const counts = (group.NodeGroups ?? []).map((n) => Math.max(0, (n.NodeGroupMembers?.length ?? 1) - 1));
  const unique = [...new Set(counts)];
  // Shards with different replica counts are shown as such, so the plan says which to fix.
  return unique.length <= 1 ? (unique[0] ?? 0) : counts;
}

function endpoints(group: ReplicationGroup): Record<string, string> {
  const nodeGroup = group.NodeGroups?.[0];
  const primary = group.ConfigurationEndpoint ?? nodeGroup?.PrimaryEndpoint;
  const reader = group.ConfigurationEndpoint ? group.ConfigurationEndpoint : nodeGroup?.ReaderEndpoint;
  const out: Record<string, string> = {};
  if (primary?.Address) out.primaryEndpoint = primary.Address;
  if (reader?.Address) out.readerEndpoint = reader.Address;
  const port = primary?.Port ?? reader?.Port;
  if (port) out.port = String(port);
  return out;
}

/** Failure messages newer than the last event that was not a failure: what the user must know now. */
export function recentFailures(events: readonly Event[]): string[] {
  const sorted = [...events].sort((a, b) => (b.Date?.getTime() ?? 0) - (a.Date?.getTime() ?? 0));
  const failures: string[] = [];
  for (const event of sorted) {
    const message = event.Message ?? "";
    if (!failurePattern.test(message)) break;
    failures.push(message);
  }
  return failures;
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
}

/**
 * The Redis replication group. Every change is state-gated (the catalog makes the plan wait for
 * `available`), sent with only the fields that differ, one kind of operation per pass:
 * replica counts, then shards, then everything ModifyReplicationGroup takes in one call.
 */
class ReplicationGroupDriver implements KindDriver<ReplicationGroupProperties, ReplicationGroupDeleteOptions> {
  readonly kind = "ReplicationGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const mayBeOurs = candidateFilter(ctx, desired);
    const ec = ctx.aws.elasticache;
    const groups = (await allPages(async (Marker) => {
      const page = await ec.send(new DescribeReplicationGroupsCommand({ ...(Marker ? { Marker } : {}) }));
      return { items: page.ReplicationGroups, marker: page.Marker };
    })).filter((g) => g.ReplicationGroupId && g.ARN && mayBeOurs(g.ReplicationGroupId));
    if (groups.length === 0) return [];
    const [clusters, events] = await Promise.all([
      listCacheClusters(ctx),
      allPages(async (Marker) => {
        // All source types: AWS reports many failures on the member clusters rather than on the group.
        const page = await ec.send(new DescribeEventsCommand({ Duration: eventWindowMinutes, ...(Marker ? { Marker } : {}) }));
        return { items: page.Events, marker: page.Marker };
      }),
    ]);
    const candidates: Candidate<Group>[] = groups.map((group) => ({
      physicalName: group.ReplicationGroupId!, arn: group.ARN!,
      item: { group, members: clusters.filter((c) => c.ReplicationGroupId === group.ReplicationGroupId) },
    }));
    return await matchCandidates(ctx, desired, candidates, ({ physicalName, arn, item }, name, owned, tags, wanted) => {
      const properties = this.properties(item, tags);
      const memberIds = new Set(item.members.map((m) => m.CacheClusterId));
      const failures = recentFailures(events.filter((e) => e.SourceIdentifier === physicalName || memberIds.has(e.SourceIdentifier)));
      const replacing = wanted?.allowReplacement === true && immutableChanged(wanted, properties);
      return {
        kind: this.kind, name, id: physicalName, owned, state: groupState(item.group), tags, properties,
        attributes: {
          id: physicalName, arn, ...endpoints(item.group),
          ...(item.group.TransitEncryptionMode ? { transitEncryptionMode: item.group.TransitEncryptionMode } : {}),
          ...(replacing ? { [replacingAttribute]: "true" } : {}),
        },
        ...(failures.length > 0 ? { message: `AWS reported: ${failures.join("; ")}` } : {}),
      };
    });
  }

  /** The observed group in the manifest's shape. */
  private properties({ group, members }: Group, tags: Readonly<Record<string, string>>): Record<string, JsonValue> {
    const primary = members.find((m) => m.CacheClusterId === group.NodeGroups?.[0]?.NodeGroupMembers?.find((n) => n.CurrentRole === "primary")?.CacheClusterId) ?? members[0];
    const port = group.ConfigurationEndpoint?.Port ?? group.NodeGroups?.[0]?.PrimaryEndpoint?.Port ?? primary?.CacheNodes?.[0]?.Endpoint?.Port;
    const authGroups = group.UserGroupIds ?? [];
    const properties: Record<string, JsonValue> = {
      engine: group.Engine ?? primary?.Engine ?? "redis",
      engineVersion: majorMinor(primary?.EngineVersion),
      nodeType: group.CacheNodeType ?? primary?.CacheNodeType ?? "",
      clusterMode: group.ClusterEnabled ? "enabled" : "disabled",
      shards: group.NodeGroups?.length ?? 0,
      replicasPerShard: replicasPerShard(group),
      automaticFailover: group.AutomaticFailover === "enabled" || group.AutomaticFailover === "enabling",
      multiAZ: group.MultiAZ === "enabled",
      port: port ?? null,
      atRestEncryption: group.AtRestEncryptionEnabled ?? false,
      // "preferred" accepts plaintext clients too: only "required" (or no mode reported) is encryption in transit.
      transitEncryption: (group.TransitEncryptionEnabled ?? false) && group.TransitEncryptionMode !== "preferred",
      authTokenSecret: group.AuthTokenEnabled ? (tags[authSecretTag] ?? "(a token gamectl did not set)") : null,
      userGroupId: authGroups[0] ?? null,
      subnetGroup: primary?.CacheSubnetGroupName ?? null,
      parameterGroup: primary?.CacheParameterGroup?.CacheParameterGroupName ?? null,
      securityGroupIds: (primary?.SecurityGroups ?? []).map((s) => s.SecurityGroupId ?? "").filter(Boolean).sort(),
      snapshotRetentionDays: group.SnapshotRetentionLimit ?? 0,
      snapshotWindow: group.SnapshotWindow ?? null,
      maintenanceWindow: primary?.PreferredMaintenanceWindow?.toLowerCase() ?? null,
    };
    return properties;
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<ReplicationGroupProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const id = resource.physicalName;
    const secretArn = p.authTokenSecret ?? undefined;
    const seed = await this.replacementSnapshot(ctx, id);
    if (seed && !seed.available) {
      // Never start the new group empty while the old one's data is still being written to the snapshot.
      return { requeueAfterMs: requeueMs.creating, message: `waiting for snapshot ${seed.name} to be available (is ${seed.status})` };
    }
    const input: CreateReplicationGroupCommandInput = {
      ReplicationGroupId: id,
      ReplicationGroupDescription: `gamectl Redis for ${ctx.environment.key}`,
      Engine: p.engine,
      EngineVersion: p.engineVersion,
      CacheNodeType: p.nodeType,
      NumNodeGroups: p.shards,
      ReplicasPerNodeGroup: p.replicasPerShard,
      ...(p.clusterMode === "enabled" ? { ClusterMode: "enabled" as const } : {}),
      AutomaticFailoverEnabled: p.automaticFailover === true,
      MultiAZEnabled: p.multiAZ === true,
      Port: p.port,
      AtRestEncryptionEnabled: p.atRestEncryption === true,
      TransitEncryptionEnabled: p.transitEncryption === true,
      CacheSubnetGroupName: p.subnetGroup,
      CacheParameterGroupName: p.parameterGroup,
      SecurityGroupIds: p.securityGroupIds,
      SnapshotRetentionLimit: p.snapshotRetentionDays,
      ...(p.snapshotWindow !== undefined ? { SnapshotWindow: p.snapshotWindow } : {}),
      ...(p.maintenanceWindow !== undefined ? { PreferredMaintenanceWindow: p.maintenanceWindow } : {}),
      ...(p.userGroupId !== null ? { UserGroupIds: [p.userGroupId] } : {}),
      ...(seed ? { SnapshotName: seed.name } : {}),
      // Ownership and the token's secret are recorded atomically with the group.
      Tags: tagList({ ...resource.tags, ...(secretArn ? { [authSecretTag]: secretArn } : {}) }),
    };
    try {
      // The token is read here and goes only into the request; it is never logged or returned.
      const created = await withAuthToken(ctx, secretArn, (token) =>
        ctx.aws.elasticache.send(new CreateReplicationGroupCommand(token ? { ...input, AuthToken: token } : input)));
      if (seed) await tagElastiCache(ctx, seed.arn, { [seededTag]: id });
      const group = created.ReplicationGroup;
      return {
        attributes: { id, arn: group?.ARN ?? "", ...(group ? endpoints(group) : {}) },
        requeueAfterMs: requeueMs.creating,
        message: seed ? `creating from snapshot ${seed.name}` : "creating",
      };
    } catch (error) {
      if (!errorIs(error, "ReplicationGroupAlreadyExists")) throw error;
      // Created before a crash: look it up rather than create a second one.
      const existing = (await ctx.aws.elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))).ReplicationGroups?.[0];
      return { attributes: { id, arn: existing?.ARN ?? "", ...(existing ? endpoints(existing) : {}) }, requeueAfterMs: 5_000, message: "already exists" };
    }
  }

  /** The newest snapshot this group's replacement took that has not seeded a group yet. */
  private async replacementSnapshot(ctx: DriverContext, id: string): Promise<{ name: string; arn: string; available: boolean; status: string } | undefined> {
    const prefix = `${id}-replace-`;
    let snapshots;
    try {
      snapshots = (await ctx.aws.elasticache.send(new DescribeSnapshotsCommand({ ReplicationGroupId: id }))).Snapshots ?? [];
    } catch (error) {
      if (errorIs(error, "ReplicationGroupNotFound", "SnapshotNotFound")) return undefined;
      throw error;
    }
    const named = snapshots.filter((s) => s.SnapshotName?.startsWith(prefix) && s.ARN).sort((a, b) => (b.SnapshotName! < a.SnapshotName! ? -1 : 1));
    const newest = named[0];
    if (!newest) return undefined;
    if ((await elastiCacheTags(ctx, newest.ARN!))[seededTag] !== undefined) return undefined;
    const status = newest.SnapshotStatus ?? "available";
    return { name: newest.SnapshotName!, arn: newest.ARN!, available: status === "available", status };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<ReplicationGroupProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const arn = observed.attributes.arn ?? "";
    const ec = ctx.aws.elasticache;
    const requeue = requeueMs.updating;
    if (changed.has("tags")) await tagElastiCache(ctx, arn, resource.tags);
    const modifyFields = [...changed].filter((f) => f !== "tags" && f !== "replicasPerShard" && f !== "shards");
    if (modifyFields.length === 0 && !changed.has("replicasPerShard") && !changed.has("shards")) return { attributes: observed.attributes };
    if (observed.state !== "available") {
      return { attributes: observed.attributes, requeueAfterMs: requeue, message: `waiting for available (is ${observed.state})` };
    }

    // Failover must be switched off before the last replica goes, and switched on only after one exists.
    const turningFailoverOff = (changed.has("automaticFailover") && p.automaticFailover === false) || (changed.has("multiAZ") && p.multiAZ === false);
    const modifyFirst = turningFailoverOff && modifyFields.length > 0;
    if (!modifyFirst && changed.has("replicasPerShard")) {
      return { attributes: observed.attributes, requeueAfterMs: requeue, message: await this.changeReplicas(ctx, observed, p.replicasPerShard) };
    }
    if (!modifyFirst && changed.has("shards")) {
      const target = p.shards;
      const current = Number(observed.properties.shards);
      const shardIds = ((await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: observed.id }))).ReplicationGroups?.[0]?.NodeGroups ?? [])
        .map((n) => n.NodeGroupId ?? "").filter(Boolean).sort();
      await ec.send(new ModifyReplicationGroupShardConfigurationCommand({
        ReplicationGroupId: observed.id, NodeGroupCount: target, ApplyImmediately: true,
        // Scaling in keeps the lowest-numbered shards; their slots are rebalanced by AWS.
        ...(target < current ? { NodeGroupsToRetain: shardIds.slice(0, target) } : {}),
      }));
      return { attributes: observed.attributes, requeueAfterMs: requeue, message: `resharding from ${current} to ${target} shards` };
    }
    if (modifyFields.length === 0) return { attributes: observed.attributes };

    const input: ModifyReplicationGroupCommandInput = { ReplicationGroupId: observed.id, ApplyImmediately: true };
    const extraTags: Record<string, string> = {};
    for (const field of modifyFields) {
      switch (field) {
        case "engineVersion": input.EngineVersion = p.engineVersion; break;
        case "nodeType": input.CacheNodeType = p.nodeType; break;
        case "automaticFailover": input.AutomaticFailoverEnabled = p.automaticFailover === true; break;
        case "multiAZ": input.MultiAZEnabled = p.multiAZ === true; break;
        case "transitEncryption": {
          // AWS moves an existing group through "preferred" both ways, one modify per step, so clients can follow.
          const preferred = observed.attributes.transitEncryptionMode === "preferred";
          if (p.transitEncryption === true) {
            if (preferred) input.TransitEncryptionMode = "required";
            else Object.assign(input, { TransitEncryptionEnabled: true, TransitEncryptionMode: "preferred" });
          } else if (preferred) {
            input.TransitEncryptionEnabled = false;
          } else {
            input.TransitEncryptionMode = "preferred";
          }
          break;
        }
        case "parameterGroup": input.CacheParameterGroupName = p.parameterGroup; break;
        case "securityGroupIds": input.SecurityGroupIds = p.securityGroupIds; break;
        case "snapshotRetentionDays": input.SnapshotRetentionLimit = p.snapshotRetentionDays; break;
        case "snapshotWindow": input.SnapshotWindow = p.snapshotWindow; break;
        case "maintenanceWindow": input.PreferredMaintenanceWindow = p.maintenanceWindow; break;
        case "userGroupId": {
          const current = observed.properties.userGroupId;
          if (p.userGroupId !== null) input.UserGroupIdsToAdd = [p.userGroupId];
          if (typeof current === "string") input.UserGroupIdsToRemove = [current];
          break;
        }
        case "authTokenSecret": {
          if (p.authTokenSecret !== null) {
            input.AuthTokenUpdateStrategy = observed.properties.authTokenSecret === null ? "ROTATE" : "SET";
            extraTags[authSecretTag] = p.authTokenSecret;
          } else {
            input.AuthTokenUpdateStrategy = "DELETE";
          }
          break;
        }
        default:
          // Immutable fields never reach update: the plan blocks them or replaces the group.
          throw new Error(`${resource.name}: ${field} cannot be changed in place`);
      }
    }
    if (modifyFirst && changed.has("automaticFailover") && p.automaticFailover === false && observed.properties.multiAZ === true) input.MultiAZEnabled = false;
    const secretArn = p.authTokenSecret !== null && input.AuthTokenUpdateStrategy ? p.authTokenSecret : undefined;
    // The token goes only into the request; the recorded plan and logs carry the secret's ARN.
    await withAuthToken(ctx, secretArn, (token) => ec.send(new ModifyReplicationGroupCommand(token ? { ...input, AuthToken: token } : input)));
    if (Object.keys(extraTags).length > 0) await tagElastiCache(ctx, arn, extraTags);
    return { attributes: observed.attributes, requeueAfterMs: requeue, message: `modifying ${modifyFields.join(", ")}` };
  }

  /** Increase or decrease replicas, per shard, only for the shards that differ. */
  private async changeReplicas(ctx: DriverContext, observed: ObservedResource, target: number): Promise<string> {
    const ec = ctx.aws.elasticache;
    const group = (await ec.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: observed.id }))).ReplicationGroups?.[0];
    const shards = (group?.NodeGroups ?? []).map((n) => ({ id: n.NodeGroupId ?? "", replicas: Math.max(0, (n.NodeGroupMembers?.length ?? 1) - 1) }));
    const below = shards.filter((s) => s.replicas < target);
    const above = shards.filter((s) => s.replicas > target);
    const uniform = (list: typeof shards) => list.length === shards.length;
    if (below.length > 0) {
      await ec.send(new IncreaseReplicaCountCommand({
        ReplicationGroupId: observed.id, ApplyImmediately: true,
        ...(uniform(below) ? { NewReplicaCount: target } : { ReplicaConfiguration: below.map((s) => ({ NodeGroupId: s.id, NewReplicaCount: target })) }),
      }));
      return `adding replicas (to ${target} per shard)`;
    }
    if (above.length > 0) {
      await ec.send(new DecreaseReplicaCountCommand({
        ReplicationGroupId: observed.id, ApplyImmediately: true,
        ...(uniform(above) ? { NewReplicaCount: target } : { ReplicaConfiguration: above.map((s) => ({ NodeGroupId: s.id, NewReplicaCount: target })) }),
      }));
      return `removing replicas (to ${target} per shard)`;
    }
    return "replicas already match";
  }

  async delete(ctx: DriverContext, observed: ObservedResource, options: ReplicationGroupDeleteOptions): Promise<DriverResult> {
    const requeue = requeueMs.deleting;
    if (observed.state === "deleting") return { requeueAfterMs: requeue, message: "being deleted" };
    if (observed.state !== "available" && observed.state !== "create-failed") {
      return { requeueAfterMs: requeue, message: `waiting for available before deleting (is ${observed.state})` };
    }
    // A replacement always keeps a snapshot: the new group is seeded from it.
    const replacing = observed.attributes[replacingAttribute] === "true";
    const snapshot = replacing ? `${observed.id}-replace-${timestamp()}` : options.finalSnapshot ? `${observed.id}-final-${timestamp()}` : undefined;
    try {
      await ctx.aws.elasticache.send(new DeleteReplicationGroupCommand({
        ReplicationGroupId: observed.id, RetainPrimaryCluster: false, ...(snapshot ? { FinalSnapshotIdentifier: snapshot } : {}),
      }));
    } catch (error) {
      if (errorIs(error, "ReplicationGroupNotFound")) return { message: "already gone" };
      throw error;
    }
    return { requeueAfterMs: requeue, message: snapshot ? `deleting after final snapshot ${snapshot}` : "deleting without a final snapshot (finalSnapshot: false)" };
  }
}

/** Whether an immutable field of the manifest differs from AWS (references cannot be immutable fields). */
function immutableChanged(desired: DesiredResource, observed: Readonly<Record<string, JsonValue>>): boolean {
  const fields = catalog.fields;
  return Object.entries(desired.properties).some(([field, value]) =>
    fields[field]?.semantics === "immutable" && !isReference(value) && !deepEqual(value as JsonValue, observed[field]));
}

function buildReplicationGroup(env: LoadedEnvironment): Array<DesiredResourceOf<"ReplicationGroup", ReplicationGroupProperties>> {
  const redis = env.manifest.spec.redis;
  if (!redis) return [];
  const s = redisSettings(redis);
  const properties: DesiredResourceOf<"ReplicationGroup", ReplicationGroupProperties>["properties"] = {
    engine: "redis",
    engineVersion: s.engineVersion,
    nodeType: s.nodeType,
    clusterMode: s.shards > 1 ? "enabled" : "disabled",
    shards: s.shards,
    replicasPerShard: s.replicasPerShard,
    // Cluster mode requires automatic failover; Multi-AZ requires it too.
    automaticFailover: s.multiAZ || s.shards > 1,
    multiAZ: s.multiAZ,
    port: s.port,
    atRestEncryption: s.atRest,
    transitEncryption: s.inTransit,
    authTokenSecret: s.authentication === "token" ? ref(redisAuthSecretName, "arn") : null,
    userGroupId: s.authentication === "iam" ? ref(redisUserGroupName, "id") : null,
    // Deterministic names rather than references, so observe can tell an immutable change apart.
    subnetGroup: env.names.cacheSubnetGroupName,
    parameterGroup: env.names.cacheParameterGroupName,
    securityGroupIds: [ref(securityGroupName("redis"), "id")],
    snapshotRetentionDays: s.snapshotRetentionDays,
    ...(redis.snapshotWindow ? { snapshotWindow: redis.snapshotWindow } : {}),
    ...(redis.maintenanceWindow ? { maintenanceWindow: redis.maintenanceWindow.toLowerCase() } : {}),
  };
  return [{
    kind: "ReplicationGroup",
    name: replicationGroupName,
    component: replicationGroupName,
    physicalName: env.names.replicationGroupId,
    properties,
    dependsOn: [redisSubnetGroupName, redisParameterGroupName],
    tags: tagsFor(env, replicationGroupName),
    ...(redis.allowReplacement ? { allowReplacement: true } : {}),
  }];
}

/** The game server connects as the IAM user: elasticache:Connect on exactly its group and user. */
function redisConnectStatements(env: LoadedEnvironment): DesiredValue[] {
  if (env.manifest.spec.redis?.authentication !== "iam") return [];
  return [{
    Sid: "RedisConnect", Effect: "Allow", Action: ["elasticache:Connect"],
    Resource: [ref(replicationGroupName, "arn"), ref(redisUserName, "arn")],
  }];
}

export const replicationGroup: ResourceKind<"ReplicationGroup", ReplicationGroupProperties, ReplicationGroupDeleteOptions> = {
  name: "ReplicationGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog,
  build: buildReplicationGroup,
  outputs(env, lookup, _observed, outputs) {
    const redis = env.manifest.spec.redis;
    if (!redis) return;
    const primaryEndpoint = lookup(replicationGroupName, "primaryEndpoint");
    if (!primaryEndpoint) return;
    const s = redisSettings(redis);
    const port = Number(lookup(replicationGroupName, "port") ?? s.port);
    const secretArn = s.authentication === "token" ? lookup(redisAuthSecretName, "arn") : undefined;
    const userGroupId = s.authentication === "iam" ? lookup(redisUserGroupName, "id") : undefined;
    const userId = s.authentication === "iam" ? lookup(redisUserName, "id") : undefined;
    outputs.redis = {
      primaryEndpoint,
      readerEndpoint: lookup(replicationGroupName, "readerEndpoint") ?? primaryEndpoint,
      port,
      tls: s.inTransit,
      authMode: s.authentication,
      ...(secretArn ? { secretArn } : {}),
      ...(userGroupId ? { userGroupId } : {}),
      ...(userId ? { userId } : {}),
    };
  },
  driver: new ReplicationGroupDriver(),
  // The spec may no longer have a redis section when the group is deleted: then the schema's default (true) holds.
  deleteOptions: (env) => ({ finalSnapshot: env.manifest.spec.redis?.finalSnapshot ?? true }),
  taskRoleStatements: redisConnectStatements,
  permissions: [
    readEverything(["elasticache:DescribeCacheClusters", "elasticache:DescribeEvents", "elasticache:DescribeReplicationGroups", "elasticache:DescribeSnapshots", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateReplicationGroup"], [installationArns.replicationGroup]),
    elastiCacheInputs(["elasticache:CreateReplicationGroup"], ["arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:security-group/*", installationArns.parameterGroup, installationArns.subnetGroup, installationArns.cacheUserGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyReplicationGroup", "elasticache:ModifyReplicationGroupShardConfiguration", "elasticache:IncreaseReplicaCount", "elasticache:DecreaseReplicaCount", "elasticache:DeleteReplicationGroup"], [installationArns.replicationGroup]),
    // A snapshot's ARN carries the snapshot's name, not the group's: the tag alone scopes it.
    changeOwned(["elasticache:CreateSnapshot"]),
    serviceLinkedRole("elasticache.amazonaws.com", "AWSServiceRoleForElastiCache"),
  ],
};
