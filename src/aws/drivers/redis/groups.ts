import {
  CreateCacheParameterGroupCommand, DeleteCacheParameterGroupCommand, DescribeCacheParameterGroupsCommand, DescribeCacheParametersCommand,
  ModifyCacheParameterGroupCommand, ResetCacheParameterGroupCommand,
  type CacheParameterGroup, type Parameter,
} from "@aws-sdk/client-elasticache";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../../plan/types.ts";
import { errorIs } from "../../clients.ts";
import type { DriverContext, DriverResult, ResolvedResource, ResourceDriver } from "../../driver.ts";
import { tagList } from "../tags.ts";
import { candidateFilter, listCacheClusters, matchCandidates, tagElastiCache, type Candidate } from "../../../kinds/elasticache/common.ts";
import { allPages } from "../../../kinds/pages.ts";

/** AWS takes at most 20 parameters per ModifyCacheParameterGroup or ResetCacheParameterGroup call. */
const parametersPerCall = 20;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const stringMap = (value: JsonValue | undefined): Record<string, string> =>
  value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};

/**
 * The environment's parameter group. Observed parameters are the ones set by the user (Source=user):
 * a parameter the manifest no longer lists is reset to the engine default with ResetCacheParameterGroup.
 */
export class CacheParameterGroupDriver implements ResourceDriver {
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

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const name = resource.physicalName;
    let arn = "";
    try {
      const created = await ctx.aws.elasticache.send(new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: name,
        CacheParameterGroupFamily: String(resource.properties.family),
        Description: `gamectl Redis parameters for ${ctx.environment.key}`,
        Tags: tagList(resource.tags),
      }));
      arn = created.CacheParameterGroup?.ARN ?? "";
    } catch (error) {
      if (!errorIs(error, "CacheParameterGroupAlreadyExists")) throw error;
    }
    // A crash between create and modify leaves defaults: the next plan sees them as drift.
    await setParameters(ctx, name, Object.entries(stringMap(resource.properties.parameters)));
    return { attributes: { id: name, name, ...(arn ? { arn } : {}) } };
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("parameters")) {
      const wanted = stringMap(resource.properties.parameters);
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
    try {
      await ctx.aws.elasticache.send(new DeleteCacheParameterGroupCommand({ CacheParameterGroupName: observed.id }));
      return { message: "deleted" };
    } catch (error) {
      if (errorIs(error, "CacheParameterGroupNotFound")) return { message: "already gone" };
      if (errorIs(error, "InvalidCacheParameterGroupState")) return { requeueAfterMs: 15_000, message: "still used by a replication group; retrying" };
      throw error;
    }
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
