import { catalogEntry, fieldSemantics, readyInState } from "./catalog.ts";
import type {
  ChangeClass, DeletionPolicy, DesiredResource, FieldChange, JsonValue, ObservedResource, Plan, PlanAction, PlanSummary,
} from "./types.ts";
import { OWNERSHIP_TAGS } from "../spec/names.ts";
import { normalizePolicy } from "./policy.ts";
import { deepEqual, normalizeSet, referencedNames, resolveValue, type AttributeLookup } from "./values.ts";

export interface PlanInput {
  /** "namespace/name" of the environment. */
  readonly environment: string;
  readonly desired: readonly DesiredResource[];
  /** Everything observe found: the desired resources that exist and owned resources no longer desired. */
  readonly observed: readonly ObservedResource[];
  readonly adopt: boolean;
  readonly deletionPolicy: DeletionPolicy;
}

/** All references and explicit dependencies of a desired resource. */
export function dependenciesOf(resource: DesiredResource): string[] {
  const names = new Set<string>(resource.dependsOn ?? []);
  for (const value of Object.values(resource.properties)) referencedNames(value, names);
  names.delete(resource.name);
  return [...names].sort();
}

export function observedLookup(observed: readonly ObservedResource[]): AttributeLookup {
  const byName = new Map(observed.map((o) => [o.name, o]));
  return (name, attribute) => byName.get(name)?.attributes[attribute];
}

/** Keeps only the tags gamectl declares; AWS and other tools may add their own. */
function declaredTagsDiffer(desired: Readonly<Record<string, string>>, observed: Readonly<Record<string, string>>): boolean {
  return Object.entries(desired).some(([key, value]) => observed[key] !== value);
}

/** Whether every element of the observed list is still in the desired one: an add-only field only grew. */
function onlyGrew(observed: JsonValue | undefined, desired: JsonValue | undefined): boolean {
  const before = Array.isArray(observed) ? observed : [];
  const after = Array.isArray(desired) ? desired : [];
  return before.every((element) => after.some((wanted) => deepEqual(wanted, element)));
}

function classify(kind: string, field: string, allowReplacement: boolean, observedState: string, old: JsonValue | undefined, wanted: JsonValue | undefined): Pick<FieldChange, "class" | "reason" | "waitsFor"> {
  const semantics = fieldSemantics(kind, field);
  const ready = readyInState(catalogEntry(kind), observedState);
  const waitsFor = semantics.waitsFor && !ready ? semantics.waitsFor : undefined;
  const base = { ...(semantics.reason ? { reason: semantics.reason } : {}), ...(waitsFor ? { waitsFor } : {}) };
  switch (semantics.semantics) {
    case "immutable":
      return allowReplacement ? { ...base, class: "replace" } : { ...base, class: "blocked" };
    case "replace":
      return { ...base, class: "replace" };
    case "add-only":
      if (onlyGrew(old, wanted)) return { ...(waitsFor ? { waitsFor } : {}), class: "in-place" };
      return allowReplacement ? { ...base, class: "replace" } : { ...base, class: "blocked" };
    default:
      return { ...base, class: semantics.semantics satisfies ChangeClass };
  }
}

/** Brings a value into the form the catalog says it is compared in. */
export function comparable(kind: string, field: string, value: JsonValue | undefined): JsonValue | undefined {
  if (value === undefined || value === null) return value;
  switch (fieldSemantics(kind, field).compare) {
    case "set":
      return Array.isArray(value) ? normalizeSet(value) : value;
    case "iam-policy":
      return normalizePolicy(value);
    default:
      return value;
  }
}

/** Field-level differences between a desired resource (references resolved) and what AWS has. */
export function diffResource(resource: DesiredResource, observed: ObservedResource, lookup: AttributeLookup): FieldChange[] {
  const changes: FieldChange[] = [];
  const unobserved = new Set(observed.unobserved);
  for (const [field, desiredValue] of Object.entries(resource.properties)) {
    if (unobserved.has(field)) continue;
    const resolved = comparable(resource.kind, field, resolveValue(desiredValue, lookup));
    const old = comparable(resource.kind, field, observed.properties[field]);
    if (resolved !== undefined && deepEqual(resolved, old)) continue;
    changes.push({
      field,
      old,
      new: resolved,
      ...(resolved === undefined ? { knownAfterApply: true } : {}),
      ...classify(resource.kind, field, resource.allowReplacement ?? false, observed.state, old, resolved),
    });
  }
  if (!resource.external && !unobserved.has("tags") && declaredTagsDiffer(resource.tags, observed.tags)) {
    const old: Record<string, JsonValue> = {};
    for (const key of Object.keys(resource.tags)) if (observed.tags[key] !== undefined) old[key] = observed.tags[key];
    changes.push({ field: "tags", old, new: { ...resource.tags }, class: "in-place" });
  }
  return changes;
}

