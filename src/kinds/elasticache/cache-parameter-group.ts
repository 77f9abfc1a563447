import {
  CreateCacheParameterGroupCommand, DeleteCacheParameterGroupCommand, DescribeCacheParameterGroupsCommand, DescribeCacheParametersCommand,
  ModifyCacheParameterGroupCommand, ResetCacheParameterGroupCommand,
  type CacheParameterGroup, type Parameter,
} from "@aws-sdk/client-elasticache";
import { errorIs } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { tagList } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { defaultRedisParameters, parameterGroupFamily } from "../../spec/known-values.ts";
import type { RedisSpec } from "../../spec/types.generated.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { allPages } from "../pages.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { candidateFilter, deleteUnlessInUse, listCacheClusters, matchCandidates, tagElastiCache, type Candidate } from "./common.ts";
import { redisParameterGroupName, redisSettings } from "./redis.ts";
import { elasticacheService } from "./service.ts";

/** The parameter group's engine family ("redis7") and the parameters set on it (name to value). */
export type CacheParameterGroupProperties = { family: string; parameters: Record<string, string> };

/**
 * The parameter group's values: the defaults, the user's, and cluster-enabled from shards (validate
 * refuses it in the user's). AWS needs cluster-enabled yes for more than one node group; with one
 * shard it stays at the engine's default, no. Cluster mode is part of the group's name (see
 * names.ts), so going between 1 and more shards makes a new group instead of flipping this one.
 */
function redisParameters(redis: RedisSpec): Record<string, string> {
  const parameters: Record<string, string> = { ...defaultRedisParameters, ...redis.parameters };
  delete parameters["cluster-enabled"];
  if (redisSettings(redis).shards > 1) parameters["cluster-enabled"] = "yes";
  return parameters;
}

/** AWS takes at most 20 parameters per ModifyCacheParameterGroup or ResetCacheParameterGroup call. */
const parametersPerCall = 20;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Observed properties are untyped JSON; the driver itself wrote the parameters as a map of strings. */
const stringMap = (value: JsonValue | undefined): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};

/**
 * The environment's parameter group. Observed parameters are the ones set by the user (Source=user):
 * a parameter the manifest no longer lists is reset to the engine default with ResetCacheParameterGroup.
 */
class CacheParameterGroupDriver implements KindDriver<CacheParameterGroupProperties> {
  readonly kind = "CacheParameterGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const mayBeOurs = candidateFilter(ctx, desired);
    const groups = await allPages(async (Marker) => {
      const page = await ctx.aws.elasticache.send(new DescribeCacheParameterGroupsCommand({ ...(Marker ? { Marker } : {}) }));
      return { items: page.CacheParameterGroups, marker: page.Marker };
    });
    const candidates: Candidate<CacheParameterGroup>[] = groups
      .filter((g) => g.CacheParameterGroupName && g.ARN && !g.CacheParameterGroupName.startsWith("default.") && mayBeOurs(g.CacheParameterGroupName))
      .map((g) => ({ physicalName: g.CacheParameterGroupName!, arn: g.ARN!, item: g }));
    const wantedNames = new Set(desired.map((d) => d.physicalName.toLowerCase()));
    // An old generation (the previous engine family's group) is left unobserved while a live group still uses it:
    // it is removed on the pass after the replication group has switched, instead of failing with "in use".
    const leftovers = candidates.filter((c) => !wantedNames.has(c.physicalName.toLowerCase()));
    const inUse = leftovers.length === 0 ? new Set<string>() : new Set((await listCacheClusters(ctx))
      .filter((c) => c.CacheClusterStatus !== "deleting")
      .map((c) => c.CacheParameterGroup?.CacheParameterGroupName ?? ""));
    const settled = candidates.filter((c) => wantedNames.has(c.physicalName.toLowerCase()) || !inUse.has(c.physicalName));
    return await matchCandidates(ctx, desired, settled, async ({ physicalName, arn, item }, name, owned, tags) => {
      const parameters = await userParameters(ctx, physicalName);
      return {
        kind: this.kind, name, id: physicalName, owned, state: "available", tags,
        properties: { family: item.CacheParameterGroupFamily ?? "", parameters },
        attributes: { id: physicalName, name: physicalName, arn },
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<CacheParameterGroupProperties>): Promise<DriverResult> {
    const name = resource.physicalName;
    let arn = "";
    try {
      const created = await ctx.aws.elasticache.send(new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: name,
        CacheParameterGroupFamily: resource.properties.family,
        Description: `gamectl Redis parameters for ${ctx.environment.key}`,
        Tags: tagList(resource.tags),
      }));
      arn = created.CacheParameterGroup?.ARN ?? "";
    } catch (error) {
      if (!errorIs(error, "CacheParameterGroupAlreadyExists")) throw error;
    }
    // A crash between create and modify leaves defaults: the next plan sees them as drift.
    await setParameters(ctx, name, Object.entries(resource.properties.parameters));
    return { attributes: { id: name, name, ...(arn ? { arn } : {}) } };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<CacheParameterGroupProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("parameters")) {
      const wanted = resource.properties.parameters;
      const current = stringMap(observed.properties.parameters);
      const toSet = Object.entries(wanted).filter(([key, value]) => current[key] !== value);
      const toReset = Object.keys(current).filter((key) => !(key in wanted));
      await setParameters(ctx, observed.id, toSet);
      for (const batch of chunks(toReset, parametersPerCall)) {
        await ctx.aws.elasticache.send(new ResetCacheParameterGroupCommand({
          CacheParameterGroupName: observed.id, ResetAllParameters: false, ParameterNameValues: batch.map((ParameterName) => ({ ParameterName })),
        }));
      }
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    return await deleteUnlessInUse(() => ctx.aws.elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: observed.id })),
      "CacheParameterGroupNotFound", { codes: ["InvalidCacheParameterGroupState"], requeueAfterMs: 15_000, message: "still used by a replication group; retrying" });
  }
}

