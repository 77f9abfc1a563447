import { setTimeout as sleep } from "node:timers/promises";
import type { Reconciler, ReconcileMode, ReconcileResult } from "../reconcile/reconcile.ts";
import type { LoadedEnvironment } from "../spec/load.ts";

export interface ConvergeOptions {
  readonly mode: Extract<ReconcileMode, "apply" | "delete">;
  readonly timeoutMs: number;
  readonly allowMassDelete: boolean;
  readonly maxDeletions: number;
  readonly progress: (line: string) => void;
  /** Caps the wait between passes, so tests against instant fakes run fast. */
  readonly maxRequeueMs?: number;
}

function done(result: ReconcileResult, mode: ConvergeOptions["mode"]): boolean {
  if (mode === "delete") return result.plan.actions.every((a) => a.type === "retain" || a.type === "noop") && result.errors.length === 0;
  return result.converged;
}

/**
 * The CLI's loop around the level-triggered reconciler: reconcile, wait as long as it asks, again,
 * until converged or out of time. The reconciler itself never sleeps.
 */
export async function converge(reconciler: Reconciler, env: LoadedEnvironment, options: ConvergeOptions): Promise<{ ok: boolean; last: ReconcileResult }> {
  const deadline = Date.now() + options.timeoutMs;
  const lastState = new Map<string, string>();
  for (let pass = 1; ; pass++) {
    const result = await reconciler.reconcile(env, { mode: options.mode, allowMassDelete: options.allowMassDelete, maxDeletions: options.maxDeletions });
    for (const resource of result.resources) {
      const line = `${resource.state}${resource.awsState ? ` (${resource.awsState})` : ""}${resource.message ? `: ${resource.message}` : ""}`;
      if (lastState.get(resource.name) !== line) {
        lastState.set(resource.name, line);
        options.progress(`${env.key} ${resource.name}${resource.id ? ` [${resource.id}]` : ""}: ${line}`);
      }
    }
    const blocked = result.plan.actions.filter((a) => a.type === "blocked");
    if (done(result, options.mode)) return { ok: true, last: result };
    if (blocked.length > 0 && result.plan.actions.every((a) => a.type === "blocked" || a.type === "noop" || a.type === "retain")) {
      return { ok: false, last: result };
    }
    if (Date.now() >= deadline) return { ok: false, last: result };
    const wait = Math.min(result.requeueAfterMs ?? 2_000, options.maxRequeueMs ?? Number.POSITIVE_INFINITY, Math.max(0, deadline - Date.now()));
    await sleep(wait);
  }
}

/** Parses "30m", "90s", "1h" or plain seconds. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2] ?? "s";
  return value * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[unit as "ms" | "s" | "m" | "h"];
}