function createChanges(resource: DesiredResource, lookup: AttributeLookup): FieldChange[] {
  return Object.entries(resource.properties).map(([field, value]) => {
    const resolved = resolveValue(value, lookup);
    return { field, old: undefined, new: resolved, ...(resolved === undefined ? { knownAfterApply: true } : {}), class: "in-place" };
  });
}

function planForDesired(resource: DesiredResource, observed: ObservedResource | undefined, input: PlanInput, lookup: AttributeLookup): PlanAction {
  const entry = catalogEntry(resource.kind);
  const common = { kind: resource.kind, name: resource.name, physicalName: resource.physicalName, dependsOn: dependenciesOf(resource) };
  if (!observed) {
    return { ...common, type: "create", changes: createChanges(resource, lookup), dataLoss: false };
  }
  const withId = { ...common, id: observed.id };
  const otherOwner = observed.owned ? undefined : observed.tags[OWNERSHIP_TAGS.environment];
  if (otherOwner !== undefined && otherOwner !== input.environment) {
    // adopt is only for resources made outside gamectl; one tenant must never take over another's.
    return {
      ...withId, type: "blocked", changes: [], dataLoss: false,
      reason: `the ${entry.title} "${resource.physicalName}" is owned by the environment ${otherOwner}; gamectl never adopts, changes or deletes another environment's resources. Rename this environment, or delete ${otherOwner} first`,
    };
  }
  if (!observed.owned && !resource.external && !input.adopt) {
    return {
      ...withId, type: "blocked", changes: [], dataLoss: false,
      reason: `a ${entry.title} named "${resource.physicalName}" exists but is not owned by gamectl (no gamectl.dev ownership tags); set spec.adopt: true to take it over`,
    };
  }
  const changes = diffResource(resource, observed, lookup);
  if (changes.length === 0) return { ...withId, type: "noop", changes, dataLoss: false };
  const blocked = changes.filter((c) => c.class === "blocked");
  if (blocked.length > 0) {
    return {
      ...withId, type: "blocked", changes, dataLoss: false,
      reason: blocked.map((c) => `${c.field}: ${c.reason ?? "immutable"}`).join("; ") + (entry.replaceSteps ? " (set allowReplacement to replace it)" : ""),
    };
  }
  if (changes.some((c) => c.class === "replace")) {
    return {
      ...withId, type: "replace", changes, dataLoss: entry.dataHolding,
      reason: changes.filter((c) => c.class === "replace").map((c) => `${c.field}: ${c.reason ?? "forces replacement"}`).join("; "),
      ...(entry.replaceSteps ? { steps: entry.replaceSteps } : {}),
    };
  }
  return { ...withId, type: "update", changes, dataLoss: false };
}

/** An owned resource left to remove: one whose delete already emptied it is gone, not removed again. */
function removable(observed: ObservedResource): boolean {
  if (!observed.owned) return false;
  const fields = catalogEntry(observed.kind).goneWhenEmpty;
  if (fields === undefined) return true;
  return !fields.every((field) => {
    const value = observed.properties[field];
    return Array.isArray(value) && value.length === 0;
  });
}

/** What happens to an owned resource that the spec no longer declares (or every resource, on delete). */
export function planForRemoval(observed: ObservedResource, deletionPolicy: DeletionPolicy): PlanAction {
  const entry = catalogEntry(observed.kind);
  const common = { kind: observed.kind, name: observed.name, physicalName: observed.id, id: observed.id, changes: [], dependsOn: [] };
  if (entry.dataHolding && deletionPolicy === "Retain") {
    return { ...common, type: "retain", dataLoss: false, reason: "deletionPolicy is Retain: it keeps its data and is left in AWS" };
  }
  if (observed.deletionProtected) {
    return { ...common, type: "blocked", dataLoss: entry.dataHolding, reason: "deletion protection is on; turn it off in the manifest first" };
  }
  return { ...common, type: "delete", dataLoss: entry.dataHolding };
}

function stringsIn(value: JsonValue | undefined, into: Set<string>): Set<string> {
  if (typeof value === "string") into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === "object") for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/**
 * A retained resource keeps what it uses: a retained Redis keeps its security group, subnet group
 * and parameter group, which AWS would refuse to delete anyway while it exists.
 */
