import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LineCounter, parseAllDocuments, stringify } from "yaml";
import { parsePlainYaml } from "../../src/spec/fast-yaml.ts";
import { loadManifestText, loadManifestTextWithPositions, type LoadResult } from "../../src/spec/load.ts";

const root = join(import.meta.dirname, "..", "..");
const examples = ["prod.yaml", "dev.yaml"].map((name) => readFileSync(join(root, "manifests", "examples", name), "utf8"));

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** What the loader's slow path reads from the yaml library: each non-empty document's value and first line, or "error". */
function library(text: string): Array<{ value: unknown; line: number }> | "error" {
  const lines = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const documents = Array.isArray(parsed) ? parsed : [];
  if (documents.some((doc) => doc.errors.length > 0)) return "error";
  const out: Array<{ value: unknown; line: number }> = [];
  for (const doc of documents) {
    const value: unknown = doc.toJS({ maxAliasCount: 50 });
    if (value === null || value === undefined) continue;
    out.push({ value, line: lines.linePos(doc.contents?.range?.[0] ?? 0).line });
  }
  return out;
}

/** A value as text, telling apart what toStrictEqual would not show: -0, key order, a "constructor" key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const prototype = Object.getPrototypeOf(value) === Object.prototype ? "" : "(odd prototype)";
    return `${prototype}{${Object.keys(value).map((key) => `${JSON.stringify(key)}: ${canonical((value as Record<string, unknown>)[key])}`).join(", ")}}`;
  }
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Whenever the fast reader accepts a text, the library must read the same values and lines from it, without errors. */
function expectSameAsLibrary(text: string, label: string): boolean {
  const fast = parsePlainYaml(text);
  if (fast === undefined) return false;
  const slow = library(text);
  if (slow === "error") expect.fail(`${label}: the library rejects a text the fast reader accepted:\n${text}`);
  const show = (documents: ReadonlyArray<{ value: unknown; line: number }>) => documents.map(({ value, line }) => `line ${line}: ${canonical(value)}`);
  expect(show(fast), `${label}:\n${text}`).toEqual(show(slow));
  return true;
}

