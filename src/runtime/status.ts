import type { ReconcileResult } from "../reconcile/reconcile.ts";
import type { Condition, GameEnvironmentStatus, ResourceStatusEntry } from "../spec/types.generated.ts";

export type Phase = NonNullable<GameEnvironmentStatus["phase"]>;
export type ConditionType = "Ready" | "Synced" | "Progressing" | "Degraded";

/** What happened in one pass of the controller for one environment; status is a pure function of it and the previous status. */
export type PassOutcome =
  | { readonly kind: "reconciled"; readonly result: ReconcileResult; readonly mode: "apply" | "observe-only" | "delete" }
  /** The reconcile threw or was refused before any write (mass-delete brake, account guard). */
  | { readonly kind: "error"; readonly reason: "ReconcileError" | "Refused"; readonly message: string }
  /** The manifest or object fails validation: no AWS call was made. */
  | { readonly kind: "invalid"; readonly message: string }
  | { readonly kind: "paused" }
  /** The environment's deletion is held back (e.g. by the folder mass-delete brake). */
  | { readonly kind: "deletion-refused"; readonly message: string };

export interface StatusInput {
  readonly outcome: PassOutcome;
  readonly generation: number;
  readonly previous?: GameEnvironmentStatus;
  readonly now: Date;
}

const MAX_RESOURCES = 500;
const MAX_MESSAGE = 4096;

function clip(text: string, max = MAX_MESSAGE): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

interface ConditionValue {
  readonly status: Condition["status"];
  readonly reason: string;
  readonly message: string;
}

type ConditionSet = Record<ConditionType, ConditionValue>;

function condition(type: ConditionType, value: ConditionValue, generation: number, previous: readonly Condition[], now: string): Condition {
  const before = previous.find((c) => c.type === type);
  // kstatus and humans read lastTransitionTime as "since when is it so": only a status flip moves it.
  const lastTransitionTime = before?.status === value.status && before.lastTransitionTime ? before.lastTransitionTime : now;
  return { type, status: value.status, reason: value.reason, message: clip(value.message), lastTransitionTime, observedGeneration: generation };
}

function resourceRows(result: ReconcileResult): ResourceStatusEntry[] {
  return result.resources.slice(0, MAX_RESOURCES).map((r) => {
    const details = [r.awsState, r.message].filter((part): part is string => Boolean(part)).join(": ");
    return {
      kind: r.kind, name: r.name, ...(r.id ? { id: r.id } : {}), state: r.state, lastObservedTime: r.lastObservedTime, ...(details ? { message: clip(details) } : {}),
    };
  });
}

function planSummary(result: ReconcileResult): NonNullable<GameEnvironmentStatus["lastPlan"]> {
  const s = result.plan.summary;
  return { add: s.create + s.replace, change: s.update, destroy: s.delete + s.replace, blocked: s.blocked };
}

function firstLines(lines: readonly string[], max = 3): string {
  if (lines.length <= max) return lines.join("; ");
  return `${lines.slice(0, max).join("; ")} (and ${lines.length - max} more)`;
}

function fromResult(result: ReconcileResult, mode: "apply" | "observe-only" | "delete"): { phase: Phase; conditions: ConditionSet; message: string } {
  const failed = result.resources.filter((r) => r.state === "Failed");
  const blocked = result.plan.actions.filter((a) => a.type === "blocked");
  const pending = result.resources.filter((r) => r.state !== "Ready" && r.state !== "Retained");
  const notDegraded: ConditionValue = { status: "False", reason: "Healthy", message: "no resource has failed" };

  if (mode === "delete") {
    const message = result.errors.length > 0 ? `deleting: ${firstLines(result.errors)}` : `deleting ${pending.length} resource(s) per deletionPolicy`;
    return {
      phase: "Deleting",
      message,
      conditions: {
        Ready: { status: "False", reason: "Deleting", message },
        Synced: { status: result.errors.length > 0 ? "False" : "True", reason: result.errors.length > 0 ? "ReconcileError" : "Deleting", message },
        Progressing: { status: "True", reason: "Deleting", message },
        Degraded: result.errors.length > 0 ? { status: "True", reason: "ResourceFailed", message } : notDegraded,
      },
    };
  }
  if (mode === "observe-only") {
    const drifted = result.plan.actions.filter((a) => a.type !== "noop" && a.type !== "retain");
    if (result.drift || failed.length > 0) {
      const message = `observe-only: ${drifted.length} resource(s) differ from the manifest: ${firstLines(drifted.map((a) => `${a.type} ${a.name}${a.changes.length ? ` (${a.changes.map((c) => c.field).join(", ")})` : ""}`))}; nothing was changed`;
      return {
        phase: "Degraded",
        message,
        conditions: {
          Ready: { status: "False", reason: "DriftDetected", message },
          Synced: { status: "False", reason: "ObserveOnly", message },
          Progressing: { status: "False", reason: "ObserveOnly", message: "gamectl.dev/management-policy is observe-only: no changes are made" },
          Degraded: { status: "True", reason: "DriftDetected", message },
        },
      };
    }
  }
  if (failed.length > 0 || result.errors.length > 0) {
    const message = firstLines(result.errors.length > 0 ? result.errors : failed.map((r) => `${r.name}: ${r.message ?? "failed"}`));
    return {
      phase: "Degraded",
      message,
      conditions: {
        Ready: { status: "False", reason: "ResourceFailed", message },
        Synced: { status: "False", reason: "ReconcileError", message },
        Progressing: { status: result.requeueAfterMs !== undefined ? "True" : "False", reason: "Retrying", message: "retrying with backoff" },
        Degraded: { status: "True", reason: "ResourceFailed", message },
      },
    };
  }
  if (blocked.length > 0) {
    const message = `blocked: ${firstLines(blocked.map((a) => `${a.name}: ${a.reason ?? "immutable change"}`))}`;
    return {
      phase: "Degraded",
      message,
      conditions: {
        Ready: { status: "False", reason: "Blocked", message },
        Synced: { status: "False", reason: "Blocked", message },
        Progressing: { status: "False", reason: "Blocked", message },
        Degraded: { status: "True", reason: "Blocked", message },
      },
    };
  }
  if (result.converged) {
    const message = `${result.resources.length} resource(s) ready`;
    return {
      phase: "Ready",
      message,
      conditions: {
        Ready: { status: "True", reason: "Converged", message },
        Synced: { status: "True", reason: "Synced", message: mode === "observe-only" ? "observe-only: AWS matches the manifest" : "the current generation is applied" },
        Progressing: { status: "False", reason: "Converged", message },
        Degraded: notDegraded,
      },
    };
  }
  const message = `waiting for ${pending.length} resource(s): ${firstLines(pending.map((r) => `${r.name} ${r.state}${r.awsState ? ` (${r.awsState})` : ""}`))}`;
  return {
    phase: "Provisioning",
    message,
    conditions: {
      Ready: { status: "False", reason: "WaitingForResources", message },
      Synced: { status: "True", reason: "Synced", message: "the current generation is being applied" },
      Progressing: { status: "True", reason: "Provisioning", message },
      Degraded: notDegraded,
    },
  };
}