function keepWhatRetainedResourcesUse(removals: PlanAction[], observed: readonly ObservedResource[]): PlanAction[] {
  const byName = new Map(observed.map((o) => [o.name, o]));
  let changed = true;
  while (changed) {
    changed = false;
    const used = new Map<string, string>();
    for (const action of removals) {
      if (action.type !== "retain" && action.type !== "blocked") continue;
      const resource = byName.get(action.name);
      if (!resource) continue;
      for (const value of stringsIn({ ...resource.properties, ...resource.attributes, id: null }, new Set())) used.set(value, action.name);
    }
    removals = removals.map((action) => {
      const user = action.type === "delete" && action.id ? used.get(action.id) ?? used.get(action.physicalName) : undefined;
      if (!user) return action;
      changed = true;
      return { ...action, type: "retain", dataLoss: false, reason: `kept because the retained ${user} uses it` };
    });
  }
  return removals;
}

function summarize(actions: readonly PlanAction[]): PlanSummary {
  const count = (type: PlanAction["type"]) => actions.filter((a) => a.type === type).length;
  return { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), blocked: count("blocked"), retain: count("retain") };
}

/** Orders actions so that every resource comes after the ones it depends on. */
function orderByDependencies(actions: readonly PlanAction[]): PlanAction[] {
  const byName = new Map(actions.map((a) => [a.name, a]));
  const done = new Set<string>();
  const out: PlanAction[] = [];
  const visit = (action: PlanAction, path: string[]) => {
    if (done.has(action.name)) return;
    if (path.includes(action.name)) throw new Error(`dependency cycle through ${[...path, action.name].join(" -> ")}`);
    for (const dep of action.dependsOn) {
      const target = byName.get(dep);
      if (target) visit(target, [...path, action.name]);
    }
    done.add(action.name);
    out.push(action);
  };
  const byTier = [...actions].sort((a, b) => catalogEntry(a.kind).tier - catalogEntry(b.kind).tier || a.name.localeCompare(b.name));
  for (const action of byTier) visit(action, []);
  return out;
}

/**
 * Removals run after everything else, the highest tier first: the reverse of creation. The order is explicit:
 * each delete depends on the deletes of the next higher tier that has any (what it would have been created
 * before), so the executor sends it only after those. Retained and blocked resources are not waited for.
 */
function orderRemovals(actions: readonly PlanAction[]): PlanAction[] {
  const sorted = [...actions].sort((a, b) => catalogEntry(b.kind).tier - catalogEntry(a.kind).tier || a.name.localeCompare(b.name));
  let above: string[] = [];
  let aboveTier: number | undefined;
  let current: string[] = [];
  return sorted.map((action) => {
    if (action.type !== "delete") return action;
    const tier = catalogEntry(action.kind).tier;
    if (tier !== aboveTier) {
      if (current.length > 0) above = current;
      current = [];
      aboveTier = tier;
    }
    current.push(action.name);
    return { ...action, dependsOn: [...above] };
  });
}

/** The pure heart of gamectl: (desired, observed) -> plan. No I/O. */
export function computePlan(input: PlanInput): Plan {
  const lookup = observedLookup(input.observed);
  const observedByName = new Map(input.observed.map((o) => [o.name, o]));
  const desiredNames = new Set(input.desired.map((d) => d.name));
  const forward = input.desired.map((resource) => planForDesired(resource, observedByName.get(resource.name), input, lookup));
  const removals = keepWhatRetainedResourcesUse(input.observed
    .filter((observed) => removable(observed) && !desiredNames.has(observed.name))
    .map((observed) => planForRemoval(observed, input.deletionPolicy)), input.observed);
  const ordered = [...orderByDependencies(forward), ...orderRemovals(removals)];
  return { environment: input.environment, actions: ordered, summary: summarize(ordered) };
}

/** The plan for deleting a whole environment: every owned resource, in reverse tier order. */
export function computeDeletePlan(environment: string, observed: readonly ObservedResource[], deletionPolicy: DeletionPolicy): Plan {
  const owned = observed.filter(removable);
  const ordered = orderRemovals(keepWhatRetainedResourcesUse(owned.map((o) => planForRemoval(o, deletionPolicy)), owned));
  return { environment, actions: ordered, summary: summarize(ordered) };
}

export function planHasChanges(plan: Plan): boolean {
  return plan.actions.some((a) => a.type !== "noop" && a.type !== "retain");
}
