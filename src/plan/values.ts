import type { DesiredValue, JsonValue, Reference } from "./types.ts";

export function isReference(value: unknown): value is Reference {
  return typeof value === "object" && value !== null && !Array.isArray(value) && typeof (value as Reference).$ref === "string";
}

export function ref(name: string, attribute: string, options: { fallback?: JsonValue; asNumber?: boolean; format?: string } = {}): Reference {
  return { $ref: name, attribute, ...options };
}

/** Every resource a desired value refers to. */
export function referencedNames(value: DesiredValue, into: Set<string> = new Set()): Set<string> {
  if (isReference(value)) into.add(value.$ref);
  else if (Array.isArray(value)) for (const item of value) referencedNames(item, into);
  else if (typeof value === "object" && value !== null) for (const item of Object.values(value)) referencedNames(item, into);
  return into;
}

export type AttributeLookup = (name: string, attribute: string) => string | undefined;

/** Replaces references with their values; `undefined` when some referenced value is not known yet. */
export function resolveValue(value: DesiredValue, lookup: AttributeLookup): JsonValue | undefined {
  if (isReference(value)) {
    const found = lookup(value.$ref, value.attribute);
    if (found === undefined) return value.fallback;
    if (value.format !== undefined) return value.format.replace("{}", found);
    return value.asNumber ? Number(found) : found;
  }
  if (Array.isArray(value)) {
    const items: JsonValue[] = [];
    for (const item of value) {
      const resolved = resolveValue(item, lookup);
      if (resolved === undefined) return undefined;
      items.push(resolved);
    }
    return items;
  }
  if (typeof value === "object" && value !== null) {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) {
      const resolved = resolveValue(item as DesiredValue, lookup);
      if (resolved === undefined) return undefined;
      out[key] = resolved;
    }
    return out;
  }
  return value;
}

/** Structural equality, insensitive to object key order. */
export function deepEqual(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
    const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
    if (keysA.length !== keysB.length) return false;
    return keysA.every((key) => deepEqual(a[key], b[key]));
  }
  return false;
}

/** A stable, key-sorted JSON text: used to sort sets and to render values. */
export function canonicalJson(value: JsonValue | undefined): string {
  if (value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Sorts and de-duplicates a list that AWS treats as a set. */
export function normalizeSet<T extends JsonValue>(items: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const item of items) seen.set(canonicalJson(item), item);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, item]) => item);
}