/**
 * The status of an environment after one pass: pure, so the Kubernetes status subresource and the folder
 * mode's status file are the same document.
 */
export function computeStatus(input: StatusInput): GameEnvironmentStatus {
  const { outcome, generation, previous } = input;
  const now = input.now.toISOString();
  const previousConditions = previous?.conditions ?? [];
  const build = (phase: Phase, conditions: ConditionSet, message: string, extra: Partial<GameEnvironmentStatus> = {}): GameEnvironmentStatus => ({
    observedGeneration: generation,
    phase,
    conditions: (Object.keys(conditions) as ConditionType[]).map((type) => condition(type, conditions[type], generation, previousConditions, now)),
    ...(previous?.resources ? { resources: previous.resources } : {}),
    ...(previous?.outputs ? { outputs: previous.outputs } : {}),
    ...(previous?.lastPlan ? { lastPlan: previous.lastPlan } : {}),
    message: clip(message),
    ...extra,
  });

  switch (outcome.kind) {
    case "reconciled": {
      const { phase, conditions, message } = fromResult(outcome.result, outcome.mode);
      return build(phase, conditions, message, { resources: resourceRows(outcome.result), outputs: outcome.result.outputs, lastPlan: planSummary(outcome.result) });
    }
    case "invalid": {
      const message = `the manifest is invalid; nothing was sent to AWS: ${outcome.message}`;
      return build("Failed", {
        Ready: { status: "False", reason: "InvalidSpec", message },
        Synced: { status: "False", reason: "InvalidSpec", message },
        Progressing: { status: "False", reason: "InvalidSpec", message: "fix the manifest; gamectl retries when it changes" },
        Degraded: { status: "True", reason: "InvalidSpec", message },
      }, message);
    }
    case "error": {
      const message = outcome.message;
      return build("Failed", {
        Ready: { status: "False", reason: outcome.reason, message },
        Synced: { status: "False", reason: outcome.reason, message },
        Progressing: { status: outcome.reason === "Refused" ? "False" : "True", reason: outcome.reason === "Refused" ? "Refused" : "Retrying", message },
        Degraded: { status: "True", reason: outcome.reason, message },
      }, message);
    }
    case "deletion-refused": {
      const message = outcome.message;
      return build(previous?.phase ?? "Pending", {
        Ready: (previous?.conditions?.find((c) => c.type === "Ready") as ConditionValue | undefined) ?? { status: "Unknown", reason: "DeletionRefused", message },
        Synced: { status: "False", reason: "DeletionRefused", message },
        Progressing: { status: "False", reason: "DeletionRefused", message },
        Degraded: { status: "True", reason: "DeletionRefused", message },
      }, message);
    }
    case "paused": {
      const message = "gamectl.dev/paused is \"true\": no AWS calls are made until it is removed";
      const ready = previous?.conditions?.find((c) => c.type === "Ready");
      return build(previous?.phase ?? "Pending", {
        Ready: ready ? { status: ready.status, reason: ready.reason ?? "Paused", message: ready.message ?? message } : { status: "Unknown", reason: "Paused", message },
        Synced: { status: "False", reason: "Paused", message },
        Progressing: { status: "False", reason: "Paused", message },
        Degraded: { status: "False", reason: "Paused", message },
      }, message, { observedGeneration: previous?.observedGeneration ?? generation });
    }
  }
}

/** Same content, ignoring timestamps: a sink skips writes that change nothing. */
export function sameStatus(a: GameEnvironmentStatus | undefined, b: GameEnvironmentStatus): boolean {
  if (!a) return false;
  const strip = (s: GameEnvironmentStatus) => canonical({
    ...s,
    conditions: s.conditions?.map((c) => ({ ...c, lastTransitionTime: undefined })),
    resources: s.resources?.map((r) => ({ ...r, lastObservedTime: undefined })),
  });
  return strip(a) === strip(b);
}

/** JSON with object keys sorted, so field order never makes two equal documents differ. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== "object" || Array.isArray(inner)) return inner;
    return Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
  });
}

export function conditionOf(status: GameEnvironmentStatus | undefined, type: ConditionType): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}