/** The loader's result without the names functions, which are new closures each time. */
function comparable(result: LoadResult) {
  return { ...result, environments: result.environments.map(({ names: _names, ...rest }) => rest) };
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Scalars whose reading differs between YAML versions, schemas or parsers, or that leave the subset. */
const scalars = [
  "", "~", "null", "Null", "NULL", "nULL", "true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "yes", "No", "on", "OFF", "y", "n",
  "0", "-0", "+0", "007", "0o17", "0o19", "0x1F", "0X1F", "0xg", "1_000", "12345678901234567890", "-12", "+12",
  "1.", ".5", "-.5", "+.5", "1.50", "1e3", "1E-3", "-1.5e+3", ".e3", "1e", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", ".Nan",
  "1:30", "sun:05:00-sun:06:00", "a:", "a: b", "a:b", "a #b", "a#b", "a  # b", "a,b", "a, b", "a]b", "a}b", "[a, b]", "[a,b]", "[ a , b ]", "[a, b,]", "[a,,b]",
  "[]", "{}", "{a: 1}", "{a: 1, a: 2}", "{a:1}", "{a: }", "{a}", "{\"a\": [b, {c: d}]}", "[a: b]", "[{a: 1}, [2, 3]]", "[a #c]", "[a]#c", "[a] #c", "{a: [b, {c: d}]}",
  "\"x\"", "\"x\" #c", "\"x\"#c", "'x'", "'it''s'", "\"a\\\"b\"", "\"a\\\\b\"", "\"a\\nb\"", "\"a\\u0041\"", "\"a\\x41\"", "\"é\"", "é", "'a\"b'", "\"a'b\"",
  "\"unterminated", "'unterminated", "-", "- x", "-x", "--x", "-1", "?x", "? x", ":x", "&a x", "*a", "!!str x", "!x y", "|", ">", "|\n  text", "@x", "`x`", "%x",
  "a b c", "a\tb", "x   ", "__proto__", "constructor", "toString", "'__proto__'", "0.0.0.0/0", "arn:aws:sns:us-east-1:123456789012:x",
];

const keys = ["name", "Name", "true", "null", "1", "0x1", "1.5", "__proto__", "constructor", "a.b/c-d", "\"quoted\"", "'single'", "\"a b\"", "a b", "-a", "_a", "? a", "a ", "x:y"];

function mutate(text: string, next: () => number): string {
  const lines = text.split("\n");
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
  const operations = 1 + Math.floor(next() * 3);
  for (let i = 0; i < operations; i++) {
    const index = Math.floor(next() * lines.length);
    const line = lines[index] ?? "";
    switch (Math.floor(next() * 12)) {
      case 0: lines.splice(index, 1); break;
      case 1: lines.splice(index, 0, line); break;
      case 2: case 3: case 4: lines[index] = line.replace(/:(\s.*)?$/, `: ${pick(scalars)}`); break;
      case 5: lines[index] = line.replace(/^(\s*-?\s*)[^\s:#-][^:]*:/, `$1${pick(keys)}:`); break;
      case 6: lines[index] = line.replace(/^ {2}/, ""); break;
      case 7: lines[index] = ` ${line}`; break;
      case 8: lines.splice(index, 0, `${" ".repeat(Math.floor(next() * 8))}# comment${next() > 0.5 ? " é" : ""}`); break;
      case 9: lines.splice(index, 0, pick(["---", "--- # next", "", "   ", "...", "---x", "- item", "key:", "  - item"])); break;
      case 10: lines[index] = line.replace(/^(\s*)- /, pick(["$1-  ", "$1- - ", "$1-\n$1  ", "$1"])); break;
      default: lines[index] = line.replace(/: /, pick([":  ", ":", " : ", ": # c\n  "]));
    }
  }
  return lines.join("\n");
}

describe("fast YAML reader", () => {
  it("reads the examples, as the yaml library does", () => {
    for (const text of examples) expect(expectSameAsLibrary(text, "example")).toBe(true);
  });

  it("reads every fixture and manifest in the repository as the library does, or leaves it to the library", () => {
    const files = [...yamlFiles(join(root, "manifests")), ...yamlFiles(join(root, "test", "fixtures"))];
    expect(files.length).toBeGreaterThan(40);
    for (const file of files) expectSameAsLibrary(readFileSync(file, "utf8"), file);
  });

  it("reads each scalar as the library does, as a mapping value, a sequence item and in flow collections", () => {
    let accepted = 0;
    for (const scalar of scalars) {
      for (const text of [`key: ${scalar}\n`, `list:\n  - ${scalar}\n`, `list:\n- ${scalar}\nafter: 1`, `flow: [${scalar}]\n`, `flow: {k: ${scalar}, j: 1}\n`, `key: ${scalar} # comment\n`]) {
        if (expectSameAsLibrary(text, JSON.stringify(scalar))) accepted++;
      }
    }
    for (const key of keys) {
      for (const text of [`${key}: 1\n`, `m:\n  ${key}: 1\n  other: 2\n`, `f: {${key}: 1}\n`, `- ${key}: 1\n`]) {
        if (expectSameAsLibrary(text, JSON.stringify(key))) accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(200);
  });

  it("reads block structures as the library does", () => {
    const texts = [
      "a:\n- 1\n- 2\nb: 3\n", "a:\n  - 1\n  -\n  - x: 1\n    y: 2\n  - - 3\n    - 4\n", "- a\n- b\n", "a:\n  b:\n    c: 1\n  d: 2\n", "a:\n    b: 1\n  c: 2\n",
      "a: 1\n  b: 2\n", "a:\n  1\n", "a: x\n  y\n", "  a: 1\n  b: 2\n", "  a: 1\nb: 2\n", "a: 1\n---\nb: 2\n", "---\na: 1\n...\n", "--- # c\na: 1\n---\n---\n",
      "a:\n-\n  b: 1\n", "a:\n- b: 1\n  c: 2\n- d\n", "-  a: 1\n   b: 2\n", "a: # comment\n  b: 1\n", "# only a comment\n", "", "a: 1", "a:\n", "a:\n  # c\nb: 1\n",
      "x:\n  - a: 1\n    - b\n", "x: [a,\n  b]\n", "x: {a: 1,\n  b: 2}\n", "x: 'a\n  b'\n", "%YAML 1.2\n---\na: 1\n", "a: &x 1\nb: *x\n", "a: 1\na: 2\n", "a:\n  b: 1\n  b: 1\n",
      "a: [1, 2] x\n", "a: \"x\" y\n", "a: 'x'y\n", "a: [1, 2]\n  b: 1\n", "- - - x\n  - y\n- z\n", "-\n-\n", "a:\n -\n  x: 1\n", "toString: 1\nconstructor: {valueOf: 2}\n",
    ];
    for (const text of texts) expectSameAsLibrary(text, JSON.stringify(text));
  });

  it("reads thousands of mutated manifests as the library does whenever it accepts them", () => {
    const next = random(20261123);
    let accepted = 0;
    const rounds = 3000;
    for (let round = 0; round < rounds; round++) {
      const text = mutate(examples[round % examples.length]!, next);
      if (expectSameAsLibrary(text, `round ${round}`)) accepted++;
    }
    // The mutations must exercise the fast path, not only the fallback.
    expect(accepted).toBeGreaterThan(rounds / 5);
  });
});

describe("fast YAML reader on YAML other tools write", () => {
  it("reads what yaml.stringify writes for random values in any style, as the library does", () => {
    const next = random(7);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const strings = [...scalars.filter((scalar) => !scalar.includes("\n")), "b c", "multi\nline", "tab\there", "back\\slash", " lead", "trail ", "<<", "a.b/c", "---", "..."];
    const value = (depth: number): unknown => {
      const roll = next();
      if (depth > 3 || roll < 0.5) return pick([pick(strings), pick(strings), Math.floor(next() * 2000) - 1000, next() * 100, next() < 0.5, null, -0]);
      if (roll < 0.75) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [pick(strings), value(depth + 1)]));
    };
    let accepted = 0;
    const rounds = 2000;
    for (let round = 0; round < rounds; round++) {
      const root = Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 5) }, () => [pick(strings), value(0)]));
      const text = stringify(root, {
        indent: pick([2, 3, 4]), indentSeq: next() < 0.5, flowCollectionPadding: next() < 0.5, collectionStyle: pick(["any", "block", "flow"] as const),
        lineWidth: pick([0, 80]), defaultStringType: pick(["PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE"] as const), defaultKeyType: pick([null, "PLAIN", "QUOTE_DOUBLE"] as const),
      });
      if (expectSameAsLibrary(next() < 0.3 ? `${text}---\n${stringify({ k: value(0) })}` : text, `round ${round}`)) accepted++;
    }
    expect(accepted).toBeGreaterThan(rounds / 10);
  });
});

