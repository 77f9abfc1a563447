import type { ErrorObject, ValidateFunction } from "ajv";
import { didYouMean, type FieldPath } from "./errors.ts";
import { deref, type SchemaNode } from "./schema.ts";
import { validate as generatedValidate } from "./validator.generated.js";

/** A problem found in a manifest, before it is given a file position. */
export interface Issue {
  readonly path: FieldPath;
  readonly message: string;
  readonly hint?: string;
  /** Point at the key (an unknown or misspelled field) rather than at its value. */
  readonly at?: "key" | "value";
}

// Compiled at build time (npm run gen; a test fails when it is stale): no schema compilation at startup. It is plain
// JavaScript, so Node loads it without type stripping: as a 6,000-line .ts file it cost every gamectl start 0.13 s.
const validator: ValidateFunction = generatedValidate;

/** Validates a manifest against the schema, filling in every default in place, and returns its issues. */
export function validateAgainstSchema(manifest: unknown): Issue[] {
  if (validator(manifest)) return [];
  const issues: Issue[] = [];
  for (const error of validator.errors ?? []) {
    const issue = describeError(error);
    if (issue) issues.push(issue);
  }
  return issues;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => {
      const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^\d+$/.test(segment) ? Number(segment) : segment;
    });
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

const typeNames: Record<string, string> = { object: "a mapping", array: "a list", string: "a string", integer: "an integer", number: "a number", boolean: "true or false" };

function firstSentence(text: string | undefined): string | undefined {
  if (!text) return undefined;
  // "e.g." and "i.e." do not end a sentence.
  const match = /^(.*?(?<!\be\.g|\bi\.e)[.:])(\s|$)/.exec(text);
  return (match?.[1] ?? text).replace(/[.:]$/, "");
}

function propertySchema(parent: SchemaNode, name: string): SchemaNode | undefined {
  const child = deref(parent).properties?.[name];
  return child ? deref(child) : undefined;
}

function describeError(error: ErrorObject): Issue | undefined {
  const path = pointerToPath(error.instancePath);
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  const data: unknown = error.data;
  const params = error.params as Record<string, unknown>;
  // propertyNames reports once for the map and once for the failing name; keep the one naming the key.
  if (error.schemaPath.includes("/propertyNames/")) return undefined;
  switch (error.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      const child = propertySchema(schema, missing);
      return { path: [...path, missing], message: "required field is missing", hint: firstSentence(child?.description) };
    }
    case "additionalProperties": {
      const unknown = String(params.additionalProperty);
      const known = Object.keys(deref(schema).properties ?? {});
      const guess = didYouMean(unknown, known);
      const hint = guess ? `did you mean "${guess}"?` : known.length ? `known fields: ${known.join(", ")}` : undefined;
      return { path: [...path, unknown], message: `unknown field "${unknown}"`, hint, at: "key" };
    }
    case "propertyNames":
      return { path: [...path, String(params.propertyName)], message: `invalid key "${String(params.propertyName)}"`, hint: "use lowercase letters, digits and '-'", at: "key" };
    case "type": {
      const expected = String(params.type);
      const message = `must be ${typeNames[expected] ?? expected}, not ${describeValue(data)}`;
      const hint = expected === "string" && (typeof data === "number" || typeof data === "boolean") ? `quote it: "${String(data)}"` : undefined;
      return { path, message, hint };
    }
    case "const": {
      const allowed = String(params.allowedValue);
      return { path, message: `${JSON.stringify(data)} is not supported`, hint: `use ${allowed}` };
    }
    case "enum": {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof data === "string" ? didYouMean(data, allowed) : undefined;
      return { path, message: `${JSON.stringify(data)} is not one of ${allowed.join(", ")}`, hint: guess ? `did you mean "${guess}"?` : undefined };
    }
    case "pattern": {
      const expected = schema["x-error"];
      return typeof expected === "string"
        ? { path, message: `${JSON.stringify(data)} is not ${expected.split(" such as ")[0]}`, hint: expected.includes(" such as ") ? `e.g. ${expected.split(" such as ")[1]}` : undefined }
        : { path, message: `${JSON.stringify(data)} does not match ${String(params.pattern)}` };
    }
    case "format":
      return { path, message: `${JSON.stringify(data)} is not a valid ${String(params.format)}`, hint: params.format === "date-time" ? "e.g. 2026-01-31T12:00:00Z" : undefined };
    case "minimum":
    case "maximum":
    case "exclusiveMinimum":
    case "exclusiveMaximum": {
      const range = rangeText(schema);
      return { path, message: `${String(data)} is out of range${range ? ` (${range})` : ""}` };
    }
    case "minLength":
      return { path, message: `must be at least ${String(params.limit)} characters long` };
    case "maxLength":
      return { path, message: `must be at most ${String(params.limit)} characters long (it has ${typeof data === "string" ? data.length : "more"})` };
    case "minItems":
      return { path, message: `must have at least ${String(params.limit)} item${params.limit === 1 ? "" : "s"}` };
    case "maxItems":
      return { path, message: `must have at most ${String(params.limit)} items (it has ${Array.isArray(data) ? data.length : "more"})` };
    case "maxProperties":
      return { path, message: `must have at most ${String(params.limit)} entries` };
    case "minProperties":
      return { path, message: `must have at least ${String(params.limit)} entries` };
    case "uniqueItems": {
      const later = Number(params.i);
      const earlier = Number(params.j);
      const value = Array.isArray(data) ? data[later] : undefined;
      return { path: [...path, later], message: `duplicate entry ${JSON.stringify(value)} (same as item ${earlier})`, hint: "remove one of them" };
    }
    default:
      return { path, message: error.message ?? `failed ${error.keyword}` };
  }
}

function rangeText(schema: SchemaNode): string {
  const low = typeof schema.minimum === "number" ? schema.minimum : undefined;
  const high = typeof schema.maximum === "number" ? schema.maximum : undefined;
  if (low !== undefined && high !== undefined) return `${low} to ${high}`;
  if (low !== undefined) return `at least ${low}`;
  if (high !== undefined) return `at most ${high}`;
  return "";
}
