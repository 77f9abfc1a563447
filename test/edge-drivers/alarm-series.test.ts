import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, PutMetricAlarmCommand, PutMetricDataCommand, type Dimension, type MetricAlarm } from "@aws-sdk/client-cloudwatch";
import { beforeAll, describe, expect, it } from "vitest";
import { GameMetrics } from "../../server/metrics.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

function alarmedEnvironment(name: string): LoadedEnvironment {
  return loadEnvironment(coreManifest(name, network, { alarms: { sessionCreationLatencyMs: 1000 } }));
}

interface EmfDatapoint { namespace: string; metricName: string; dimensions: Dimension[]; value: number; timestamp: Date }

/** What CloudWatch makes of one EMF line: the namespace, the metric, and the dimension values the line carries. */
function fromEmf(line: string): EmfDatapoint {
  const parsed = JSON.parse(line) as Record<string, unknown> & {
    _aws: { Timestamp: number; CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string }[] }[] };
  };
  const directive = parsed._aws.CloudWatchMetrics[0]!;
  expect(directive.Dimensions).toHaveLength(1);
  const metricName = directive.Metrics[0]!.Name;
  return {
    namespace: directive.Namespace,
    metricName,
    dimensions: directive.Dimensions[0]!.map((name) => ({ Name: name, Value: String(parsed[name]) })),
    value: Number(parsed[metricName]),
    timestamp: new Date(parsed._aws.Timestamp),
  };
}

async function describeAlarm(cloudwatch: CloudWatchClient, env: LoadedEnvironment): Promise<MetricAlarm> {
  const alarm = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [env.names.alarmName] }))).MetricAlarms?.[0];
  if (!alarm) throw new Error(`alarm ${env.names.alarmName} not found`);
  return alarm;
}

/** The values of the series an alarm watches, read with the alarm's own namespace, metric, dimensions, period and statistic. */
async function alarmSeries(cloudwatch: CloudWatchClient, alarm: MetricAlarm, around: Date): Promise<number[]> {
  const answer = await cloudwatch.send(new GetMetricDataCommand({
    StartTime: new Date(around.getTime() - 10 * 60_000), EndTime: new Date(around.getTime() + 10 * 60_000),
    MetricDataQueries: [{
      Id: "watched",
      MetricStat: { Metric: { Namespace: alarm.Namespace, MetricName: alarm.MetricName, Dimensions: alarm.Dimensions }, Period: alarm.Period, Stat: alarm.Statistic },
    }],
  }));
  return answer.MetricDataResults?.[0]?.Values ?? [];
}

describe("the SessionCreationLatency alarm watches the series the server publishes", () => {
  it("reads back a datapoint published exactly as the server's EMF line says, and another environment's alarm does not", async () => {
    const envA = alarmedEnvironment("alarma");
    const envB = alarmedEnvironment("alarmb");
    const lines: string[] = [];
    new GameMetrics({ environment: envA.key, write: (line) => lines.push(line) }).record("SessionCreationLatency", 1500);
    const datapoint = fromEmf(lines[0]!);

    const cloudwatch = new CloudWatchClient(config());
    await cloudwatch.send(new PutMetricDataCommand({
      Namespace: datapoint.namespace,
      MetricData: [{ MetricName: datapoint.metricName, Dimensions: datapoint.dimensions, Value: datapoint.value, Timestamp: datapoint.timestamp }],
    }));

    const pool = testPool(target());
    expect((await convergeFully(pool, envA)).errors).toEqual([]);
    expect((await convergeFully(pool, envB)).errors).toEqual([]);

    const alarmA = await describeAlarm(cloudwatch, envA);
    expect(await alarmSeries(cloudwatch, alarmA, datapoint.timestamp)).toEqual([1500]);

    // Two environments in one account: two series, so one's latency never trips the other's alarm.
    const alarmB = await describeAlarm(cloudwatch, envB);
    expect(alarmB.Dimensions).not.toEqual(alarmA.Dimensions);
    expect(await alarmSeries(cloudwatch, alarmB, datapoint.timestamp)).toEqual([]);
  });

  it("shows dimensions dropped behind gamectl's back as drift and restores them", async () => {
    const env = alarmedEnvironment("alarmdrift");
    const pool = testPool(target());
    await convergeFully(pool, env);
    const cloudwatch = new CloudWatchClient(config());
    const alarm = await describeAlarm(cloudwatch, env);
    expect(alarm.Dimensions?.length).toBeGreaterThan(0);
    await cloudwatch.send(new PutMetricAlarmCommand({ ...alarm, AlarmName: alarm.AlarmName!, EvaluationPeriods: alarm.EvaluationPeriods!, ComparisonOperator: alarm.ComparisonOperator!, Dimensions: [] }));

    const plan = (await pool.forEnvironment(env).reconcile(env, { mode: "plan" })).plan;
    const changed = plan.actions.filter((a) => a.type !== "noop").map((a) => `${a.type} ${a.name}:${a.changes.map((c) => `${c.field}(${c.class})`).join(",")}`);
    expect(changed).toEqual(["update alarm/session-creation-latency:dimensions(in-place)"]);

    await convergeFully(pool, env);
    expect((await describeAlarm(cloudwatch, env)).Dimensions).toEqual(alarm.Dimensions);
    pool.calls.reset();
    const again = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(again.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);
  });
});
