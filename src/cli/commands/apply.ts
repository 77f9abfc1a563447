import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { stringify } from "yaml";
import { planHasChanges } from "../../plan/plan.ts";
import { renderPlan } from "../../plan/render.ts";
import type { Command } from "../main.ts";
import { converge, parseDuration } from "../converge.ts";
import { ReconcilerPool } from "../../reconcile/pool.ts";
import { errorText, loadForCommand } from "../session.ts";

export const convergeFlags = {
  filename: { type: "string", short: "f", multiple: true },
  "auto-approve": { type: "boolean", default: false },
  timeout: { type: "string", default: "30m" },
  region: { type: "string" },
  "allow-mass-delete": { type: "boolean", default: false },
  "max-deletions": { type: "string", default: "5" },
  help: { type: "boolean", short: "h" },
} as const;

export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(`${question} Only 'yes' will be accepted: `);
  rl.close();
  return answer.trim() === "yes";
}

/** Shared by apply and delete: plan, confirm, then converge every environment. */
export async function runConverge(argv: string[], mode: "apply" | "delete", help: string): Promise<number> {
  const { values } = parseArgs({ args: argv, options: convergeFlags });
  if (values.help) {
    process.stdout.write(help);
    return 0;
  }
  const timeoutMs = parseDuration(values.timeout);
  const maxDeletions = Number(values["max-deletions"]);
  if (timeoutMs === undefined) {
    process.stderr.write(`error: --timeout "${values.timeout}" is not a duration; use e.g. 30m, 90s or 1h\n`);
    return 1;
  }
  if (!Number.isInteger(maxDeletions) || maxDeletions < 0) {
    process.stderr.write(`error: --max-deletions must be a whole number, not "${values["max-deletions"]}"\n`);
    return 1;
  }
  const envs = await loadForCommand(values.filename ?? [], (t) => process.stderr.write(t));
  if (!envs) return 1;
  const pool = new ReconcilerPool({ ...(values.region ? { region: values.region } : {}) });
  let ok = true;
  for (const env of envs) {
    const reconciler = pool.forEnvironment(env);
    try {
      const preview = await reconciler.reconcile(env, { mode: mode === "apply" ? "plan" : "delete-preview" });
      process.stdout.write(renderPlan(preview.plan));
      if (planHasChanges(preview.plan) && !values["auto-approve"]) {
        if (!(await confirm(`\nDo you want to ${mode} ${env.key}?`))) {
          process.stderr.write(`${env.key}: not confirmed; nothing was changed (use --auto-approve in scripts)\n`);
          ok = false;
          continue;
        }
      }
      const { ok: converged, last } = await converge(reconciler, env, {
        mode, timeoutMs, allowMassDelete: values["allow-mass-delete"], maxDeletions, progress: (line) => process.stdout.write(line + "\n"),
      });
      if (converged) {
        process.stdout.write(`${env.key}: ${mode === "apply" ? "converged" : "deleted"}\n`);
        // As Terraform ends an apply: what the game needs to be reached, e.g. the load balancer's DNS name.
        if (mode === "apply") process.stdout.write(`\nOutputs:\n${stringify(last.outputs).replace(/^/gm, "  ")}`);
      } else {
        ok = false;
        const why = [...last.errors, ...last.plan.actions.filter((a) => a.type === "blocked").map((a) => `${a.name}: blocked: ${a.reason ?? ""}`)];
        process.stderr.write(`${env.key}: not converged${why.length ? `:\n  ${why.join("\n  ")}` : " before the timeout"}\n`);
      }
    } catch (error) {
      ok = false;
      process.stderr.write(`error: ${env.file}:${env.line}: ${env.key}: ${errorText(error)}\n`);
    }
  }
  return ok ? 0 : 1;
}

export const command: Command = {
  summary: "Converge AWS to the manifests",
  run: (argv) => runConverge(argv, "apply", `Usage: gamectl apply -f FILE|DIR [--auto-approve] [--timeout 30m] [--region REGION] [--allow-mass-delete] [--max-deletions 5]

Prints the plan, asks for confirmation (unless --auto-approve), then converges each environment,
printing a progress line per resource, until it is ready or the timeout passes.
`),
};
