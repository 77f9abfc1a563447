import type { JsonValue } from "./types.ts";
import { canonicalJson } from "./values.ts";

type JsonObject = { [key: string]: JsonValue };

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** IAM accepts a string or a list wherever it accepts a list; compare them the same way. */
function asSortedList(value: JsonValue | undefined): JsonValue[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(list.map((item) => (typeof item === "string" ? item : canonicalJson(item))))].sort();
}

const listKeys = new Set(["Action", "NotAction", "Resource", "NotResource"]);

function normalizePrincipal(principal: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(principal)) return principal;
  const out: JsonObject = {};
  for (const key of Object.keys(principal).sort()) out[key] = asSortedList(principal[key]);
  return out;
}

function normalizeCondition(condition: JsonValue | undefined): JsonValue | undefined {
  if (!isObject(condition)) return condition;
  const out: JsonObject = {};
  for (const operator of Object.keys(condition).sort()) {
    const clauses = condition[operator];
    if (!isObject(clauses)) continue;
    const normalized: JsonObject = {};
    for (const key of Object.keys(clauses).sort()) normalized[key] = asSortedList(clauses[key]);
    out[operator] = normalized;
  }
  return out;
}

function normalizeStatement(statement: JsonValue): JsonValue {
  if (!isObject(statement)) return statement;
  const out: JsonObject = {};
  for (const key of Object.keys(statement).sort()) {
    const value = statement[key];
    if (value === undefined) continue;
    if (listKeys.has(key)) out[key] = asSortedList(value).map((v) => (key.endsWith("Action") && typeof v === "string" ? v.toLowerCase() : v));
    else if (key === "Principal" || key === "NotPrincipal") out[key] = normalizePrincipal(value) ?? null;
    else if (key === "Condition") out[key] = normalizeCondition(value) ?? null;
    else if (key === "Sid") continue;
    else out[key] = value;
  }
  return out;
}

/**
 * An IAM policy in a canonical form: statement order, list order, string-vs-list, action case,
 * and statement ids do not count as differences.
 */
export function normalizePolicy(document: JsonValue): JsonValue {
  let doc = document;
  if (typeof doc === "string") {
    try {
      doc = JSON.parse(decodeURIComponent(doc)) as JsonValue;
    } catch {
      return document;
    }
  }
  if (!isObject(doc)) return doc;
  const statements = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement === undefined ? [] : [doc.Statement];
  const normalized = statements.map(normalizeStatement).sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  return { Version: doc.Version ?? "2012-10-17", Statement: normalized };
}
