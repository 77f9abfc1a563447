import { catalogEntry } from "./catalog.ts";
import type { FieldChange, JsonValue, Plan, PlanAction } from "./types.ts";
import { canonicalJson } from "./values.ts";

const symbols: Record<PlanAction["type"], string> = {
  create: "+", update: "~", replace: "-/+", delete: "-", retain: "=", blocked: "!", noop: " ",
};

function show(value: JsonValue | undefined, knownAfterApply?: boolean): string {
  if (knownAfterApply) return "(known after apply)";
  if (value === undefined) return "(none)";
  return typeof value === "string" ? JSON.stringify(value) : canonicalJson(value);
}

function headline(action: PlanAction): string {
  const title = catalogEntry(action.kind).title;
  const what = `${action.name} (${title} ${action.physicalName})`;
  switch (action.type) {
    case "create": return `# ${what} will be created`;
    case "update": return `# ${what} will be updated in place`;
    case "replace": return `# ${what} must be replaced${action.dataLoss ? " — DATA LOSS" : ""}`;
    case "delete": return `# ${what} will be destroyed${action.dataLoss ? " — DATA LOSS" : ""}`;
    case "retain": return `# ${what} is no longer declared and will be retained`;
    case "blocked": return `# ${what} cannot be changed: blocked`;
    default: return `# ${what}`;
  }
}

function renderChange(change: FieldChange, indent: string): string[] {
  const notes: string[] = [];
  if (change.class === "replace") notes.push(`forces replacement${change.reason ? `: ${change.reason}` : ""}`);
  if (change.class === "blocked") notes.push(`blocked: ${change.reason ?? "immutable"}`);
  if (change.class === "one-at-a-time") notes.push("applied one at a time");
  if (change.waitsFor) notes.push(`waits for ${change.waitsFor}`);
  const note = notes.length ? `   # ${notes.join("; ")}` : "";
  if (change.old === undefined) return [`${indent}+ ${change.field}: ${show(change.new, change.knownAfterApply)}${note}`];
  // Sets of rules, indexes and route tables read better as what is added and removed.
  if (Array.isArray(change.old) && Array.isArray(change.new)) {
    const oldItems = new Set(change.old.map((v) => canonicalJson(v)));
    const newItems = new Set(change.new.map((v) => canonicalJson(v)));
    const lines = [`${indent}~ ${change.field}:${note}`];
    for (const item of newItems) if (!oldItems.has(item)) lines.push(`${indent}    + ${item}`);
    for (const item of oldItems) if (!newItems.has(item)) lines.push(`${indent}    - ${item}`);
    if (lines.length === 1) lines.push(`${indent}    (order) ${show(change.old)} → ${show(change.new)}`);
    return lines;
  }
  return [`${indent}~ ${change.field}: ${show(change.old)} → ${show(change.new, change.knownAfterApply)}${note}`];
}

/** Terraform-style text: +, ~, -, -/+, with old → new values and the reason for every replace or block. */
export function renderPlan(plan: Plan): string {
  const visible = plan.actions.filter((a) => a.type !== "noop");
  const notes = (plan.notes ?? []).map((note) => `Note: ${note}\n`).join("");
  if (visible.length === 0) return `${notes}No changes. ${plan.environment} matches its manifest.\n`;
  const lines = [...(plan.notes ?? []).map((note) => `Note: ${note}`), `gamectl will perform the following actions in ${plan.environment}:`, ""];
  for (const action of visible) {
    lines.push(`  ${headline(action)}`);
    lines.push(`${symbols[action.type].padStart(3)} ${action.kind} ${action.name}${action.id ? ` (${action.id})` : ""}`);
    for (const change of action.changes) lines.push(...renderChange(change, "      "));
    if (action.reason) lines.push(`      # ${action.type === "blocked" ? "why" : "reason"}: ${action.reason}`);
    for (const step of action.steps ?? []) lines.push(`      # step: ${step}`);
    lines.push("");
  }
  const s = plan.summary;
  lines.push(`Plan: ${s.create} to add, ${s.update} to change, ${s.replace} to replace, ${s.delete} to destroy` +
    `${s.blocked ? `, ${s.blocked} blocked` : ""}${s.retain ? `, ${s.retain} retained` : ""}.`);
  if (plan.actions.some((a) => a.dataLoss && (a.type === "delete" || a.type === "replace"))) lines.push("WARNING: this plan destroys data.");
  return lines.join("\n") + "\n";
}

export function planToJson(plan: Plan): string {
  return JSON.stringify(plan, null, 2) + "\n";
}
