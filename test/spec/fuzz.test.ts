import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatManifestError } from "../../src/spec/errors.ts";
import { loadManifestText, validateObject } from "../../src/spec/load.ts";

const prod = readFileSync(join(import.meta.dirname, "..", "..", "manifests", "examples", "prod.yaml"), "utf8");

/** A small deterministic PRNG, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const replacements = ["", "~", "[]", "{}", "-1", "0", "99999999999", "true", '"x"', "&a x", "*a", "!!binary AAAA", "? x", "|\n  text", "null", "0.0.0.0/0", "{a: [b, {c: d}]}"];

function mutate(text: string, next: () => number): string {
  const lines = text.split("\n");
  const pick = () => Math.floor(next() * lines.length);
  const operations = 1 + Math.floor(next() * 3);
  for (let i = 0; i < operations; i++) {
    const index = pick();
    const line = lines[index] ?? "";
    switch (Math.floor(next() * 6)) {
      case 0: lines.splice(index, 1); break;
      case 1: lines.splice(index, 0, line); break;
      case 2: lines[index] = line.replace(/:\s.*$/, `: ${replacements[Math.floor(next() * replacements.length)]}`); break;
      case 3: lines[index] = line.slice(0, Math.floor(next() * line.length)); break;
      case 4: lines[index] = ` ${line}`; break;
      default: lines[index] = line.replace(/[a-z]/, (c) => c.toUpperCase());
    }
  }
  return lines.join("\n");
}

describe("bad input never crashes the loader", () => {
  it("1,000 random mutations of prod.yaml each load or fail with well-formed errors", () => {
    const next = random(20261123);
    let failures = 0;
    for (let round = 0; round < 1000; round++) {
      const text = mutate(prod, next);
      let result;
      try {
        result = loadManifestText(text, "fuzz.yaml");
      } catch (error) {
        throw new Error(`round ${round} threw ${String(error)} for:\n${text}`, { cause: error });
      }
      if (result.errors.length > 0) failures++;
      for (const error of result.errors) {
        expect(formatManifestError(error), `round ${round}`).toMatch(/^fuzz\.yaml:\d+:\d+: \S.*?: \S/);
        expect(error.line, `round ${round}`).toBeGreaterThan(0);
      }
    }
    // Most mutations must be caught; a test that never fails proves nothing.
    expect(failures).toBeGreaterThan(500);
  });

  it("validateObject survives any JSON shape", () => {
    const next = random(7);
    const shapes: unknown[] = [undefined, null, 0, "x", [], {}, { spec: [] }, { spec: null }, { metadata: "x", spec: {} }, { apiVersion: 1, kind: [], metadata: { name: 5 }, spec: { network: { privateSubnetIds: "subnet" } } }];
    for (let i = 0; i < 200; i++) shapes.push({ apiVersion: "gamectl.dev/v1alpha1", kind: "GameEnvironment", metadata: { name: "x" }, spec: { region: next() > 0.5 ? "us-east-1" : 3, network: next() > 0.5 ? {} : null, redis: next() > 0.5 ? { shards: "two", parameters: [] } : [], dynamodb: { tables: next() > 0.5 ? [{ globalSecondaryIndexes: {} }] : "t" } } });
    for (const shape of shapes) {
      const result = validateObject(shape, "api");
      expect(result.environments.length + result.errors.length).toBeGreaterThan(0);
    }
  });
});
