import {
  CreateUserCommand, DeleteUserCommand, DescribeUsersCommand, ModifyUserCommand,
  type User,
} from "@aws-sdk/client-elasticache";
import { errorIs } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { tagList } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { allPages } from "../pages.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { candidateFilter, deleteUnlessInUse, matchCandidates, tagElastiCache, type Candidate } from "./common.ts";
import { defaultUserId, redisDefaultUserName, redisUserName } from "./redis.ts";
import { elasticacheService } from "./service.ts";

/** An ElastiCache user: its Redis user name, how it authenticates, and its Redis ACL access string. */
export type RedisUserProperties = { userName: string; authenticationType: "iam" | "no-password"; accessString: string };

/** The user every Redis user group must contain; gamectl's is switched off so only IAM users get in. */
const disabledDefaultUserAccess = "off -@all";
/** What the game server's IAM user may do: every key and command (the cluster is the game's alone). */
const appUserAccess = "on ~* +@all";

async function listUsers(ctx: DriverContext): Promise<User[]> {
  return await ctx.memo("elasticache:users", () => allPages(async (Marker) => {
    const page = await ctx.aws.elasticache.send(new DescribeUsersCommand({ ...(Marker ? { Marker } : {}) }));
    return { items: page.Users, marker: page.Marker };
  }));
}

/** ElastiCache users: the game server's IAM user and the disabled "default" user every user group needs. */
class RedisUserDriver implements KindDriver<RedisUserProperties> {
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

  private authentication(resource: ResolvedResourceOf<RedisUserProperties>) {
    return resource.properties.authenticationType === "iam"
      ? { AuthenticationMode: { Type: "iam" as const } }
      : { NoPasswordRequired: true };
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<RedisUserProperties>): Promise<DriverResult> {
    const id = resource.physicalName;
    try {
      const created = await ctx.aws.elasticache.send(new CreateUserCommand({
        UserId: id,
        UserName: resource.properties.userName,
        Engine: "redis",
        AccessString: resource.properties.accessString,
        ...this.authentication(resource),
        Tags: tagList(resource.tags),
      }));
      return { attributes: { id, arn: created.ARN ?? "" } };
    } catch (error) {
      if (!errorIs(error, "UserAlreadyExists")) throw error;
      return { attributes: { id }, requeueAfterMs: 1_000, message: "already exists" };
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<RedisUserProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("tags")) await tagElastiCache(ctx, observed.attributes.arn ?? "", resource.tags);
    if (changed.has("accessString") || changed.has("authenticationType")) {
      await ctx.aws.elasticache.send(new ModifyUserCommand({
        UserId: observed.id,
        ...(changed.has("accessString") ? { AccessString: resource.properties.accessString } : {}),
        ...(changed.has("authenticationType") ? this.authentication(resource) : {}),
      }));
      return { attributes: observed.attributes, requeueAfterMs: 2_000 };
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    return await deleteUnlessInUse(() => ctx.aws.elasticache.send(new DeleteUserCommand({ UserId: observed.id })),
      "UserNotFound", { codes: ["InvalidUserState", "DefaultUserAssociatedToUserGroup"], requeueAfterMs: 5_000, message: "still in a user group; retrying" });
  }
}

export const redisUser: ResourceKind<"RedisUser", RedisUserProperties> = {
  name: "RedisUser",
  service: elasticacheService,
  taggingType: "elasticache",
  catalog: {
    title: "ElastiCache user",
    dataHolding: true,
    tier: 0,
    fields: {
      userName: { semantics: "replace", reason: "ElastiCache cannot rename a user" },
      authenticationType: { semantics: "in-place" },
      accessString: { semantics: "in-place" },
    },
    readiness: { states: ["active"], noun: "user" },
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build(env) {
    if (env.manifest.spec.redis?.authentication !== "iam") return [];
    return [
      {
        kind: "RedisUser",
        name: redisDefaultUserName,
        component: redisDefaultUserName,
        physicalName: defaultUserId(env),
        properties: { userName: "default", authenticationType: "no-password", accessString: disabledDefaultUserAccess },
        tags: tagsFor(env, redisDefaultUserName),
      },
      {
        kind: "RedisUser",
        name: redisUserName,
        component: redisUserName,
        physicalName: env.names.redisUserId,
        // IAM authentication requires the user name to equal the user id.
        properties: { userName: env.names.redisUserId, authenticationType: "iam", accessString: appUserAccess },
        tags: tagsFor(env, redisUserName),
      },
    ];
  },
  driver: new RedisUserDriver(),
  permissions: [
    readEverything(["elasticache:DescribeUsers", "elasticache:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["elasticache:CreateUser"], [installationArns.cacheUser]),
    changeOwnedUnderTheInstallationPrefix(["elasticache:AddTagsToResource", "elasticache:ModifyUser", "elasticache:DeleteUser"], [installationArns.cacheUser]),
  ],
};