describe("loader fast path", () => {
  it("gives the same result as loading with positions, for valid, invalid and warned-about manifests", () => {
    const next = random(42);
    const prod = examples[0]!;
    const texts = [
      ...examples, `${prod}\n---\n${examples[1]}`, `${prod}\n---\n${prod}`, "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n",
      // YAML 1.1 booleans, which the fast path locates itself: block and flow, mapping values and sequence items.
      prod.replace('type: "N"', "type: N"), prod.replace("stage: prod}", "stage: prod, legacy: on, quoted: \"no\"}"),
      prod.replace("interface: [elasticache, logs, monitoring]", "interface: [elasticache, Y, [n, {x: OFF}]]"),
      prod.replace("  deletionPolicy: Retain", "  deletionPolicy: Retain\n  x:\n    - yes\n    -   No\n    - - n\n      - {a: on}"),
      `apiVersion: v1\nkind: ConfigMap\ndata: {a: yes}\n---\n${prod.replace('type: "N"', "type: N")}`,
    ];
    for (const text of texts.slice(5)) {
      expect(parsePlainYaml(text)).toBeDefined();
      expect(loadManifestText(text, "f.yaml").warnings.length).toBeGreaterThan(0);
    }
    for (let round = 0; round < 600; round++) texts.push(mutate(examples[round % examples.length]!, next));
    let fast = 0;
    for (const [index, text] of texts.entries()) {
      if (parsePlainYaml(text) !== undefined) fast++;
      expect(comparable(loadManifestText(text, "f.yaml")), `text ${index}:\n${text}`).toStrictEqual(comparable(loadManifestTextWithPositions(text, "f.yaml")));
    }
    expect(fast).toBeGreaterThan(100);
  });
});
