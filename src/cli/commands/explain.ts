import { parseArgs } from "node:util";
import { didYouMean } from "../../spec/errors.ts";
import { deref, gameEnvironmentSchema, GROUP, KIND, VERSION, type SchemaNode } from "../../spec/schema.ts";
import type { Command } from "../main.ts";

const help = `Usage: gamectl explain gameenvironment[.FIELD.PATH] [--recursive]

Describes the fields of a GameEnvironment, like kubectl explain: types, defaults and descriptions,
all from the schema. Examples:
  gamectl explain genv.spec
  gamectl explain gameenvironment.spec.redis
  gamectl explain genv.spec.dynamodb.tables.globalSecondaryIndexes --recursive
`;

const resourceNames = new Set(["gameenvironment", "gameenvironments", "genv"]);

function typeLabel(raw: SchemaNode): string {
  const node = deref(raw);
  if (node.type === "array") return `[]${node.items ? typeLabel(node.items) : "Object"}`;
  if (node.type === "object") {
    if (!node.properties && node.additionalProperties && typeof node.additionalProperties === "object") return `map[string]${typeLabel(node.additionalProperties)}`;
    return "Object";
  }
  return node.type ?? "Object";
}

function wrap(text: string, indent: string, width = 100): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** The node whose fields are listed: an array's items, a map's values, or the node itself. */
function container(raw: SchemaNode): SchemaNode {
  const node = deref(raw);
  if (node.type === "array" && node.items) return container(node.items);
  if (node.type === "object" && !node.properties && node.additionalProperties && typeof node.additionalProperties === "object") return container(node.additionalProperties);
  return node;
}

function details(raw: SchemaNode, indent: string): string[] {
  const node = deref(raw);
  const lines = wrap(node.description ?? "<no description>", indent);
  const items = node.type === "array" && node.items ? deref(node.items) : undefined;
  const choices = node.enum ?? items?.enum ?? (node.const !== undefined ? [node.const] : undefined);
  if (choices) lines.push(`${indent}Allowed: ${choices.map(String).join(", ")}`);
  if (node.default !== undefined) lines.push(`${indent}Default: ${JSON.stringify(node.default)}`);
  return lines;
}

function fieldLines(node: SchemaNode, recursive: boolean, depth: number, out: string[]): void {
  const parent = container(node);
  const required = new Set(parent.required ?? []);
  for (const [name, child] of Object.entries(parent.properties ?? {})) {
    const pad = "  ".repeat(depth + 1);
    out.push(`${pad}${name}\t<${typeLabel(child)}>${required.has(name) ? " -required-" : ""}`);
    if (recursive) {
      if (container(child).properties) fieldLines(child, true, depth + 1, out);
    } else {
      out.push(...details(child, `${pad}  `), "");
    }
  }
}

export function explain(path: string, recursive: boolean): { text: string } | { error: string } {
  const [resource = "", ...fields] = path.split(".").filter((segment) => segment.length > 0);
  if (!resourceNames.has(resource.toLowerCase())) {
    return { error: `the server doesn't have a resource type "${resource}"; use gameenvironment (or genv)` };
  }
  let node: SchemaNode = gameEnvironmentSchema;
  const walked: string[] = [];
  for (const field of fields) {
    const parent = container(node);
    const child = parent.properties?.[field];
    if (!child) {
      const known = Object.keys(parent.properties ?? {});
      const guess = didYouMean(field, known);
      const where = walked.length ? `${resource}.${walked.join(".")}` : resource;
      return { error: `field "${field}" does not exist in ${where}${guess ? `; did you mean "${guess}"?` : known.length ? `; fields: ${known.join(", ")}` : ""}` };
    }
    walked.push(field);
    node = child;
  }
  const out = [`GROUP:      ${GROUP}`, `KIND:       ${KIND}`, `VERSION:    ${VERSION}`, ""];
  if (fields.length > 0) out.push(`FIELD: ${fields[fields.length - 1]} <${typeLabel(node)}>`, "");
  out.push("DESCRIPTION:", ...details(node, "    "), "");
  if (container(node).properties) {
    out.push("FIELDS:");
    fieldLines(node, recursive, 0, out);
  }
  return { text: `${out.join("\n").trimEnd()}\n` };
}

export const command: Command = {
  summary: "Describe GameEnvironment fields: types, defaults and descriptions",
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: { recursive: { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
    } catch (error) {
      process.stderr.write(`error: ${(error as Error).message}\n\n${help}`);
      return 1;
    }
    if (parsed.values.help) {
      process.stdout.write(help);
      return 0;
    }
    const [path, ...extra] = parsed.positionals;
    if (!path || extra.length > 0) {
      process.stderr.write(`error: give exactly one field path, e.g. gameenvironment.spec.redis\n\n${help}`);
      return 1;
    }
    const result = explain(path, parsed.values.recursive ?? false);
    if ("error" in result) {
      process.stderr.write(`error: ${result.error}\n`);
      return 1;
    }
    process.stdout.write(result.text);
    return 0;
  },
};
