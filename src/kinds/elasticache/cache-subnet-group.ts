import {
  CreateCacheSubnetGroupCommand, DeleteCacheSubnetGroupCommand, DescribeCacheSubnetGroupsCommand, ModifyCacheSubnetGroupCommand,
  type CacheSubnetGroup,
} from "@aws-sdk/client-elasticache";
import { errorIs } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { tagList } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { allPages } from "../pages.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, elastiCacheInputs, installationArns, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { candidateFilter, deleteUnlessInUse, matchCandidates, tagElastiCache, type Candidate } from "./common.ts";
import { redisSubnetGroupName } from "./redis.ts";
import { elasticacheService } from "./service.ts";

/** The private subnets ElastiCache places the Redis nodes in. */
export type CacheSubnetGroupProperties = { subnetIds: string[]; description: string };

/** The private subnets ElastiCache places nodes in; the subnet list is modified in place. */
class CacheSubnetGroupDriver implements KindDriver<CacheSubnetGroupProperties> {
  readonly kind = "CacheSubnetGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const mayBeOurs = candidateFilter(ctx, desired);
    const groups = await allPages(async (Marker) => {
      const page = await ctx.aws.elasticache.send(new DescribeCacheSubnetGroupsCommand({ ...(Marker ? { Marker } : {}) }));
      return { items: page.CacheSubnetGroups, marker: page.Marker };
    });
    const candidates: Candidate<CacheSubnetGroup>[] = groups
      .filter((g) => g.CacheSubnetGroupName && g.ARN && mayBeOurs(g.CacheSubnetGroupName))
      .map((g) => ({ physicalName: g.CacheSubnetGroupName!, arn: g.ARN!, item: g }));
    return await matchCandidates(ctx, desired, candidates, ({ physicalName, arn, item }, name, owned, tags) => ({
      kind: this.kind, name, id: physicalName, owned, state: "available", tags,
      properties: {
        subnetIds: (item.Subnets ?? []).map((s) => s.SubnetIdentifier ?? "").filter(Boolean).sort(),
        description: item.CacheSubnetGroupDescription ?? "",
      },
      attributes: { id: physicalName, name: physicalName, arn },
    }));
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<CacheSubnetGroupProperties>): Promise<DriverResult> {
    const name = resource.physicalName;
    try {
      const created = await ctx.aws.elasticache.send(new CreateCacheSubnetGroupCommand({
        CacheSubnetGroupName: name,
        CacheSubnetGroupDescription: resource.properties.description,
        SubnetIds: resource.properties.subnetIds,
        Tags: tagList(resource.tags),
      }));
      return { attributes: { id: name, name, arn: created.CacheSubnetGroup?.ARN ?? "" } };
    } catch (error) {
      // Created before a crash: the next observe compares it with the manifest.
      if (!errorIs(error, "CacheSubnetGroupAlreadyExists")) throw error;
      return { attributes: { id: name, name }, requeueAfterMs: 1_000, message: "already exists" };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<CacheSubnetGroupProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("subnetIds") || changed.has("description")) {
      await ctx.aws.elasticache.send(new ModifyCacheSubnetGroupCommand({
        CacheSubnetGroupName: observed.id,
        ...(changed.has("subnetIds") ? { SubnetIds: resource.properties.subnetIds } : {}),
        ...(changed.has("description") ? { CacheSubnetGroupDescription: resource.properties.description } : {}),
      }));
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    // The replication group in it may still be being deleted.
    return await deleteUnlessInUse(() => ctx.aws.elasticache.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: observed.id })),
      "CacheSubnetGroupNotFound", { codes: ["CacheSubnetGroupInUse"], requeueAfterMs: 15_000, message: "still used by a replication group; retrying" });
  }
}

export const cacheSubnetGroup: ResourceKind<"CacheSubnetGroup", CacheSubnetGroupProperties> = {
  name: "CacheSubnetGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache subnet group",
    // A retained replication group still lives in it: it is kept with the group's data.
    dataHolding: true,
    tier: 0,
    fields: {
      subnetIds: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build(env) {
    if (!env.manifest.spec.redis) return [];
    return [{
      kind: "CacheSubnetGroup",
      name: redisSubnetGroupName,
      component: redisSubnetGroupName,
      physicalName: env.names.cacheSubnetGroupName,
      properties: {
        subnetIds: [...env.manifest.spec.network.privateSubnetIds],
        description: `gamectl Redis subnets for ${env.key}`,
      },
      tags: tagsFor(env, redisSubnetGroupName),
    }];
  },
  driver: new CacheSubnetGroupDriver(),
  permissions: [
    readEverything(["elasticache:DescribeCacheSubnetGroups", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateCacheSubnetGroup"], [installationArns.subnetGroup]),
    elastiCacheInputs(["elasticache:CreateCacheSubnetGroup", "elasticache:ModifyCacheSubnetGroup"], ["arn:aws:ec2:*:*:subnet/*", installationArns.subnetGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyCacheSubnetGroup", "elasticache:DeleteCacheSubnetGroup"], [installationArns.subnetGroup]),
  ],
};
