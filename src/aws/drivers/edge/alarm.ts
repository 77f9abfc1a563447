import { CreateTopicCommand, DeleteTopicCommand, TagResourceCommand as TagTopicCommand } from "@aws-sdk/client-sns";
import type { DesiredResource, ObservedResource } from "../../../plan/types.ts";
import type { DriverContext, DriverResult, ResolvedResource, ResourceDriver } from "../../driver.ts";
import { environmentInventory } from "../../inventory.ts";
import { componentTag, ownedBy, tagList } from "../tags.ts";

/** The topic the alarm notifies, when the spec names none. Found through the environment's tags. */
export class SnsTopicDriver implements ResourceDriver {
  readonly kind = "SnsTopic";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const topics = (await environmentInventory(ctx)).filter((r) => r.arn.split(":")[2] === "sns");
    return topics.map(({ arn, tags }) => {
      const topicName = arn.split(":").pop() ?? "";
      const wanted = desired.find((d) => d.physicalName === topicName);
      return {
        kind: this.kind, name: wanted?.name ?? tags[componentTag] ?? `topic/${topicName}`, id: arn, owned: ownedBy(tags, ctx.environment.key),
        state: "available", properties: { name: topicName }, attributes: { id: arn, arn }, tags,
      };
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    // CreateTopic is idempotent by name: after a crash it returns the topic made before it.
    const created = await ctx.aws.sns.send(new CreateTopicCommand({ Name: resource.physicalName, Tags: tagList(resource.tags) }));
    const arn = created.TopicArn ?? "";
    return { attributes: { id: arn, arn } };
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.sns.send(new TagTopicCommand({ ResourceArn: observed.id, Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.sns.send(new DeleteTopicCommand({ TopicArn: observed.id }));
    return {};
  }
}
