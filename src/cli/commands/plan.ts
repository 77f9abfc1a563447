import { parseArgs } from "node:util";
import { planToJson, renderPlan } from "../../plan/render.ts";
import { planHasChanges } from "../../plan/plan.ts";
import type { Command } from "../main.ts";
import { ReconcilerPool } from "../../reconcile/pool.ts";
import { errorText, loadForCommand } from "../session.ts";

const help = `Usage: gamectl plan -f FILE|DIR [-f ...] [-o text|json] [--region REGION]

Shows every change gamectl would make, without making it.
Exit codes (like terraform plan -detailed-exitcode): 0 no changes, 2 changes present, 1 error.
A blocked change (an immutable field without the manifest's opt-in) counts as an error: apply
could never make it, so a pull request's plan check should fail on it.
`;

export const command: Command = {
  summary: "Show the changes that apply would make",
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: { filename: { type: "string", short: "f", multiple: true }, output: { type: "string", short: "o", default: "text" }, region: { type: "string" }, help: { type: "boolean", short: "h" } },
    });
    if (values.help) {
      process.stdout.write(help);
      return 0;
    }
    if (values.output !== "text" && values.output !== "json") {
      process.stderr.write(`error: -o must be "text" or "json", not "${values.output}"\n`);
      return 1;
    }
    const envs = await loadForCommand(values.filename ?? [], (t) => process.stderr.write(t));
    if (!envs) return 1;
    const pool = new ReconcilerPool({ ...(values.region ? { region: values.region } : {}) });
    let changes = false;
    let failed = false;
    const plans = [];
    for (const env of envs) {
      try {
        const result = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
        changes ||= planHasChanges(result.plan);
        // A blocked change cannot be applied: CI should stop here, as terraform plan does on an impossible change.
        if (result.plan.actions.some((a) => a.type === "blocked")) failed = true;
        plans.push(result.plan);
        if (values.output === "text") process.stdout.write(renderPlan(result.plan) + "\n");
      } catch (error) {
        failed = true;
        process.stderr.write(`error: ${env.file}:${env.line}: ${env.key}: ${errorText(error)}\n`);
      }
    }
    if (values.output === "json") process.stdout.write(plans.length === 1 ? planToJson(plans[0]!) : JSON.stringify(plans, null, 2) + "\n");
    if (failed) return 1;
    return changes ? 2 : 0;
  },
};
