import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { compile, type JSONSchema } from "json-schema-to-typescript";
import { stringify } from "yaml";
import { deref, gameEnvironmentSchema, GROUP, KIND, VERSION, type SchemaNode } from "./schema.ts";

const TYPES_BANNER = [
  "// Generated from schemas/gameenvironment.schema.json by `npm run gen:types`. Do not edit: edit the schema and regenerate.",
  "// These are the types of a manifest *after loading*: every field with a default, and every field the loader",
  "// resolves (x-gamectl-resolved), is required here because src/spec/load.ts always fills it in.",
].join("\n");

type Mutable = Record<string, unknown>;

function isObject(value: unknown): value is Mutable {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Marks every property that has a default (or that the loader resolves) as required, so the types describe loaded manifests. */
function requireDefaulted(node: unknown, root: SchemaNode): void {
  if (Array.isArray(node)) {
    for (const item of node) requireDefaulted(item, root);
    return;
  }
  if (!isObject(node)) return;
  const properties = node.properties;
  if (isObject(properties)) {
    const required = new Set<string>(Array.isArray(node.required) ? (node.required as string[]) : []);
    for (const [name, property] of Object.entries(properties)) {
      if (!isObject(property)) continue;
      const target = deref(property as SchemaNode, root);
      if (property.default !== undefined || target.default !== undefined || property["x-gamectl-resolved"] === true) required.add(name);
    }
    if (required.size > 0) node.required = [...required];
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== "default" && key !== "enum" && key !== "const") requireDefaulted(value, root);
  }
}

/**
 * A `$ref` with siblings (a property's own description or default) makes the generator emit a numbered copy of the
 * target type (KeyAttribute1, ...). Naming the titled target with tsType keeps one type per definition.
 */
function nameReferencedTypes(node: unknown, root: SchemaNode): void {
  if (Array.isArray(node)) {
    for (const item of node) nameReferencedTypes(item, root);
    return;
  }
  if (!isObject(node)) return;
  if (typeof node.$ref === "string" && Object.keys(node).length > 1) {
    const target = deref({ $ref: node.$ref }, root);
    delete node.$ref;
    if (typeof target.title === "string") node.tsType = target.title;
    else for (const [key, value] of Object.entries(target)) if (!(key in node)) node[key] = structuredClone(value);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key !== "default" && key !== "enum" && key !== "const") nameReferencedTypes(value, root);
  }
}

/** The TypeScript types of a loaded GameEnvironment, generated from the schema. */
export async function renderTypes(schema: SchemaNode = gameEnvironmentSchema): Promise<string> {
  const copy = structuredClone(schema) as Mutable;
  requireDefaulted(copy, schema);
  nameReferencedTypes(copy, schema);
  const body = await compile(copy as JSONSchema, "GameEnvironment", {
    bannerComment: TYPES_BANNER,
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: true,
    strictIndexSignatures: false,
    format: true,
    style: { printWidth: 140, singleQuote: false },
  });
  return body;
}

/** Keywords a structural CRD schema accepts unchanged (apiextensions.k8s.io/v1 JSONSchemaProps). */
const CRD_KEYWORDS = new Set([
  "type", "description", "default", "enum", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
  "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "required", "format", "nullable",
  "x-kubernetes-validations", "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-map-type",
  "x-kubernetes-preserve-unknown-fields", "x-kubernetes-int-or-string",
]);
/** Formats the API server validates; others would only produce warnings. */
const CRD_FORMATS = new Set(["date-time", "date", "int32", "int64", "uuid", "hostname", "ipv4", "ipv6", "cidr", "byte"]);

/** Converts a JSON Schema 2020-12 node into a structural OpenAPI v3 schema: references inlined, unsupported keywords mapped or dropped. */
export function toStructural(input: SchemaNode, root: SchemaNode = gameEnvironmentSchema): Mutable {
  const node = deref(input, root);
  const out: Mutable = {};
  for (const [key, value] of Object.entries(node)) {
    if (CRD_KEYWORDS.has(key)) out[key] = structuredClone(value);
  }
  if (node.const !== undefined) out.enum = [node.const];
  if (typeof out.format === "string" && !CRD_FORMATS.has(out.format)) delete out.format;
  if (node.type === "object") {
    if (node.properties) {
      out.properties = Object.fromEntries(Object.entries(node.properties).map(([name, child]) => [name, toStructural(child, root)]));
    } else if (isObject(node.additionalProperties)) {
      out.additionalProperties = toStructural(node.additionalProperties as SchemaNode, root);
    } else if (node.additionalProperties !== false) {
      out["x-kubernetes-preserve-unknown-fields"] = true;
    }
  }
  if (node.type === "array" && node.items) {
    const items = deref(node.items, root);
    out.items = toStructural(items, root);
    // uniqueItems is not allowed in a structural schema; list types give the API server the same check.
    if (node.uniqueItems === true && items.type !== "object") out["x-kubernetes-list-type"] = "set";
    else if (items.type === "object" && items.properties?.name && items.required?.includes("name")) {
      // The API server then rejects two entries with the same key. Status resources are unique per kind and name
      // (a security group and a replication group may both be "redis").
      const keys = items.properties.kind && items.required.includes("kind") ? ["kind", "name"] : ["name"];
      out["x-kubernetes-list-type"] = "map";
      out["x-kubernetes-list-map-keys"] = keys;
    }
  }
  return out;
}