async function userParameters(ctx: DriverContext, name: string): Promise<Record<string, string>> {
  const parameters: Parameter[] = await allPages(async (Marker) => {
    const page = await ctx.aws.elasticache.send(new DescribeCacheParametersCommand({ CacheParameterGroupName: name, Source: "user", ...(Marker ? { Marker } : {}) }));
    return { items: page.Parameters, marker: page.Marker };
  });
  const out: Record<string, string> = {};
  for (const p of parameters) if (p.ParameterName && p.Source === "user") out[p.ParameterName] = p.ParameterValue ?? "";
  return out;
}

async function setParameters(ctx: DriverContext, name: string, entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
  for (const batch of chunks(entries, parametersPerCall)) {
    await ctx.aws.elasticache.send(new ModifyCacheParameterGroupCommand({
      CacheParameterGroupName: name, ParameterNameValues: batch.map(([ParameterName, ParameterValue]) => ({ ParameterName, ParameterValue })),
    }));
  }
}

export const cacheParameterGroup: ResourceKind<"CacheParameterGroup", CacheParameterGroupProperties> = {
  name: "CacheParameterGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache parameter group",
    dataHolding: true,
    tier: 0,
    fields: {
      family: {
        semantics: "immutable",
        reason: "a parameter group's family is fixed at creation and follows the engine's major version; a new family gets a new group",
      },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build(env) {
    const redis = env.manifest.spec.redis;
    if (!redis) return [];
    const version = redisSettings(redis).engineVersion;
    return [{
      kind: "CacheParameterGroup",
      name: redisParameterGroupName,
      component: redisParameterGroupName,
      physicalName: env.names.cacheParameterGroupName,
      properties: { family: parameterGroupFamily(version) ?? version, parameters: redisParameters(redis) },
      tags: tagsFor(env, redisParameterGroupName),
    }];
  },
  driver: new CacheParameterGroupDriver(),
  permissions: [
    readEverything(["elasticache:DescribeCacheParameterGroups", "elasticache:DescribeCacheParameters", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateCacheParameterGroup"], [installationArns.parameterGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyCacheParameterGroup", "elasticache:ResetCacheParameterGroup", "elasticache:DeleteCacheParameterGroup"], [installationArns.parameterGroup]),
  ],
};
