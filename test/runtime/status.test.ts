import { describe, expect, it } from "vitest";
import type { ReconcileResult } from "../../src/reconcile/reconcile.ts";
import { computeStatus, conditionOf, sameStatus } from "../../src/runtime/status.ts";
import type { PlanAction } from "../../src/plan/types.ts";

const t0 = new Date("2026-01-01T00:00:00Z");
const t1 = new Date("2026-01-01T00:05:00Z");

function result(overrides: Partial<ReconcileResult> = {}, actions: PlanAction[] = []): ReconcileResult {
  return {
    environment: "games/arena",
    plan: { environment: "games/arena", actions, summary: { create: 0, update: 0, replace: 0, delete: 0, blocked: 0, retain: 0 } },
    resources: [{ kind: "DynamoDBTable", name: "table/users", id: "arn:aws:dynamodb:us-east-1:1:table/x", state: "Ready", awsState: "ACTIVE", lastObservedTime: t0.toISOString() }],
    outputs: { tables: { users: { name: "x", arn: "arn" } }, securityGroups: {}, vpcEndpoints: {} },
    converged: true, errors: [], events: [], drift: false, observation: "full",
    ...overrides,
  };
}

function action(type: PlanAction["type"], name: string, reason?: string): PlanAction {
  return { type, kind: "DynamoDBTable", name, physicalName: name, changes: [{ field: "keySchema", old: "a", new: "b", class: type === "blocked" ? "blocked" : "in-place" }], dataLoss: false, dependsOn: [], ...(reason ? { reason } : {}) };
}

describe("computeStatus", () => {
  it("a converged result is Ready with kstatus conditions, rows, outputs and the plan summary", () => {
    const status = computeStatus({ outcome: { kind: "reconciled", result: result(), mode: "apply" }, generation: 3, now: t0 });
    expect(status.phase).toBe("Ready");
    expect(status.observedGeneration).toBe(3);
    expect(status.conditions?.map((c) => [c.type, c.status, c.reason, c.observedGeneration])).toEqual([
      ["Ready", "True", "Converged", 3], ["Synced", "True", "Synced", 3], ["Progressing", "False", "Converged", 3], ["Degraded", "False", "Healthy", 3],
    ]);
    expect(status.resources).toEqual([{ kind: "DynamoDBTable", name: "table/users", id: "arn:aws:dynamodb:us-east-1:1:table/x", state: "Ready", lastObservedTime: t0.toISOString(), message: "ACTIVE" }]);
    expect(status.outputs?.tables.users?.name).toBe("x");
    expect(status.lastPlan).toEqual({ add: 0, change: 0, destroy: 0, blocked: 0 });
  });

  it("keeps lastTransitionTime while a condition's status holds, and moves it when it flips", () => {
    const first = computeStatus({ outcome: { kind: "reconciled", result: result(), mode: "apply" }, generation: 1, now: t0 });
    const same = computeStatus({ outcome: { kind: "reconciled", result: result(), mode: "apply" }, generation: 1, previous: first, now: t1 });
    expect(conditionOf(same, "Ready")?.lastTransitionTime).toBe(t0.toISOString());
    expect(sameStatus(first, same)).toBe(true);
    const progressing = computeStatus({
      outcome: { kind: "reconciled", result: result({ converged: false, requeueAfterMs: 5_000, resources: [{ kind: "DynamoDBTable", name: "table/users", state: "Pending", awsState: "CREATING", lastObservedTime: t1.toISOString() }] }), mode: "apply" },
      generation: 2, previous: same, now: t1,
    });
    expect(progressing.phase).toBe("Provisioning");
    expect(conditionOf(progressing, "Ready")).toMatchObject({ status: "False", reason: "WaitingForResources", lastTransitionTime: t1.toISOString() });
    expect(conditionOf(progressing, "Synced")?.lastTransitionTime).toBe(t0.toISOString());
    expect(conditionOf(progressing, "Progressing")?.status).toBe("True");
  });

  it("failed resources make it Degraded; blocked changes say why", () => {
    const failed = computeStatus({
      outcome: { kind: "reconciled", result: result({ converged: false, errors: ["table/users: AccessDenied: no"], resources: [{ kind: "DynamoDBTable", name: "table/users", state: "Failed", message: "AccessDenied: no", lastObservedTime: t0.toISOString() }] }), mode: "apply" },
      generation: 1, now: t0,
    });
    expect(failed.phase).toBe("Degraded");
    expect(conditionOf(failed, "Degraded")?.status).toBe("True");
    expect(failed.message).toContain("AccessDenied");
    const blocked = computeStatus({ outcome: { kind: "reconciled", result: result({ converged: false }, [action("blocked", "table/users", "the key schema cannot change")]), mode: "apply" }, generation: 1, now: t0 });
    expect(blocked.phase).toBe("Degraded");
    expect(conditionOf(blocked, "Synced")).toMatchObject({ status: "False", reason: "Blocked" });
    expect(blocked.message).toContain("the key schema cannot change");
  });

  it("observe-only with drift reports it and does not claim Synced", () => {
    const status = computeStatus({ outcome: { kind: "reconciled", result: result({ converged: false, drift: true }, [action("update", "table/users")]), mode: "observe-only" }, generation: 1, now: t0 });
    expect(conditionOf(status, "Ready")).toMatchObject({ status: "False", reason: "DriftDetected" });
    expect(conditionOf(status, "Synced")).toMatchObject({ status: "False", reason: "ObserveOnly" });
    expect(status.message).toContain("update table/users (keySchema)");
  });

  it("invalid, error, paused and deleting outcomes", () => {
    const invalid = computeStatus({ outcome: { kind: "invalid", message: "spec.region: must match" }, generation: 2, now: t0 });
    expect(invalid.phase).toBe("Failed");
    expect(conditionOf(invalid, "Ready")?.reason).toBe("InvalidSpec");
    expect(invalid.message).toContain("spec.region");
    const ready = computeStatus({ outcome: { kind: "reconciled", result: result(), mode: "apply" }, generation: 1, now: t0 });
    const paused = computeStatus({ outcome: { kind: "paused" }, generation: 2, previous: ready, now: t1 });
    expect(paused.phase).toBe("Ready");
    expect(paused.observedGeneration).toBe(1);
    expect(conditionOf(paused, "Synced")?.reason).toBe("Paused");
    expect(conditionOf(paused, "Ready")?.status).toBe("True");
    expect(paused.outputs).toEqual(ready.outputs);
    const refused = computeStatus({ outcome: { kind: "error", reason: "Refused", message: "more than the limit of 5" }, generation: 1, now: t0 });
    expect(refused.phase).toBe("Failed");
    expect(conditionOf(refused, "Progressing")?.status).toBe("False");
    const deleting = computeStatus({ outcome: { kind: "reconciled", result: result({ converged: false }), mode: "delete" }, generation: 1, now: t0 });
    expect(deleting.phase).toBe("Deleting");
  });
});
