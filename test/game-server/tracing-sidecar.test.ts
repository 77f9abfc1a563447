import { DescribeTaskDefinitionCommand, ECSClient } from "@aws-sdk/client-ecs";
import { GetRolePolicyCommand, IAMClient } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { traceWriteActions } from "../../src/contract/game-server.ts";
import { collectorImage } from "../../src/kinds/observability.ts";
import type { LoadedEnvironment } from "../../src/spec/load.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";
import { gameServerNeeds } from "../support/game-server.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

function tracedManifest(name: string, tracing: Record<string, unknown> | undefined): LoadedEnvironment {
  return loadEnvironment(coreManifest(name, network, {
    gameServer: { port: 2567, healthCheckPath: "/health", image: "ghcr.io/example/gamectl-server:0.1.0", desiredCount: 1, internetEgress: true },
    redis: { engineVersion: "7.1", nodeType: "cache.t4g.micro" },
    ...gameServerNeeds,
    ...(tracing ? { observability: { tracing } } : {}),
  }));
}

async function liveDefinition(env: LoadedEnvironment) {
  const ecs = new ECSClient(config());
  const definition = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: env.names.gameServerName }))).taskDefinition!;
  ecs.destroy();
  return definition;
}

async function taskPolicy(env: LoadedEnvironment): Promise<{ Statement: Array<{ Sid?: string; Action: string[]; Resource: unknown }> }> {
  const iam = new IAMClient(config());
  const document = (await iam.send(new GetRolePolicyCommand({ RoleName: env.names.taskRoleName, PolicyName: env.names.taskPolicyName }))).PolicyDocument!;
  iam.destroy();
  return JSON.parse(decodeURIComponent(document));
}

describe("spec.observability.tracing", () => {
  it("on: the ADOT collector runs beside the server, the server exports to it at the sample rate, the task role writes X-Ray and nothing more; off again: all gone", async () => {
    const env = tracedManifest("traced", { enabled: true, sampleRate: 0.05 });
    const pool = testPool(target());
    const result = await convergeFully(pool, env);
    expect(result.errors).toEqual([]);

    const definition = await liveDefinition(env);
    const [server, collector, ...others] = definition.containerDefinitions!;
    expect(others).toEqual([]);
    expect(server!.name).toBe("game");
    expect(collector!.name).toBe("aws-otel-collector");
    expect(collector!.image).toBe(collectorImage);
    expect(collector!.image!.startsWith("public.ecr.aws/aws-observability/aws-otel-collector")).toBe(true);
    expect(collector!.essential).toBe(false);
    expect(collector!.portMappings).toEqual([expect.objectContaining({ containerPort: 4318 })]);
    const config = collector!.environment!.find((e) => e.name === "AOT_CONFIG_CONTENT")!.value!;
    expect(config).toContain("awsxray");
    expect(config).toContain("region: us-east-1");
    expect(config).not.toContain("awsemf");
    expect(collector!.logConfiguration?.options?.["awslogs-group"]).toBe(env.names.logGroupName);
    const vars = Object.fromEntries(server!.environment!.map((e) => [e.name, e.value]));
    expect(vars).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://localhost:4318", OTEL_TRACES_SAMPLER: "parentbased_traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.05",
      OTEL_SERVICE_NAME: env.names.gameServerName,
    });

    // Exactly the X-Ray writes: no sampling-rule reads (the SDK samples), no X-Ray wildcard.
    const policy = await taskPolicy(env);
    const xray = policy.Statement.filter((s) => s.Action.some((a) => a.startsWith("xray:")));
    expect(xray).toEqual([{ Sid: "TraceWrites", Effect: "Allow", Action: [...traceWriteActions], Resource: ["*"] }]);
    expect([...traceWriteActions]).toEqual(["xray:PutTraceSegments", "xray:PutTelemetryRecords"]);

    // Steady: the sidecar reads back as rendered, so a second pass registers nothing.
    pool.calls.reset();
    const steady = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(pool.calls.mutatingOperations()).toEqual([]);

    // A new rate is a new revision with the new variable, the collector unchanged.
    const faster = tracedManifest("traced", { enabled: true, sampleRate: 0.5 });
    await convergeFully(pool, faster);
    const revised = await liveDefinition(faster);
    expect(revised.revision).toBe(definition.revision! + 1);
    expect(revised.containerDefinitions![0]!.environment!.find((e) => e.name === "OTEL_TRACES_SAMPLER_ARG")?.value).toBe("0.5");

    const off = tracedManifest("traced", undefined);
    await convergeFully(pool, off);
    const plain = await liveDefinition(off);
    expect(plain.containerDefinitions!.map((c) => c.name)).toEqual(["game"]);
    expect(plain.containerDefinitions![0]!.environment!.filter((e) => e.name!.startsWith("OTEL_"))).toEqual([]);
    expect((await taskPolicy(off)).Statement.filter((s) => s.Action.some((a) => a.startsWith("xray:")))).toEqual([]);
  });
});
