import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formatManifestError } from "../../src/spec/errors.ts";
import { loadManifests } from "../../src/spec/load.ts";

// Each fixture states the errors it must produce in leading "# expect: LINE:COL FIELD.PATH" comments.
const corpus = join(import.meta.dirname, "..", "fixtures", "invalid");
const fixtures = readdirSync(corpus).filter((name) => name.endsWith(".yaml")).sort();

function expectations(file: string): string[] {
  // latin1 keeps the non-UTF-8 fixture readable; the expectations themselves are ASCII.
  const text = readFileSync(file, "latin1");
  return [...text.matchAll(/^# expect: (\d+:\d+ \S+)$/gm)].map((match) => match[1] ?? "");
}

describe("the invalid-manifest corpus", () => {
  it("has at least 30 manifests, each with at least one expectation", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(30);
    for (const name of fixtures) expect(expectations(join(corpus, name)), name).not.toHaveLength(0);
  });

  it.each(fixtures)("%s: exactly the expected errors, at the expected line:col and field path", async (name) => {
    const file = join(corpus, name);
    const result = await loadManifests([file]);
    const actual = result.errors.map((error) => `${error.line}:${error.col} ${error.path}`).sort();
    expect(actual).toEqual(expectations(file).sort());
    for (const error of result.errors) {
      expect(formatManifestError(error)).toMatch(/^\S+:\d+:\d+: \S+: \S.*$/);
      expect(error.message).not.toMatch(/undefined|\[object Object\]/);
    }
  });

  it("loads the valid first document of a file whose second document is invalid", async () => {
    const result = await loadManifests([join(corpus, "second-document-invalid.yaml")]);
    expect(result.environments.map((environment) => environment.key)).toEqual(["default/fixture"]);
    expect(result.invalidKeys).toEqual(["default/fixture-2"]);
  });

  it("names the fix: did-you-mean for typos, the accepted form for bad values", async () => {
    const typo = await loadManifests([join(corpus, "unknown-field-typo.yaml")]);
    expect(typo.errors[0]?.hint).toBe('did you mean "nodeType"?');
    const node = await loadManifests([join(corpus, "invalid-node-type.yaml")]);
    expect(formatManifestError(node.errors[0]!)).toBe(
      `${join(corpus, "invalid-node-type.yaml")}:13:15: spec.redis.nodeType: "cache.t3.huge" is not a valid node type (e.g. cache.t4g.small)`,
    );
    const unquoted = await loadManifests([join(corpus, "engine-version-unquoted.yaml")]);
    expect(unquoted.errors[0]?.hint).toBe('quote it: "7.1"');
  });
});
