// Bounded inputs (issue #13, defect 8 and the __proto__ part of 9): a hostile manifest file must cost bounded time and
// memory, fail with an error that names the limit, the file and the line, and never hide the other files' environments.
// The big hostile inputs are generated here at run time (1 MiB each) rather than committed; the small fixtures that
// cross each limit by one live in test/fixtures/invalid/ and are checked by the invalid-corpus test.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { formatManifestError } from "../../src/spec/errors.ts";
import { loadManifests, loadManifestText, MAX_MANIFEST_BYTES, validateObject } from "../../src/spec/load.ts";

const root = join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "gamectl-limits-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const minimal = `apiVersion: gamectl.dev/v1alpha1
kind: GameEnvironment
metadata: {name: tiny}
spec:
  region: us-east-1
  network: {vpcId: vpc-0a1b2c3d4e5f60718, privateSubnetIds: [subnet-0a1b2c3d4e5f60001]}
`;

/** Repeats `unit` until the text is just under the 1 MiB file limit, so the size check alone lets it through. */
function fill(unit: (i: number) => string, head = "", tail = ""): string {
  const parts = [head];
  let size = head.length + tail.length;
  for (let i = 0; ; i++) {
    const next = unit(i);
    if (size + next.length > MAX_MANIFEST_BYTES - 16) break;
    parts.push(next);
    size += next.length;
  }
  parts.push(tail);
  return parts.join("");
}

function writeScratch(name: string, text: string): string {
  const file = join(scratch, name);
  writeFileSync(file, text);
  return file;
}

describe("hostile files of 1 MiB are refused with the limit they cross", () => {
  it("100k tiny documents: one error naming the documents limit, no RangeError", async () => {
    const file = writeScratch("documents.yaml", "---\nx: 1\n".repeat(100_000));
    const result = await loadManifests([file]);
    expect(result.environments).toEqual([]);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    // Document 1001 starts on line 2001: each document is two lines.
    expect(error).toMatchObject({ file, line: 2001, col: 1, path: "(file)" });
    expect(error!.message).toMatch(/more than 1000 documents/);
    expect(error!.hint).toMatch(/split/);
  });

  it("75k keys in one mapping: an error naming the keys-per-mapping limit at the first key past it", async () => {
    const head = "apiVersion: gamectl.dev/v1alpha1\nkind: GameEnvironment\nmetadata:\n  name: keys\n  labels:\n";
    const file = writeScratch("keys.yaml", fill((i) => `    k${i}: x\n`, head));
    const result = await loadManifests([file]);
    expect(result.environments).toEqual([]);
    const limit = result.errors.find((error) => /keys/.test(error.message));
    expect(limit, JSON.stringify(result.errors.slice(0, 3))).toBeDefined();
    expect(limit!.message).toMatch(/more than 1000 keys/);
    // Refused before parsing, so no field path: the 1001st key, k1000, is on line 6 + 1000.
    expect(limit).toMatchObject({ file, line: 1006, col: 5, path: "(file)" });
    // Capped: never one error per key.
    expect(result.errors.length).toBeLessThan(10);
  });

  it("nested flow lists: an error naming the depth limit at the first bracket past it", async () => {
    const depth = Math.floor((MAX_MANIFEST_BYTES - 16) / 2);
    const file = writeScratch("flow-depth.yaml", `${"[".repeat(depth)}${"]".repeat(depth)}\n`);
    const result = await loadManifests([file]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 1, col: 65, path: "(file)" });
    expect(result.errors[0]!.message).toMatch(/nested deeper than 64 levels/);
  });

  it("nested block lists: the same depth limit", async () => {
    const file = writeScratch("block-depth.yaml", fill(() => "- ", "", "x\n"));
    const result = await loadManifests([file]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 1, col: 129, path: "(file)" });
    expect(result.errors[0]!.message).toMatch(/nested deeper than 64 levels/);
  });

  it("nested block mappings: the same depth limit", async () => {
    const file = writeScratch("map-depth.yaml", Array.from({ length: 200 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " x\n");
    const result = await loadManifests([file]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 65, col: 65, path: "(file)" });
  });

  it("a flat list of 500k values: an error naming the per-document node limit", async () => {
    const file = writeScratch("nodes.yaml", fill(() => "0,", "[", "0]\n"));
    const result = await loadManifests([file]);
    expect(result.errors).toHaveLength(1);
    // "[" is node 1, then "0" and "," alternate: node 10,001 is the "0" at column 10,001.
    expect(result.errors[0]).toMatchObject({ line: 1, col: 10_001, path: "(file)" });
    expect(result.errors[0]!.message).toMatch(/more than 10000 YAML nodes .* in one document/);
  });

  it("documents of 9,000 nodes each: an error naming the per-file node limit", async () => {
    const file = writeScratch("file-nodes.yaml", fill(() => `---\n[${"0,".repeat(4_500)}0]\n`));
    const result = await loadManifests([file]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ path: "(file)" });
    expect(result.errors[0]!.message).toMatch(/more than 150000 YAML nodes .* in one file/);
    expect(result.errors[0]!.hint).toMatch(/split/);
  });

  it("ordinary manifests filling 1 MiB still load", async () => {
    const prod = readFileSync(join(root, "manifests", "examples", "prod.yaml"), "utf8");
    const text = fill((i) => `---\n${prod.replace("name: arena-prod", `name: arena-${i}`)}`);
    const result = await loadManifests([writeScratch("ordinary.yaml", text)]);
    expect(result.errors).toEqual([]);
    // Every manifest in the file loads, however many of the example fit in 1 MiB.
    expect(result.environments.length).toBe(text.split(/^---$/m).length - 1);
    expect(result.environments.length).toBeGreaterThan(200);
  });

  it("every limit error is one file:line:col: path: message (hint) line", async () => {
    const result = await loadManifests([writeScratch("lines.yaml", "---\n".repeat(1_001))]);
    expect(formatManifestError(result.errors[0]!)).toMatch(/^\S+lines\.yaml:1001:1: \(file\): .+ \(.+\)$/);
  });
});

describe("at each limit exactly", () => {
  // The fixtures in test/fixtures/invalid/ cross each limit by one; one unit less must pass the limit.
  const fixture = (name: string) => readFileSync(join(root, "test", "fixtures", "invalid", name), "utf8");

  it("1,000 documents, 1,000 keys, 64 levels and 10,000 nodes in a document are accepted", () => {
    const documents = loadManifestText(fixture("too-many-documents.yaml").replace("---\n", ""), "documents.yaml");
    expect(documents.errors).toEqual([]);
    const keys = loadManifestText(fixture("too-many-keys.yaml").replace("    label-1000: x\n", ""), "keys.yaml");
    expect(keys.errors).toEqual([]);
    expect(keys.environments).toHaveLength(1);
    const depth = loadManifestText(fixture("too-deep.yaml").replace("[[", "[").replace("]]", "]"), "deep.yaml");
    // Past the depth limit, only the schema objects: a label must be a string.
    expect(depth.errors.map((error) => `${error.line}:${error.col} ${error.path}`)).toEqual(["8:11 metadata.labels.deep"]);
    // The document has 10,034 nodes (5,000 values, their commas and brackets, 34 others): 20 values fewer pass.
    const nodes = loadManifestText(fixture("too-many-nodes.yaml").replace(`[${"0,".repeat(21)}`, "[0,"), "nodes.yaml");
    expect(nodes.errors.map((error) => `${error.line}:${error.col} ${error.path}`)).toEqual(["8:10 metadata.labels.big"]);
  });
});

describe("duplicate keys", () => {
  it("are still reported, at the later key, in flow and block mappings and with quoted spellings", () => {
    const block = loadManifestText(`${minimal}  region: us-west-2\n`, "dup.yaml");
    expect(block.errors.map((error) => `${error.line}:${error.col} ${error.path} ${error.message}`)).toEqual(['7:3 spec.region duplicate key "region"']);
    expect(block.invalidKeys).toEqual(["default/tiny"]);
    const flow = loadManifestText(minimal.replace("metadata: {name: tiny}", "metadata: {name: tiny, \"name\": other}"), "dup.yaml");
    expect(flow.errors.map((error) => `${error.line}:${error.col} ${error.path} ${error.message}`)).toEqual(['3:24 metadata.name duplicate key "name"']);
  });

  it("the same key in two different mappings is no duplicate", () => {
    const result = loadManifestText(minimal.replace("metadata: {name: tiny}", "metadata: {name: tiny, labels: {name: x}}"), "ok.yaml");
    expect(result.errors).toEqual([]);
  });
});

describe("__proto__ as a key", () => {
  const withTag = minimal.replace("  region: us-east-1\n", "  region: us-east-1\n  tags:\n    team: arena\n    __proto__: x\n");

  it("is refused in tags, with the line and the fix, instead of validating and drifting forever", () => {
    const result = loadManifestText(withTag, "proto.yaml");
    expect(result.environments).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 8, col: 5, path: "spec.tags.__proto__" });
    expect(result.errors[0]!.message).toMatch(/__proto__/);
    expect(result.errors[0]!.hint).toMatch(/rename/);
    expect(result.invalidKeys).toEqual(["default/tiny"]);
  });

  it("is refused in labels and annotations, and in objects read from the Kubernetes API", () => {
    const labels = loadManifestText(minimal.replace("metadata: {name: tiny}", "metadata: {name: tiny, annotations: {__proto__: x}}"), "proto.yaml");
    expect(labels.errors.map((error) => error.path)).toEqual(["metadata.annotations.__proto__"]);
    const fromApi = validateObject(JSON.parse('{"apiVersion":"gamectl.dev/v1alpha1","kind":"GameEnvironment","metadata":{"name":"x"},"spec":{"region":"us-east-1","tags":{"__proto__":"x"},"network":{"vpcId":"vpc-0a1b2c3d4e5f60718","privateSubnetIds":["subnet-0a1b2c3d4e5f60001"]}}}'), "genv x");
    expect(fromApi.environments).toEqual([]);
    expect(fromApi.errors.map((error) => error.path)).toEqual(["spec.tags.__proto__"]);
  });
});

describe("aliases", () => {
  it("a recursive alias is reported, not followed forever", () => {
    const result = loadManifestText(minimal.replace("metadata: {name: tiny}", "metadata: &m {name: tiny, labels: {a: *m}}"), "cycle.yaml");
    expect(result.errors.map((error) => `${error.line}:${error.col} ${error.path}`)).toEqual(["3:39 metadata.labels.a"]);
  });
});

describe("error output stays bounded", () => {
  it("a document with thousands of problems reports at most 100 of them and says how many more", () => {
    const keys = Array.from({ length: 900 }, (_, i) => `  unknown${i}: 1\n`).join("");
    const result = loadManifestText(`${minimal}${keys}`, "many-errors.yaml");
    expect(result.errors.length).toBeLessThanOrEqual(101);
    expect(result.errors.at(-1)!.message).toMatch(/and \d+ more errors/);
    expect(result.invalidKeys).toEqual(["default/tiny"]);
  });
});
