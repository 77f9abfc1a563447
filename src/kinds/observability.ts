import { serverVariables, traceWriteActions } from "../contract/game-server.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { DesiredValue } from "../plan/types.ts";
import { dashboardMarker } from "./cloudwatch/dashboard-marker.ts";

/**
 * spec.observability.tracing: the game server exports OTLP to the ADOT collector running beside it in the
 * task (awsvpc: the containers share localhost), and the collector writes to X-Ray with the task role.
 */

export const collectorContainerName = "aws-otel-collector";
/**
 * The ADOT collector's public image, pinned to a release (v0.43.3, in AWS's release notes of aws-otel-collector):
 * with `latest` a new task could start a newer collector than the last one did, mid-deploy and unannounced. The
 * config below uses only the stable OTLP receiver and awsxray exporter; raising the version is a reviewed change.
 */
export const collectorImage = "public.ecr.aws/aws-observability/aws-otel-collector:v0.43.3";
/** OTLP/HTTP, the protocol the server's exporter speaks. */
export const collectorOtlpHttpPort = 4318;

export interface TracingSettings {
  readonly enabled: boolean;
  readonly sampleRate: number;
}

export function tracingSettings(env: LoadedEnvironment): TracingSettings {
  const tracing = env.manifest.spec.observability?.tracing;
  return { enabled: tracing?.enabled ?? false, sampleRate: tracing?.sampleRate ?? 0.05 };
}

/**
 * The collector's whole configuration, passed in AOT_CONFIG_CONTENT: traces only, OTLP in, X-Ray out. The image's
 * default ECS config also ships metrics through EMF, which would need CloudWatch Logs grants the task role does
 * not otherwise have; this one needs exactly the X-Ray writes granted below.
 */
export function collectorConfig(region: string): string {
  return [
    "extensions:",
    "  health_check: {}",
    "receivers:",
    "  otlp:",
    "    protocols:",
    "      http:",
    `        endpoint: 0.0.0.0:${collectorOtlpHttpPort}`,
    "processors:",
    "  batch/traces:",
    "    timeout: 1s",
    "    send_batch_size: 50",
    "exporters:",
    "  awsxray:",
    `    region: ${region}`,
    "service:",
    "  extensions: [health_check]",
    "  pipelines:",
    "    traces:",
    "      receivers: [otlp]",
    "      processors: [batch/traces]",
    "      exporters: [awsxray]",
    "",
  ].join("\n");
}

/** The server container's tracing variables; none when tracing is off, so the server loads no exporter. */
export function tracingVariables(env: LoadedEnvironment): Array<{ name: string; value: string }> {
  const settings = tracingSettings(env);
  if (!settings.enabled) return [];
  return [
    { name: serverVariables.otlpEndpoint, value: `http://localhost:${collectorOtlpHttpPort}` },
    { name: serverVariables.tracesSampler, value: "parentbased_traceidratio" },
    { name: serverVariables.tracesSamplerArg, value: String(settings.sampleRate) },
    { name: serverVariables.otelServiceName, value: env.names.gameServerName },
  ];
}

/**
 * The containers besides the game server in its task definition, in the shape the task definition driver
 * registers and reads back. Not essential: a collector that stops loses traces, not games.
 */
export function sidecarContainers(env: LoadedEnvironment, logGroup: string): DesiredValue[] {
  if (!tracingSettings(env).enabled) return [];
  const region = env.manifest.spec.region;
  return [{
    name: collectorContainerName,
    image: collectorImage,
    essential: false,
    portMappings: [{ containerPort: collectorOtlpHttpPort, protocol: "tcp" }],
    environment: [{ name: "AOT_CONFIG_CONTENT", value: collectorConfig(region) }],
    logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroup, "awslogs-region": region, "awslogs-stream-prefix": collectorContainerName } },
  }];
}

/**
 * The collector writes with the task role: exactly its X-Ray calls, only while tracing is on. X-Ray's write
 * actions take no resource ARN, hence "*".
 */
export function traceWriteStatements(env: LoadedEnvironment): DesiredValue[] {
  return tracingSettings(env).enabled ? [{ Sid: "TraceWrites", Effect: "Allow", Action: [...traceWriteActions], Resource: ["*"] }] : [];
}

type Widget = Record<string, DesiredValue>;

function metricWidget(x: number, y: number, title: string, metrics: DesiredValue[], extra: Record<string, DesiredValue> = {}, stat = "Average"): Widget {
  return { type: "metric", x, y, width: 12, height: 6, properties: { title, view: "timeSeries", stat, period: 60, metrics, ...extra } };
}

