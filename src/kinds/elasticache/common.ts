import { AddTagsToResourceCommand, DescribeCacheClustersCommand, ListTagsForResourceCommand, type CacheCluster } from "@aws-sdk/client-elasticache";
import { errorIs } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagList, tagMap } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import type { DesiredResource, ObservedResource } from "../../plan/types.ts";
import { allPages } from "../pages.ts";

/**
 * ElastiCache's describes carry no tags and take no tag filter. The environment's tagging inventory
 * has the tags of what it owns; a resource missing from it (not ours, or a type the tagging API does
 * not list) has its tags read on its own, only for names that can be this environment's.
 */
export async function elastiCacheTags(ctx: DriverContext, arn: string): Promise<Record<string, string>> {
  return await ctx.memo(`elasticache:tags:${arn}`, async () => {
    const listed = (await environmentInventory(ctx)).find((resource) => resource.arn === arn);
    if (listed) return listed.tags;
    try {
      return tagMap((await ctx.aws.elasticache.send(new ListTagsForResourceCommand({ ResourceName: arn }))).TagList);
    } catch (error) {
      // Gone between the list and the tag read: nothing to own.
      if (errorIs(error, "ReplicationGroupNotFound", "CacheSubnetGroupNotFound", "CacheParameterGroupNotFound", "UserNotFound", "UserGroupNotFound", "SnapshotNotFound")) return {};
      throw error;
    }
  });
}

/** Adds (or overwrites) the declared tags; tags others added are left alone, as the plan only compares declared ones. */
export async function tagElastiCache(ctx: DriverContext, arn: string, tags: Readonly<Record<string, string>>): Promise<void> {
  if (Object.keys(tags).length === 0) return;
  await ctx.aws.elasticache.send(new AddTagsToResourceCommand({ ResourceName: arn, Tags: tagList(tags) }));
}

/** Names that may belong to this environment: the desired ones and any starting with the environment's prefix. */
export function candidateFilter(ctx: DriverContext, desired: readonly DesiredResource[]): (name: string) => boolean {
  const wanted = new Set(desired.map((d) => d.physicalName.toLowerCase()));
  const prefix = ctx.environment.prefix.toLowerCase();
  return (name) => wanted.has(name.toLowerCase()) || name.toLowerCase().startsWith(prefix);
}

export interface Candidate<T> {
  readonly physicalName: string;
  readonly arn: string;
  readonly item: T;
}

/**
 * Turns listed resources into observed ones: a desired resource is matched by its deterministic name
 * (owned or not, so the plan can refuse to touch what is not ours); any other is kept only when its
 * tags say this environment owns it, named by its component tag.
 */
export async function matchCandidates<T>(
  ctx: DriverContext, desired: readonly DesiredResource[], candidates: readonly Candidate<T>[],
  build: (candidate: Candidate<T>, name: string, owned: boolean, tags: Record<string, string>, desired: DesiredResource | undefined) => Promise<ObservedResource> | ObservedResource,
): Promise<ObservedResource[]> {
  const byPhysical = new Map(desired.map((d) => [d.physicalName.toLowerCase(), d]));
  const desiredNames = new Set(desired.map((d) => d.name));
  const found = await Promise.all(candidates.map(async (candidate) => {
    const tags = await elastiCacheTags(ctx, candidate.arn);
    const owned = ownedBy(tags, ctx.environment.key);
    const wanted = byPhysical.get(candidate.physicalName.toLowerCase());
    if (wanted) return await build(candidate, wanted.name, owned, tags, wanted);
    if (!owned) return undefined;
    // An old generation of a desired resource (e.g. the parameter group of a previous engine family)
    // is a separate resource to remove, not the desired one.
    const component = tags[componentTag] ?? candidate.physicalName;
    const name = desiredNames.has(component) ? `${component}@${candidate.physicalName}` : component;
    return await build(candidate, name, owned, tags, undefined);
  }));
  return found.filter((o): o is ObservedResource => o !== undefined);
}

/** Every cache cluster (replication group member) of the account and region, read once per reconcile. */
export async function listCacheClusters(ctx: DriverContext): Promise<CacheCluster[]> {
  return await ctx.memo("elasticache:cache-clusters", () => allPages(async (Marker) => {
    const page = await ctx.aws.elasticache.send(new DescribeCacheClustersCommand({ ...(Marker ? { Marker } : {}) }));
    return { items: page.CacheClusters, marker: page.Marker };
  }));
}

/** Why a delete waits: what still uses the resource (a replication group, a user group) is being deleted first. */
export interface StillInUse {
  /** The error codes ElastiCache answers while the resource is in use. */
  readonly codes: readonly string[];
  readonly requeueAfterMs: number;
  readonly message: string;
}

/** Deletes one ElastiCache resource: already gone is done, and still in use is retried later rather than failed. */
export async function deleteUnlessInUse(send: () => Promise<unknown>, notFound: string, inUse: StillInUse): Promise<DriverResult> {
  try {
    await send();
    return { message: "deleted" };
  } catch (error) {
    if (errorIs(error, notFound)) return { message: "already gone" };
    if (errorIs(error, ...inUse.codes)) return { requeueAfterMs: inUse.requeueAfterMs, message: inUse.message };
    throw error;
  }
}
