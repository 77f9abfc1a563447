import { describe, expect, it } from "vitest";
import { ControllerMetrics } from "../../src/runtime/metrics.ts";
import type { ResourceStatus } from "../../src/reconcile/reconcile.ts";

const resource = (kind: string, state: ResourceStatus["state"]): ResourceStatus => ({ kind, name: `${kind}-${state}`, state, lastObservedTime: "2026-01-01T00:00:00Z" });

async function gauge(metrics: ControllerMetrics, name: "resources" | "environments"): Promise<Record<string, number>> {
  const values = (await metrics[name].get()).values;
  return Object.fromEntries(values.map((v) => [Object.values(v.labels).join("/"), v.value]));
}

describe("ControllerMetrics", () => {
  it("keeps the resource and phase gauges as sums over environments, dropping label sets that reach zero", async () => {
    const metrics = new ControllerMetrics({ defaultMetrics: false });
    metrics.setResources("games/a", [resource("DynamoTable", "Ready"), resource("DynamoTable", "Ready"), resource("IamRole", "Pending")]);
    metrics.setResources("games/b", [resource("DynamoTable", "Ready")]);
    metrics.setPhase("games/a", "Progressing");
    metrics.setPhase("games/b", "Ready");
    expect(await gauge(metrics, "resources")).toEqual({ "DynamoTable/Ready": 3, "IamRole/Pending": 1 });
    expect(await gauge(metrics, "environments")).toEqual({ Progressing: 1, Ready: 1 });

    metrics.setResources("games/a", [resource("DynamoTable", "Ready"), resource("DynamoTable", "Ready"), resource("IamRole", "Ready")]);
    metrics.setPhase("games/a", "Ready");
    metrics.setPhase("games/a", "Ready");
    expect(await gauge(metrics, "resources")).toEqual({ "DynamoTable/Ready": 3, "IamRole/Ready": 1 });
    expect(await gauge(metrics, "environments")).toEqual({ Ready: 2 });

    metrics.setResources("games/b", undefined);
    metrics.setPhase("games/b", undefined);
    metrics.setResources("games/a", []);
    expect(await gauge(metrics, "resources")).toEqual({});
    expect(await gauge(metrics, "environments")).toEqual({ Ready: 1 });
  });

  it("times AWS calls by service and operation, and counts them with their outcome", async () => {
    const metrics = new ControllerMetrics({ defaultMetrics: false });
    metrics.awsListener({ service: "dynamodb", operation: "DescribeTable", outcome: "ok", durationMs: 40 } as Parameters<ControllerMetrics["awsListener"]>[0]);
    metrics.awsListener({ service: "dynamodb", operation: "CreateTable", outcome: "ThrottlingException", durationMs: 900 } as Parameters<ControllerMetrics["awsListener"]>[0]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('gamectl_aws_call_duration_seconds_count{service="dynamodb",operation="DescribeTable"} 1');
    expect(text).toContain('gamectl_aws_call_duration_seconds_bucket{le="1",service="dynamodb",operation="CreateTable"} 1');
    expect(text).toContain('gamectl_aws_calls_total{service="dynamodb",operation="CreateTable",code="ThrottlingException"} 1');
  });
});