const printerColumns = [
  { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status', description: "Every resource exists, matches the spec and is ready." },
  { name: "Synced", type: "string", jsonPath: '.status.conditions[?(@.type=="Synced")].status', description: "The last reconcile applied the current generation without error." },
  { name: "Phase", type: "string", jsonPath: ".status.phase", description: "Pending, Provisioning, Ready, Degraded, Deleting or Failed." },
  { name: "Redis", type: "string", jsonPath: ".status.outputs.redis.primaryEndpoint", description: "The Redis primary endpoint." },
  { name: "Load-Balancer", type: "string", jsonPath: ".status.outputs.loadBalancer.dnsName", description: "The load balancer's DNS name." },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

/** The CustomResourceDefinition object for GameEnvironment, generated from the schema. */
export function buildCrd(schema: SchemaNode = gameEnvironmentSchema): Mutable {
  const properties = schema.properties ?? {};
  const spec = properties.spec;
  const status = properties.status;
  if (!spec || !status) throw new Error("schema: spec and status are required at the root");
  const metadata = deref(properties.metadata ?? {}, schema);
  const nameSchema = metadata.properties?.name;
  const maxNameLength = typeof nameSchema?.maxLength === "number" ? nameSchema.maxLength : 63;
  const openApi: Mutable = {
    type: "object",
    description: schema.description,
    required: ["spec"],
    properties: {
      apiVersion: { type: "string", description: "APIVersion defines the versioned schema of this representation of an object." },
      kind: { type: "string", description: "Kind is a string value representing the REST resource this object represents." },
      metadata: { type: "object" },
      spec: toStructural(spec, schema),
      status: toStructural(status, schema),
    },
    "x-kubernetes-validations": [
      {
        rule: `self.metadata.name.size() <= ${maxNameLength}`,
        message: `metadata.name must be at most ${maxNameLength} characters: it prefixes every AWS resource name`,
      },
    ],
  };
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `gameenvironments.${GROUP}`, labels: { "app.kubernetes.io/name": "gamectl", "app.kubernetes.io/component": "crd" } },
    spec: {
      group: GROUP,
      scope: "Namespaced",
      names: { plural: "gameenvironments", singular: "gameenvironment", kind: KIND, listKind: `${KIND}List`, shortNames: ["genv"], categories: ["games"] },
      versions: [
        {
          name: VERSION,
          served: true,
          storage: true,
          subresources: { status: {} },
          additionalPrinterColumns: printerColumns,
          schema: { openAPIV3Schema: openApi },
        },
      ],
    },
  };
}

export function renderCrd(schema: SchemaNode = gameEnvironmentSchema): string {
  const header = "# Generated from schemas/gameenvironment.schema.json by `npm run gen:crd`. Do not edit: edit the schema and regenerate.\n";
  // kubectl and the API server read YAML 1.1: quote strings such as "N" that 1.1 would read as booleans.
  return header + stringify(buildCrd(schema), { version: "1.1", lineWidth: 0, aliasDuplicateObjects: false });
}

/** RFC 3339 timestamps, as the status section's date-time fields carry them. */
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/**
 * The schema compiled by ajv into a standalone module. Compiling at build time instead of at startup saves
 * every gamectl invocation the compilation and the import of ajv's compiler.
 */
export function renderValidator(schema: SchemaNode = gameEnvironmentSchema): string {
  const ajv = new Ajv2020({ allErrors: true, useDefaults: true, verbose: true, strict: true, strictRequired: false, code: { source: true, esm: true, lines: true } });
  for (const keyword of ["x-error", "x-gamectl-resolved", "x-kubernetes-validations"]) ajv.addKeyword({ keyword, schemaType: ["string", "boolean", "array"] });
  ajv.addFormat("date-time", DATE_TIME);
  const validate = ajv.compile(schema);
  // ajv's standalone module is CommonJS: depending on the loader its function is the default export or its .default.
  const module = standaloneCode as unknown as { default?: unknown };
  const render = (typeof module.default === "function" ? module.default : standaloneCode) as (ajv: Ajv2020, validate: ValidateFunction) => string;
  let code = render(ajv, validate);
  const runtimeImports: string[] = [];
  code = code.replace(/require\("ajv\/dist\/runtime\/([a-z0-9]+)"\)/g, (_match, helper: string) => {
    const name = `ajvRuntime_${helper}`;
    // Node hands a CommonJS module over as its exports object, bundlers (vitest) as its .default: accept both.
    if (!runtimeImports.some((line) => line.includes(name))) {
      runtimeImports.push(
        `import ${name}_module from "ajv/dist/runtime/${helper}.js";`,
        `const ${name} = { default: typeof ${name}_module === "function" ? ${name}_module : ${name}_module.default };`,
      );
    }
    return name;
  });
  if (/\brequire\(/.test(code)) throw new Error("standalone validator still calls require(); map the new runtime helper to an import");
  return [
    "/* eslint-disable */",
    "// Generated from schemas/gameenvironment.schema.json by `npm run gen` (ajv standalone). Do not edit: edit the schema and regenerate.",
    ...runtimeImports,
    code.replace(/^"use strict";/, ""),
    "",
  ].join("\n");
}
