import { CreateTopicCommand, DeleteTopicCommand, TagResourceCommand as TagTopicCommand } from "@aws-sdk/client-sns";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagList } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import type { DesiredResource, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, createWithOwnershipTags } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { snsService } from "./service.ts";

/** The logical name of the topic the alarm notifies when the spec names none. */
export const topicName = "topic/alerts";

/** Its name: SNS cannot rename a topic. */
export type SnsTopicProperties = { name: string };

/** The topic the alarm notifies, when the spec names none. Found through the environment's tags. */
class SnsTopicDriver implements KindDriver<SnsTopicProperties> {
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

  async create(ctx: DriverContext, resource: ResolvedResourceOf<SnsTopicProperties>): Promise<DriverResult> {
    // CreateTopic is idempotent by name: after a crash it returns the topic made before it.
    const created = await ctx.aws.sns.send(new CreateTopicCommand({ Name: resource.physicalName, Tags: tagList(resource.tags) }));
    const arn = created.TopicArn ?? "";
    return { attributes: { id: arn, arn } };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<SnsTopicProperties>, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.sns.send(new TagTopicCommand({ ResourceArn: observed.id, Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.sns.send(new DeleteTopicCommand({ TopicArn: observed.id }));
    return {};
  }
}

export const snsTopic: ResourceKind<"SnsTopic", SnsTopicProperties> = {
  name: "SnsTopic",
  service: snsService,
  taggingType: "sns",
  catalog: {
    title: "SNS topic",
    dataHolding: false,
    tier: 0,
    fields: { name: { semantics: "replace", reason: "an SNS topic cannot be renamed" } },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    const alarms = env.manifest.spec.alarms;
    if (!alarms || alarms.snsTopicArn) return [];
    return [{ kind: "SnsTopic", name: topicName, component: topicName, physicalName: env.names.snsTopicName, properties: { name: env.names.snsTopicName }, tags: tagsFor(env, topicName) }];
  },
  outputs(env, lookup, _observed, outputs) {
    const topic = env.manifest.spec.alarms?.snsTopicArn ?? lookup(topicName, "arn");
    if (topic) outputs.snsTopicArn = topic;
  },
  driver: new SnsTopicDriver(),
  permissions: [
    createWithOwnershipTags(["sns:CreateTopic"]),
    changeOwned(["sns:TagResource", "sns:DeleteTopic"]),
  ],
};
