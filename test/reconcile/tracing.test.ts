import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReconcilerPool } from "../../src/reconcile/pool.ts";
import { createLogger } from "../../src/util/log.ts";
import { setActiveTracing } from "../../src/util/spans.ts";
import { startTracing, type Tracing } from "../../src/util/tracing.ts";
import { clearFaults, resetMoto, setFaults } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { coreManifest, createNetwork, loadEnvironment, type TestNetwork } from "../support/aws-environment.ts";
import { OtlpReceiver, xrayEpochSeconds, type ReceivedSpan } from "../support/otlp-receiver.ts";

const target = () => aws();
let network: TestNetwork;
let receiver: OtlpReceiver;
let tracing: Tracing;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
  receiver = await OtlpReceiver.start();
  // The OTLP/HTTP exporter the CLI uses, sending to the local receiver.
  tracing = startTracing({ serviceName: "gamectl-controller", endpoint: receiver.url, immediate: true });
});

afterAll(async () => {
  await tracing?.shutdown();
  await receiver?.stop();
});

describe("controller traces", () => {
  it("one trace per pass: pass → observe/actions → AWS calls, with attributes, X-Ray ids and the injected fault recorded on its spans", async () => {
    const env = loadEnvironment(coreManifest("traced", network));
    // One attempt per call: the injected 5xx is the call's outcome rather than a retry the SDK hides.
    const pool = new ReconcilerPool({ ...target(), tracer: tracing.tracer, maxAttempts: 1 }, createLogger("silent"));
    await setFaults(target().endpoint, { rate: 1, kinds: ["5xx"], services: ["dynamodb"], operations: ["CreateTable"] });
    const started = Math.floor(Date.now() / 1000);
    let result;
    try {
      result = await pool.forEnvironment(env).reconcile(env, { mode: "apply" });
    } finally {
      await clearFaults(target().endpoint);
    }
    await tracing.flush();
    expect(result.errors.length).toBeGreaterThan(0);

    const root = await receiver.waitFor((spans) => spans.find((s) => s.name === "reconcile" && s.attributes["gamectl.environment"] === env.key));
    expect(root.parentSpanId).toBeUndefined();
    expect(root.service).toBe("gamectl-controller");
    expect(root.attributes["gamectl.mode"]).toBe("apply");
    expect(root.statusCode).toBe(2);
    // X-Ray ids: 32 hex digits whose first 8 are the start time in epoch seconds.
    expect(root.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(xrayEpochSeconds(root.traceId)).toBeGreaterThanOrEqual(started - 1);
    expect(xrayEpochSeconds(root.traceId)).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));

    const trace = receiver.spans.filter((s) => s.traceId === root.traceId);
    const byId = new Map(trace.map((s) => [s.spanId, s]));
    // Every span but the root hangs off a span of the same trace: one tree.
    for (const span of trace) if (span !== root) expect(byId.has(span.parentSpanId ?? ""), `${span.name} has its parent in the trace`).toBe(true);

    const observe = receiver.children(root).find((s) => s.name === "observe")!;
    expect(observe).toBeDefined();
    // The reads of the observation are its children (the tagging API's inventory, then each kind's reads).
    expect(receiver.children(observe).filter((s) => s.attributes["rpc.system"] === "aws-api").length).toBeGreaterThan(0);

    const actions = receiver.children(root).filter((s) => s.attributes["gamectl.action"] !== undefined);
    const usersTable = env.names.tableName("users");
    const tableAction = actions.find((s) => s.attributes["gamectl.kind"] === "DynamoTable" && String(s.attributes["gamectl.resource"]).includes("users"));
    expect(tableAction, `an action span for the users table among ${actions.map((a) => `${a.name} ${a.attributes["gamectl.resource"]}`).join(", ")}`).toBeDefined();
    expect(tableAction!.attributes).toMatchObject({ "gamectl.environment": env.key, "gamectl.action": "create", "gamectl.state": "Failed" });
    expect(tableAction!.statusCode).toBe(2);
    expect(tableAction!.events.some((e) => e.name === "exception")).toBe(true);

    const calls = receiver.children(tableAction!);
    const create = calls.find((s) => s.attributes["rpc.method"] === "CreateTable")!;
    expect(create, `a CreateTable span under the action; got ${calls.map((c) => c.name).join(", ")}`).toBeDefined();
    expect(create.name).toBe("dynamodb.CreateTable");
    expect(create.kind).toBe(3);
    expect(create.attributes).toMatchObject({
      "rpc.system": "aws-api", "rpc.service": "dynamodb", "aws.operation": "CreateTable", "gamectl.mutating": true,
      "gamectl.environment": env.key, "gamectl.kind": "DynamoTable", "gamectl.action": "create",
    });
    expect(create.statusCode).toBe(2);
    expect(["InternalFailure", "ServiceUnavailable", "InternalServerError"]).toContain(create.attributes["error.type"]);
    expect(create.events.find((e) => e.name === "exception")?.attributes["exception.message"]).toBeDefined();
    expect(usersTable).toContain("users");

    // A healthy action in the same pass: its calls succeed, nothing recorded as an error.
    const ok = actions.find((s) => s.attributes["gamectl.kind"] === "SecurityGroup");
    expect(ok, "a security group action").toBeDefined();
    const okCalls: ReceivedSpan[] = receiver.children(ok!);
    expect(okCalls.length).toBeGreaterThan(0);
    expect(okCalls.every((c) => c.statusCode !== 2 && c.attributes["rpc.service"] === "ec2")).toBe(true);
  });

  it("pools given no tracer follow the process: traced once --tracing turned it on, and without it no span at all", async () => {
    const env = loadEnvironment(coreManifest("quiet", network));
    receiver.clear();
    await new ReconcilerPool({ ...target() }, createLogger("silent")).forEnvironment(env).reconcile(env, { mode: "plan" });
    await tracing.flush();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.spans).toEqual([]);

    // What src/cli/main.ts does for --tracing or OTEL_EXPORTER_OTLP_ENDPOINT.
    setActiveTracing(tracing);
    try {
      await new ReconcilerPool({ ...target() }, createLogger("silent")).forEnvironment(env).reconcile(env, { mode: "plan" });
    } finally {
      setActiveTracing(undefined);
    }
    await tracing.flush();
    const root = await receiver.waitFor((spans) => spans.find((s) => s.name === "reconcile" && s.attributes["gamectl.environment"] === env.key));
    expect(root.attributes["gamectl.mode"]).toBe("plan");
    expect(receiver.spans.some((s) => s.traceId === root.traceId && s.attributes["rpc.system"] === "aws-api")).toBe(true);
  });
});
