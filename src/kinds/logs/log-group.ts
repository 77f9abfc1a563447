import {
  CreateLogGroupCommand, DeleteLogGroupCommand, DescribeLogGroupsCommand, ListTagsForResourceCommand, PutRetentionPolicyCommand, TagResourceCommand,
  type LogGroup,
} from "@aws-sdk/client-cloudwatch-logs";
import { errorIs, orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import type { DesiredResource, FieldChange, ObservedResource } from "../../plan/types.ts";
import { deploysGameServer, gameServerSettings } from "../ecs/game-server.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeUnderThePrefix, createUnderThePrefix, gamectlArns, readEverything, tagAtCreateUnderThePath } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { logsService } from "./service.ts";

/** The game server's log group's logical name: the task definition logs to it, the execution role writes to it. */
export const logGroupName = "logs/game-server";

/** How long CloudWatch Logs keeps the game server's logs: the one property of the kind. */
export type LogGroupProperties = { retentionInDays: number };

/** DescribeLogGroups answers `...:log-group:NAME:*`; policies and tag calls want the ARN without the stream wildcard. */
const groupArn = (group: LogGroup): string => (group.arn ?? "").replace(/:\*$/, "");

/** The log group's name from an inventory ARN (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]`). */
function nameFromArn(arn: string): string | undefined {
  const match = /:log-group:(.+?)(?::\*)?$/.exec(arn);
  return match?.[1];
}

/** The game server's CloudWatch Logs group: data-holding, so it follows deletionPolicy; its retention changes in place. */
class LogGroupDriver implements KindDriver<LogGroupProperties> {
  readonly kind = "LogGroup";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    // The desired group by its deterministic name, and any leftover the environment's tags reveal.
    const wanted = new Map(desired.map((d) => [d.physicalName, d.name]));
    for (const { arn, tags } of await environmentInventory(ctx)) {
      const name = arn.includes(":logs:") ? nameFromArn(arn) : undefined;
      if (name && !wanted.has(name) && tags[componentTag]) wanted.set(name, tags[componentTag]);
    }
    const found = await Promise.all([...wanted].map(async ([physical, logical]): Promise<ObservedResource | undefined> => {
      const page = await ctx.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: physical, limit: 50 }));
      const group = page.logGroups?.find((g) => g.logGroupName === physical);
      if (!group) return undefined;
      const arn = groupArn(group);
      const tags = (await orUndefined(ctx.aws.logs.send(new ListTagsForResourceCommand({ resourceArn: arn })), "ResourceNotFoundException"))?.tags ?? {};
      return {
        kind: this.kind, name: logical, id: physical, owned: ownedBy(tags, ctx.environment.key), state: "available",
        properties: { retentionInDays: group.retentionInDays ?? null },
        attributes: { id: physical, arn },
        tags,
      };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<LogGroupProperties>): Promise<DriverResult> {
    try {
      await ctx.aws.logs.send(new CreateLogGroupCommand({ logGroupName: resource.physicalName, tags: { ...resource.tags } }));
    } catch (error) {
      // A create retried after a crash finds its own group; the next observe checks the tags.
      if (!errorIs(error, "ResourceAlreadyExistsException")) throw error;
    }
    await this.putRetention(ctx, resource);
    const page = await ctx.aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: resource.physicalName, limit: 50 }));
    const group = page.logGroups?.find((g) => g.logGroupName === resource.physicalName);
    return { attributes: { id: resource.physicalName, arn: group ? groupArn(group) : "" } };
  }

  private async putRetention(ctx: DriverContext, resource: ResolvedResourceOf<LogGroupProperties>): Promise<void> {
    await ctx.aws.logs.send(new PutRetentionPolicyCommand({ logGroupName: resource.physicalName, retentionInDays: resource.properties.retentionInDays }));
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<LogGroupProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("retentionInDays")) await this.putRetention(ctx, resource);
    if (changed.has("tags")) await ctx.aws.logs.send(new TagResourceCommand({ resourceArn: observed.attributes.arn ?? "", tags: { ...resource.tags } }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await orUndefined(ctx.aws.logs.send(new DeleteLogGroupCommand({ logGroupName: observed.id })), "ResourceNotFoundException");
    return {};
  }
}

export const logGroup: ResourceKind<"LogGroup", LogGroupProperties> = {
  name: "LogGroup",
  service: logsService,
  taggingType: "logs",
  catalog: {
    title: "CloudWatch Logs group",
    // The game server's logs are data: deleting the environment keeps them under deletionPolicy Retain.
    dataHolding: true,
    tier: 0,
    fields: { retentionInDays: { semantics: "in-place" } },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    if (!deploysGameServer(env)) return [];
    return [{
      kind: "LogGroup", name: logGroupName, component: logGroupName, physicalName: env.names.logGroupName,
      properties: { retentionInDays: gameServerSettings(env.manifest.spec.gameServer).logRetentionDays }, tags: tagsFor(env, logGroupName),
    }];
  },
  driver: new LogGroupDriver(),
  permissions: [
    readEverything(["logs:DescribeLogGroups", "logs:ListTagsForResource"]),
    createUnderThePrefix(["logs:CreateLogGroup"], [gamectlArns.logGroup]),
    tagAtCreateUnderThePath(["logs:TagResource"], [gamectlArns.logGroup]),
    changeUnderThePrefix(["logs:PutRetentionPolicy", "logs:TagResource", "logs:DeleteLogGroup"], [gamectlArns.logGroup]),
  ],
};