/** A CloudWatch search over one namespace, for series whose dimension values gamectl cannot know ahead (the ALB's id, cache node ids). */
function search(namespace: string, dimensions: string, metric: string, match: string, stat: string, id: string, label: string): DesiredValue {
  return [{ expression: `SEARCH('{${namespace},${dimensions}} MetricName="${metric}" "${match}"', '${stat}', 60)`, id, label }];
}

/**
 * The dashboard's widgets, a pure function of the spec: the game metrics with the exact dimensions the server
 * writes and the alarm's threshold line; the load balancer, Redis and tables when the environment has them.
 */
export function dashboardWidgets(env: LoadedEnvironment): DesiredValue[] {
  const spec = env.manifest.spec;
  const region = spec.region;
  const dims = ["Environment", env.key, "Service", "game-server"];
  const threshold = spec.alarms?.sessionCreationLatencyMs;
  const widgets: Widget[] = [{ type: "text", x: 0, y: 0, width: 24, height: 1, properties: { markdown: dashboardMarker(env.key) } }];
  let y = 1;
  const row = (left: Widget, right?: Widget) => {
    widgets.push({ ...left, x: 0, y }, ...(right ? [{ ...right, x: 12, y }] : []));
    y += 6;
  };
  const game = (name: string, stat = "Average") => ["GameMetrics", name, ...dims, { stat, region }];
  row(
    metricWidget(0, 0, "SessionCreationLatency (ms)", [game("SessionCreationLatency"), game("SessionCreationLatency", "p99")],
      threshold !== undefined ? { annotations: { horizontal: [{ label: "alarm threshold", value: threshold }] } } : {}),
    metricWidget(0, 0, "QueueLength", [game("QueueLength", "Maximum")]),
  );
  row(metricWidget(0, 0, "MatchmakingTime (ms)", [game("MatchmakingTime"), game("MatchmakingTime", "p99")]), metricWidget(0, 0, "PlayerRating", [game("PlayerRating")]));
  if (spec.loadBalancer) {
    const alb = `app/${env.names.albName}/`;
    row(
      metricWidget(0, 0, "Load balancer requests and 5xx", [
        ...(search("AWS/ApplicationELB", "LoadBalancer", "RequestCount", alb, "Sum", "requests", "requests") as DesiredValue[]),
        ...(search("AWS/ApplicationELB", "LoadBalancer", "HTTPCode_ELB_5XX_Count", alb, "Sum", "elb5xx", "5xx from the load balancer") as DesiredValue[]),
        ...(search("AWS/ApplicationELB", "LoadBalancer", "HTTPCode_Target_5XX_Count", alb, "Sum", "target5xx", "5xx from the game server") as DesiredValue[]),
      ], { region }, "Sum"),
      metricWidget(0, 0, "Target response time (s)", search("AWS/ApplicationELB", "LoadBalancer", "TargetResponseTime", alb, "p99", "latency", "p99") as DesiredValue[], { region }),
    );
  }
  if (spec.redis) {
    const group = env.names.replicationGroupId;
    row(
      metricWidget(0, 0, "Redis CPU and memory (%)", [
        ...(search("AWS/ElastiCache", "CacheClusterId", "EngineCPUUtilization", group, "Average", "cpu", "engine CPU") as DesiredValue[]),
        ...(search("AWS/ElastiCache", "CacheClusterId", "DatabaseMemoryUsagePercentage", group, "Average", "memory", "memory used") as DesiredValue[]),
      ], { region }),
      metricWidget(0, 0, "Redis evictions", search("AWS/ElastiCache", "CacheClusterId", "Evictions", group, "Sum", "evictions", "evictions") as DesiredValue[], { region }, "Sum"),
    );
  }
  const tables = (spec.dynamodb?.tables ?? []).map((t) => env.names.tableName(t.name));
  if (tables.length > 0) {
    row(
      metricWidget(0, 0, "DynamoDB consumed capacity per table", tables.flatMap((table) => [
        ["AWS/DynamoDB", "ConsumedReadCapacityUnits", "TableName", table, { stat: "Sum", region, label: `${table} read` }],
        ["AWS/DynamoDB", "ConsumedWriteCapacityUnits", "TableName", table, { stat: "Sum", region, label: `${table} write` }],
      ]), { region }, "Sum"),
      metricWidget(0, 0, "DynamoDB throttles per table", tables.flatMap((table) => [
        ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", table, { stat: "Sum", region, label: `${table} read` }],
        ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", table, { stat: "Sum", region, label: `${table} write` }],
      ]), { region }, "Sum"),
    );
  }
  return widgets;
}

/** spec.observability.dashboard: one CloudWatch dashboard per environment. */
