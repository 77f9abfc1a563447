import {
  CreateUserCommand, CreateUserGroupCommand, DeleteUserCommand, DeleteUserGroupCommand, DescribeUserGroupsCommand, DescribeUsersCommand,
  ModifyUserCommand, ModifyUserGroupCommand,
  type User, type UserGroup,
} from "@aws-sdk/client-elasticache";
import type { DesiredResource, FieldChange, ObservedResource } from "../../../plan/types.ts";
import { errorIs } from "../../clients.ts";
import type { DriverContext, DriverResult, ResolvedResource, ResourceDriver } from "../../driver.ts";
import { tagList } from "../tags.ts";
import { candidateFilter, matchCandidates, tagElastiCache, type Candidate } from "../../../kinds/elasticache/common.ts";
import { allPages } from "../../../kinds/pages.ts";


async function listUsers(ctx: DriverContext): Promise<User[]> {
  return await ctx.memo("elasticache:users", () => allPages(async (Marker) => {
    const page = await ctx.aws.elasticache.send(new DescribeUsersCommand({ ...(Marker ? { Marker } : {}) }));
    return { items: page.Users, marker: page.Marker };
  }));
}

/** ElastiCache users: the game server's IAM user and the disabled "default" user every user group needs. */
export class RedisUserDriver implements ResourceDriver {
  readonly kind = "RedisUser";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const mayBeOurs = candidateFilter(ctx, desired);
    const candidates: Candidate<User>[] = (await listUsers(ctx))
      .filter((u) => u.UserId && u.ARN && mayBeOurs(u.UserId))
      .map((u) => ({ physicalName: u.UserId!, arn: u.ARN!, item: u }));
    return await matchCandidates(ctx, desired, candidates, ({ physicalName, arn, item }, name, owned, tags) => ({
      kind: this.kind, name, id: physicalName, owned, state: item.Status ?? "active", tags,
      properties: { userName: item.UserName ?? "", authenticationType: item.Authentication?.Type ?? "", accessString: item.AccessString ?? "" },
      attributes: { id: physicalName, arn },
    }));
  }

  private authentication(resource: ResolvedResource) {
    return resource.properties.authenticationType === "iam"
      ? { AuthenticationMode: { Type: "iam" as const } }
      : { NoPasswordRequired: true };
  }

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const id = resource.physicalName;
    try {
      const created = await ctx.aws.elasticache.send(new CreateUserCommand({
        UserId: id,
        UserName: String(resource.properties.userName),
        Engine: "redis",
        AccessString: String(resource.properties.accessString),
        ...this.authentication(resource),
        Tags: tagList(resource.tags),
      }));
      return { attributes: { id, arn: created.ARN ?? "" } };
    } catch (error) {
      if (!errorIs(error, "UserAlreadyExists")) throw error;
      return { attributes: { id }, requeueAfterMs: 1_000, message: "already exists" };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("accessString") || changed.has("authenticationType")) {
      await ctx.aws.elasticache.send(new ModifyUserCommand({
        UserId: observed.id,
        ...(changed.has("accessString") ? { AccessString: String(resource.properties.accessString) } : {}),
        ...(changed.has("authenticationType") ? this.authentication(resource) : {}),
      }));
      return { attributes: observed.attributes, requeueAfterMs: 2_000 };
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.elasticache.send(new DeleteUserCommand({ UserId: observed.id }));
      return { message: "deleted" };
    } catch (error) {
      if (errorIs(error, "UserNotFound")) return { message: "already gone" };
      if (errorIs(error, "InvalidUserState", "DefaultUserAssociatedToUserGroup")) return { requeueAfterMs: 5_000, message: "still in a user group; retrying" };
      throw error;
    }
  }
}

/** The user group a replication group authenticates against (authentication: iam). */
export class RedisUserGroupDriver implements ResourceDriver {
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

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const id = resource.physicalName;
    try {
      const created = await ctx.aws.elasticache.send(new CreateUserGroupCommand({
        UserGroupId: id, Engine: "redis", UserIds: resource.properties.userIds as string[], Tags: tagList(resource.tags),
      }));
      return { attributes: { id, arn: created.ARN ?? "" }, requeueAfterMs: 2_000 };
    } catch (error) {
      if (!errorIs(error, "UserGroupAlreadyExists")) throw error;
      return { attributes: { id }, requeueAfterMs: 1_000, message: "already exists" };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("userIds")) {
      const wanted = new Set(resource.properties.userIds as string[]);
      const current = new Set(observed.properties.userIds as string[]);
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
    try {
      await ctx.aws.elasticache.send(new DeleteUserGroupCommand({ UserGroupId: observed.id }));
      return { message: "deleted" };
    } catch (error) {
      if (errorIs(error, "UserGroupNotFound")) return { message: "already gone" };
      if (errorIs(error, "InvalidUserGroupState")) return { requeueAfterMs: 15_000, message: "still used by a replication group; retrying" };
      throw error;
    }
  }
}
