import { serverVariables, traceWriteActions } from "../../contract/game-server.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { DesiredValue } from "../types.ts";
import { contributeToTaskPolicy } from "./iam.ts";

/**
 * spec.observability.tracing: the game server exports OTLP to the ADOT collector running beside it in the
 * task (awsvpc: the containers share localhost), and the collector writes to X-Ray with the task role.
 */

export const collectorContainerName = "aws-otel-collector";
/**
 * The ADOT collector's public image. `latest` follows AWS's releases (the config below uses only the stable OTLP
 * receiver and awsxray exporter), so a new task may start a newer collector than the last one did.
 */
export const collectorImage = "public.ecr.aws/aws-observability/aws-otel-collector:latest";
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

// The collector writes with the task role: exactly its X-Ray calls, only while tracing is on. X-Ray's write
// actions take no resource ARN, hence "*".
contributeToTaskPolicy((env) => tracingSettings(env).enabled
  ? [{ Sid: "TraceWrites", Effect: "Allow", Action: [...traceWriteActions], Resource: ["*"] }]
  : []);
