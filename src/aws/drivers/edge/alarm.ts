import { DeleteAlarmsCommand, DescribeAlarmsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand, TagResourceCommand as TagAlarmCommand, type Dimension, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { CreateTopicCommand, DeleteTopicCommand, TagResourceCommand as TagTopicCommand } from "@aws-sdk/client-sns";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../../plan/types.ts";
import { strings, type DriverContext, type DriverResult, type ResolvedResource, type ResourceDriver } from "../../driver.ts";
import { environmentInventory } from "../../inventory.ts";
import { componentTag, ownedBy, tagList, tagMap } from "../tags.ts";

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

function propertiesOf(alarm: MetricAlarm): Record<string, JsonValue> {
  return {
    namespace: alarm.Namespace ?? "", metricName: alarm.MetricName ?? "",
    dimensions: (alarm.Dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" })), statistic: alarm.Statistic ?? "", period: alarm.Period ?? 0,
    evaluationPeriods: alarm.EvaluationPeriods ?? 0, threshold: alarm.Threshold ?? 0, comparisonOperator: alarm.ComparisonOperator ?? "",
    treatMissingData: alarm.TreatMissingData ?? "missing", alarmActions: [...(alarm.AlarmActions ?? [])],
  };
}

function dimensionsOf(value: JsonValue | undefined): Dimension[] {
  if (!Array.isArray(value)) return [];
  return value.map((item) => {
    const { name, value: dimensionValue } = (item ?? {}) as { name?: JsonValue; value?: JsonValue };
    return { Name: String(name), Value: String(dimensionValue) };
  });
}

/** The SessionCreationLatency alarm. PutMetricAlarm replaces the whole alarm, so create and update are one call. */
export class MetricAlarmDriver implements ResourceDriver {
  readonly kind = "MetricAlarm";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const owned = (await environmentInventory(ctx)).filter((r) => r.arn.split(":")[2] === "cloudwatch" && r.arn.includes(":alarm:"));
    const names = [...new Set([...desired.map((d) => d.physicalName), ...owned.map((r) => r.arn.split(":alarm:")[1] ?? "")])].filter(Boolean);
    if (names.length === 0) return [];
    const alarms = (await ctx.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: names, AlarmTypes: ["MetricAlarm"] }))).MetricAlarms ?? [];
    const inventoryTags = new Map(owned.map((r) => [r.arn, r.tags]));
    return await Promise.all(alarms.map(async (alarm) => {
      const arn = alarm.AlarmArn ?? "";
      const tags = inventoryTags.get(arn) ?? tagMap((await ctx.aws.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags);
      const wanted = desired.find((d) => d.physicalName === alarm.AlarmName);
      return {
        kind: this.kind, name: wanted?.name ?? tags[componentTag] ?? `alarm/${alarm.AlarmName}`, id: alarm.AlarmName ?? "", owned: ownedBy(tags, ctx.environment.key),
        state: "available", properties: propertiesOf(alarm), attributes: { id: alarm.AlarmName ?? "", arn }, tags,
      };
    }));
  }

  private async put(ctx: DriverContext, resource: ResolvedResource, withTags: boolean): Promise<void> {
    const p = resource.properties;
    await ctx.aws.cloudwatch.send(new PutMetricAlarmCommand({
      AlarmName: resource.physicalName, AlarmDescription: `Average session creation latency of ${ctx.environment.key} above ${String(p.threshold)} ms`,
      Namespace: String(p.namespace), MetricName: String(p.metricName), Dimensions: dimensionsOf(p.dimensions),
      Statistic: "Average", Period: Number(p.period),
      EvaluationPeriods: Number(p.evaluationPeriods), Threshold: Number(p.threshold), ComparisonOperator: "GreaterThanThreshold",
      TreatMissingData: String(p.treatMissingData), AlarmActions: strings(p.alarmActions).filter(Boolean),
      ...(withTags ? { Tags: tagList(resource.tags) } : {}),
    }));
  }

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    await this.put(ctx, resource, true);
    const described = await ctx.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [resource.physicalName] }));
    return { attributes: { id: resource.physicalName, arn: described.MetricAlarms?.[0]?.AlarmArn ?? "" } };
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const fields = changes.map((c) => c.field);
    if (fields.some((f) => f !== "tags")) await this.put(ctx, resource, false);
    if (fields.includes("tags")) await ctx.aws.cloudwatch.send(new TagAlarmCommand({ ResourceARN: observed.attributes.arn, Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [observed.id] }));
    return {};
  }
}
