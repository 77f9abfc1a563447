import { DeleteAlarmsCommand, DescribeAlarmsCommand, ListTagsForResourceCommand, PutMetricAlarmCommand, TagResourceCommand, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy, tagList, tagMap } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import { gameMetricDimensionNames, gameMetricDimensions, gameMetricNamespace } from "../../contract/game-server.ts";
import { topicName } from "../sns/topic.ts";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { cloudwatchService } from "./service.ts";

/** The alarm's logical name. */
export const alarmName = "alarm/session-creation-latency";

/** The dimensions of the series the game server publishes (src/contract/game-server.ts), in the contract's order. */
export function alarmDimensions(environmentKey: string): Array<{ name: string; value: string }> {
  const values = gameMetricDimensions(environmentKey);
  return gameMetricDimensionNames.map((name) => ({ name, value: values[name] }));
}

/** The alarm on the game server's session-creation latency, in the shape both the builder and the driver use. */
export type MetricAlarmProperties = {
  namespace: string;
  metricName: string;
  dimensions: Array<{ name: string; value: string }>;
  statistic: "Average";
  period: number;
  evaluationPeriods: number;
  threshold: number;
  comparisonOperator: "GreaterThanThreshold";
  treatMissingData: "notBreaching";
  /** The topic's ARN: the spec's, or a reference to the topic gamectl creates. */
  alarmActions: string[];
};

function propertiesOf(alarm: MetricAlarm): Record<string, JsonValue> {
  return {
    namespace: alarm.Namespace ?? "", metricName: alarm.MetricName ?? "",
    dimensions: (alarm.Dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" })), statistic: alarm.Statistic ?? "", period: alarm.Period ?? 0,
    evaluationPeriods: alarm.EvaluationPeriods ?? 0, threshold: alarm.Threshold ?? 0, comparisonOperator: alarm.ComparisonOperator ?? "",
    treatMissingData: alarm.TreatMissingData ?? "missing", alarmActions: [...(alarm.AlarmActions ?? [])],
  };
}

/** The SessionCreationLatency alarm. PutMetricAlarm replaces the whole alarm, so create and update are one call. */
class MetricAlarmDriver implements KindDriver<MetricAlarmProperties> {
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

  private async put(ctx: DriverContext, resource: ResolvedResourceOf<MetricAlarmProperties>, withTags: boolean): Promise<void> {
    const p = resource.properties;
    await ctx.aws.cloudwatch.send(new PutMetricAlarmCommand({
      AlarmName: resource.physicalName, AlarmDescription: `Average session creation latency of ${ctx.environment.key} above ${p.threshold} ms`,
      Namespace: p.namespace, MetricName: p.metricName, Dimensions: p.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
      Statistic: p.statistic, Period: p.period,
      EvaluationPeriods: p.evaluationPeriods, Threshold: p.threshold, ComparisonOperator: p.comparisonOperator,
      TreatMissingData: p.treatMissingData, AlarmActions: p.alarmActions.filter(Boolean),
      ...(withTags ? { Tags: tagList(resource.tags) } : {}),
    }));
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<MetricAlarmProperties>): Promise<DriverResult> {
    await this.put(ctx, resource, true);
    const described = await ctx.aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [resource.physicalName] }));
    return { attributes: { id: resource.physicalName, arn: described.MetricAlarms?.[0]?.AlarmArn ?? "" } };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<MetricAlarmProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const fields = changes.map((c) => c.field);
    if (fields.some((f) => f !== "tags")) await this.put(ctx, resource, false);
    if (fields.includes("tags")) await ctx.aws.cloudwatch.send(new TagResourceCommand({ ResourceARN: observed.attributes.arn, Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    await ctx.aws.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [observed.id] }));
    return {};
  }
}

export const metricAlarm: ResourceKind<"MetricAlarm", MetricAlarmProperties> = {
  name: "MetricAlarm",
  service: cloudwatchService,
  taggingType: "cloudwatch",
  catalog: {
    title: "CloudWatch alarm",
    dataHolding: false,
    tier: 1,
    // PutMetricAlarm rewrites the whole alarm, dimensions included; their order is not part of the series.
    fields: { alarmActions: { semantics: "in-place", compare: "set" }, dimensions: { semantics: "in-place", compare: "set" } },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env) {
    const alarms = env.manifest.spec.alarms;
    if (!alarms) return [];
    return [{
      kind: "MetricAlarm", name: alarmName, component: alarmName, physicalName: env.names.alarmName,
      properties: {
        // Exactly the series the server's EMF lines publish: a dimension more or less is another series, which nothing fills.
        namespace: gameMetricNamespace, metricName: "SessionCreationLatency", dimensions: alarmDimensions(env.key),
        statistic: "Average", period: 60, evaluationPeriods: 2,
        threshold: alarms.sessionCreationLatencyMs, comparisonOperator: "GreaterThanThreshold", treatMissingData: "notBreaching",
        alarmActions: [alarms.snsTopicArn ?? ref(topicName, "arn")],
      },
      tags: tagsFor(env, alarmName),
    }];
  },
  outputs(_env, lookup, _observed, outputs) {
    const alarmArn = lookup(alarmName, "arn");
    if (alarmArn) outputs.alarmArn = alarmArn;
  },
  driver: new MetricAlarmDriver(),
  permissions: [
    readEverything(["cloudwatch:DescribeAlarms", "cloudwatch:ListTagsForResource"]),
    createUnderTheInstallationPrefix(["cloudwatch:PutMetricAlarm"], [installationArns.alarm]),
    changeOwnedUnderTheInstallationPrefix(["cloudwatch:PutMetricAlarm", "cloudwatch:TagResource", "cloudwatch:DeleteAlarms"], [installationArns.alarm]),
  ],
};
