import {
  CreateUserGroupCommand, DeleteUserGroupCommand, DescribeUserGroupsCommand, ModifyUserGroupCommand,
  type UserGroup,
} from "@aws-sdk/client-elasticache";
import { errorIs } from "../../aws/clients.ts";
import { strings, type DriverContext, type DriverResult } from "../../aws/driver.ts";
import { tagList } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { allPages } from "../pages.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { candidateFilter, deleteUnlessInUse, matchCandidates, tagElastiCache, type Candidate } from "./common.ts";
import { redisDefaultUserName, redisUserGroupName, redisUserName } from "./redis.ts";
import { elasticacheService } from "./service.ts";

/** The ids of the ElastiCache users in the group. */
export type RedisUserGroupProperties = { userIds: string[] };

/** The user group a replication group authenticates against (authentication: iam). */
class RedisUserGroupDriver implements KindDriver<RedisUserGroupProperties> {
  readonly kind = "RedisUserGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const mayBeOurs = candidateFilter(ctx, desired);
    const groups = await allPages(async (Marker) => {
      const page = await ctx.aws.elasticache.send(new DescribeUserGroupsCommand({ ...(Marker ? { Marker } : {}) }));
      return { items: page.UserGroups, marker: page.Marker };
    });
    const candidates: Candidate<UserGroup>[] = groups
      .filter((g) => g.UserGroupId && g.ARN && mayBeOurs(g.UserGroupId))
      .map((g) => ({ physicalName: g.UserGroupId!, arn: g.ARN!, item: g }));
    return await matchCandidates(ctx, desired, candidates, ({ physicalName, arn, item }, name, owned, tags) => ({
      kind: this.kind, name, id: physicalName, owned, state: item.Status ?? "active", tags,
      properties: { userIds: [...(item.UserIds ?? [])].sort() },
      attributes: { id: physicalName, arn },
    }));
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<RedisUserGroupProperties>): Promise<DriverResult> {
    const id = resource.physicalName;
    try {
      const created = await ctx.aws.elasticache.send(new CreateUserGroupCommand({
        UserGroupId: id, Engine: "redis", UserIds: resource.properties.userIds, Tags: tagList(resource.tags),
      }));
      return { attributes: { id, arn: created.ARN ?? "" }, requeueAfterMs: 2_000 };
    } catch (error) {
      if (!errorIs(error, "UserGroupAlreadyExists")) throw error;
      return { attributes: { id }, requeueAfterMs: 1_000, message: "already exists" };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<RedisUserGroupProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("userIds")) {
      const wanted = new Set(resource.properties.userIds);
      const current = new Set(strings(observed.properties.userIds));
      const toAdd = [...wanted].filter((u) => !current.has(u));
      const toRemove = [...current].filter((u) => !wanted.has(u));
      await ctx.aws.elasticache.send(new ModifyUserGroupCommand({
        UserGroupId: observed.id, ...(toAdd.length ? { UserIdsToAdd: toAdd } : {}), ...(toRemove.length ? { UserIdsToRemove: toRemove } : {}),
      }));
      return { attributes: observed.attributes, requeueAfterMs: 2_000 };
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    return await deleteUnlessInUse(() => ctx.aws.elasticache.send(new DeleteUserGroupCommand({ UserGroupId: observed.id })),
      "UserGroupNotFound", { codes: ["InvalidUserGroupState"], requeueAfterMs: 15_000, message: "still used by a replication group; retrying" });
  }
}

export const redisUserGroup: ResourceKind<"RedisUserGroup", RedisUserGroupProperties> = {
  name: "RedisUserGroup",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache user group",
    dataHolding: true,
    tier: 1,
    fields: {
      userIds: { semantics: "in-place", compare: "set" },
    },
    readiness: { states: ["active"], noun: "user group" },
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build(env) {
    if (env.manifest.spec.redis?.authentication !== "iam") return [];
    return [{
      kind: "RedisUserGroup",
      name: redisUserGroupName,
      component: redisUserGroupName,
      physicalName: env.names.redisUserGroupId,
      properties: { userIds: [ref(redisDefaultUserName, "id"), ref(redisUserName, "id")] },
      tags: tagsFor(env, redisUserGroupName),
    }];
  },
  driver: new RedisUserGroupDriver(),
  permissions: [
    readEverything(["elasticache:DescribeUserGroups", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateUserGroup"], [installationArns.cacheUserGroup]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyUserGroup", "elasticache:DeleteUserGroup"], [installationArns.cacheUserGroup]),
  ],
};
