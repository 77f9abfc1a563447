import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { renderControllerPolicy } from "../../src/kinds/registries.ts";
import { renderServices } from "../../src/kinds/services-render.ts";
import { renderCrd, renderTypes, renderValidator } from "../../src/spec/generate.ts";
import { deref, gameEnvironmentSchema, type SchemaNode } from "../../src/spec/schema.ts";

const root = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(root, path), "utf8");

describe("files generated from the schema", () => {
  it("src/spec/types.generated.ts is up to date (run npm run gen:types)", async () => {
    expect(read("src/spec/types.generated.ts")).toBe(await renderTypes());
  });

  it("the committed CRD is up to date (run npm run gen:crd)", () => {
    expect(read("manifests/crds/gameenvironments.gamectl.dev.yaml")).toBe(renderCrd());
  });

  it("the precompiled validator is up to date (run npm run gen)", () => {
    expect(read("src/spec/validator.generated.js")).toBe(renderValidator());
  });

  it("the controller's IAM policy is up to date with the kinds' permissions (run npm run gen)", () => {
    expect(read("manifests/controller/iam-policy.json")).toBe(renderControllerPolicy());
  });

  it("the list of AWS services is up to date with src/kinds/<service>/service.ts (run npm run gen)", async () => {
    expect(read("src/kinds/services.generated.ts")).toBe(await renderServices());
  });

  it("the types export the names other modules import", () => {
    const types = read("src/spec/types.generated.ts");
    for (const name of ["GameEnvironment", "GameEnvironmentSpec", "GameEnvironmentStatus", "EnvironmentOutputs", "TableSpec", "RedisSpec", "LoadBalancerSpec"]) {
      expect(types).toMatch(new RegExp(`export interface ${name} \\{`));
    }
  });
});

describe("the schema", () => {
  it("describes every field", () => {
    const missing: string[] = [];
    const walk = (raw: SchemaNode, path: string, seen: Set<SchemaNode>) => {
      const node = deref(raw);
      if (seen.has(node)) return;
      const nextSeen = new Set(seen).add(node);
      for (const [name, child] of Object.entries(node.properties ?? {})) {
        const described = child.description ?? deref(child).description;
        if (!described) missing.push(`${path}.${name}`);
        walk(child, `${path}.${name}`, nextSeen);
      }
      if (node.items) walk(node.items, `${path}[]`, nextSeen);
      if (node.additionalProperties && typeof node.additionalProperties === "object") walk(node.additionalProperties, `${path}{}`, nextSeen);
    };
    walk(gameEnvironmentSchema, "", new Set());
    expect(missing).toEqual([]);
  });
});

describe("the CRD", () => {
  const crd = parse(read("manifests/crds/gameenvironments.gamectl.dev.yaml")) as { spec: unknown };
  const spec = crd.spec as {
    names: Record<string, unknown>;
    versions: Array<{ subresources: unknown; additionalPrinterColumns: Array<{ name: string; jsonPath: string }>; schema: { openAPIV3Schema: unknown } }>;
  };
  const version = spec.versions[0]!;

  it("reads the same as YAML 1.1 (kubectl) and YAML 1.2: no unquoted N, yes, on...", () => {
    const text = read("manifests/crds/gameenvironments.gamectl.dev.yaml");
    expect(parse(text, { version: "1.1" })).toEqual(parse(text));
  });

  it("has the short name, category, status subresource and printer columns", () => {
    expect(spec.names.shortNames).toEqual(["genv"]);
    expect(spec.names.categories).toEqual(["games"]);
    expect(version.subresources).toEqual({ status: {} });
    expect(version.additionalPrinterColumns.map((column) => column.name)).toEqual(["Ready", "Synced", "Phase", "Redis", "Load-Balancer", "Age"]);
    expect(version.additionalPrinterColumns.find((column) => column.name === "Redis")?.jsonPath).toBe(".status.outputs.redis.primaryEndpoint");
    expect(version.additionalPrinterColumns.find((column) => column.name === "Load-Balancer")?.jsonPath).toBe(".status.outputs.loadBalancer.dnsName");
  });

  it("is structural: no references, combinators or keywords the API server rejects", () => {
    const forbidden = ["$ref", "$defs", "const", "uniqueItems", "propertyNames", "oneOf", "anyOf", "allOf", "not", "title", "if", "then", "x-error", "x-gamectl-resolved"];
    const found: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (Array.isArray(node)) return node.forEach((item, index) => walk(item, `${path}[${index}]`));
      if (!node || typeof node !== "object") return;
      for (const [key, value] of Object.entries(node)) {
        if (key === "properties") {
          for (const [name, child] of Object.entries(value as object)) walk(child, `${path}.${name}`);
          continue;
        }
        if (forbidden.includes(key)) found.push(`${path}: ${key}`);
        if (key !== "default" && key !== "enum" && key !== "x-kubernetes-validations") walk(value, path);
      }
      const typed = node as Record<string, unknown>;
      if (!("type" in typed) && !("x-kubernetes-preserve-unknown-fields" in typed) && !("x-kubernetes-int-or-string" in typed)) found.push(`${path}: no type`);
    };
    walk(version.schema.openAPIV3Schema, "");
    expect(found).toEqual([]);
  });
});
