import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { extname, join } from "node:path";
import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser, visit, type Document, type Node as YamlNode, type Scalar } from "yaml";
import { didYouMean, formatPath, type FieldPath, type ManifestError } from "./errors.ts";
import { LIMITS, mappingProblems, scanLimits } from "./limits.ts";
import { DEFAULT_INSTALLATION_PREFIX, INSTALLATION_PREFIX_PATTERN, physicalNames, type PhysicalNames } from "./names.ts";
import { API_VERSION, KIND } from "./schema.ts";
import { validateAgainstSchema, type Issue } from "./schema-validator.ts";
import { rawIssues, resolveDerivedFields, semanticIssues } from "./semantic.ts";
import type { GameEnvironment } from "./types.generated.ts";

export interface LoadedEnvironment {
  /** Validated, with every default and derived field filled in. */
  manifest: GameEnvironment;
  /** "namespace/name". */
  key: string;
  file: string;
  /** Where the document starts (1-based; 0 for objects without a source position). */
  line: number;
  names: PhysicalNames;
}

export interface LoadResult {
  environments: LoadedEnvironment[];
  errors: ManifestError[];
  /**
   * namespace/name of documents that name an environment but failed validation. A controller must not read their
   * absence from `environments` as "deleted": a typo in git must never delete an environment's resources.
   */
  invalidKeys: string[];
  /**
   * Valid for gamectl but likely to break elsewhere, e.g. an unquoted `type: N`, which kubectl reads as false.
   * `gamectl validate --strict` fails on them.
   */
  warnings: ManifestError[];
  /** Documents of other APIs (e.g. a Kustomization in the same folder), left alone. */
  skipped: Array<{ file: string; line: number; apiVersion: string; kind: string }>;
}

export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Alias expansions allowed per document; far above what a manifest needs, far below what a "billion laughs" bomb uses. */
const MAX_ALIAS_COUNT = 50;
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml"]);
/**
 * Errors reported per document; the rest are counted. Keeps the output readable and the work of locating errors
 * bounded when a hostile document has an error on every one of its thousands of nodes.
 */
export const MAX_ERRORS_PER_DOCUMENT = 100;
/**
 * Errors reported per file; past it, later documents are still validated (their environments load or are held
 * back as invalid) but their errors are only counted. A file of hundreds of broken documents would otherwise have
 * every error located and formatted: tens of thousands of objects nobody reads, and the memory to build them.
 */
export const MAX_ERRORS_PER_FILE = 300;

function moreErrors(file: string, where: Located, count: number): ManifestError {
  return error(file, where, "(document)", `and ${count} more errors in this document`, "fix the errors above first; the rest are often the same mistake");
}

/** push(...items) passes every item as an argument and throws a RangeError past ~100,000 of them. */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

interface Located {
  line: number;
  col: number;
}

/** A mapping key as a path segment; YAML allows mappings and lists as keys, which no manifest field is. */
function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : "(complex key)";
}

/** Maps field paths of one YAML document to line:col positions. */
class PositionFinder {
  private readonly doc: Document;
  private readonly lines: LineCounter;

  constructor(doc: Document, lines: LineCounter) {
    this.doc = doc;
    this.lines = lines;
  }

  position(offset: number): Located {
    const { line, col } = this.lines.linePos(offset);
    return { line, col };
  }

  private resolve(node: unknown): unknown {
    return isAlias(node) ? node.resolve(this.doc) : node;
  }

  /** The node at the path, or the deepest existing node on it (for a missing field, its parent). */
  locate(path: FieldPath, at: "key" | "value" = "value"): Located {
    let node: unknown = this.doc.contents;
    let keyNode: YamlNode | undefined;
    let reached = 0;
    for (const segment of path) {
      node = this.resolve(node);
      if (isMap(node)) {
        const pair = node.items.find((item) => keyText(item.key) === String(segment));
        if (!pair) break;
        keyNode = isScalar(pair.key) ? pair.key : undefined;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number" && segment < node.items.length) {
        keyNode = undefined;
        node = node.items[segment];
      } else break;
      reached++;
    }
    const complete = reached === path.length;
    const valueNode = node as YamlNode | null | undefined;
    const chosen = (complete && at === "value" && valueNode?.range) ? valueNode : (keyNode?.range ? keyNode : valueNode);
    const offset = chosen?.range?.[0] ?? (this.doc.contents as YamlNode | null)?.range?.[0] ?? 0;
    return this.position(offset);
  }

  /** The field path of the innermost node containing the offset. */
  pathAt(offset: number): FieldPath {
    const path: Array<string | number> = [];
    let node: unknown = this.doc.contents;
    const within = (candidate: unknown) => {
      const range = (candidate as YamlNode | null)?.range;
      return !!range && offset >= range[0] && offset <= range[1];
    };
    for (;;) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && (within(item.key) || within(item.value)));
        if (!pair) break;
        path.push(keyText(pair.key));
        if (within(pair.key)) break;
        node = pair.value;
      } else if (isSeq(node)) {
        const index = node.items.findIndex((item) => within(item));
        if (index < 0) break;
        path.push(index);
        node = node.items[index];
      } else break;
    }
    return path.length > 0 ? path : this.lastKeyBefore(offset);
  }

  /** For an error between nodes (a tab, a stray character): the field whose key comes last before it. */
  private lastKeyBefore(offset: number): FieldPath {
    let best: { start: number; path: FieldPath } = { start: -1, path: [] };
    const walk = (node: unknown, path: Array<string | number>) => {
      if (isMap(node)) {
        for (const pair of node.items) {
          const start = (pair.key as YamlNode | null)?.range?.[0];
          if (start === undefined || start > offset) continue;
          const keyPath = [...path, keyText(pair.key)];
          if (start > best.start) best = { start, path: keyPath };
          walk(pair.value, keyPath);
        }
      } else if (isSeq(node)) {
        node.items.forEach((item, index) => walk(item, [...path, index]));
      }
    };
    walk(this.doc.contents, []);
    return best.path;
  }
}

function error(file: string, where: Located, path: FieldPath | string, message: string, hint?: string): ManifestError {
  const base: ManifestError = { file, line: where.line, col: where.col, path: typeof path === "string" ? path : formatPath(path), message };
  if (hint) base.hint = hint;
  return base;
}

const noPosition: Located = { line: 0, col: 0 };

function readableKey(value: unknown): string | undefined {
  const metadata = (value as { metadata?: { name?: unknown; namespace?: unknown } } | null)?.metadata;
  if (!metadata || typeof metadata.name !== "string") return undefined;
  const namespace = typeof metadata.namespace === "string" ? metadata.namespace : "default";
  return `${namespace}/${metadata.name}`;
}

/** A path is "covered" when the schema already reported it or one of its ancestors, so a semantic check would only repeat it. */
function coveredBy(path: FieldPath, reported: readonly FieldPath[]): boolean {
  return reported.some((other) => other.length <= path.length && other.every((segment, i) => segment === path[i]));
}

/**
 * Validates one manifest object (already parsed) and turns its issues into errors with positions.
 * Mutates `value`: defaults and derived fields are filled in.
 */
function validateManifest(value: unknown, file: string, locate: (issue: Issue) => Located, room = MAX_ERRORS_PER_DOCUMENT): { environment?: GameEnvironment; errors: ManifestError[]; unreported?: number } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { errors: [error(file, locate({ path: [], message: "" }), "(document)", `a GameEnvironment must be a mapping, not ${Array.isArray(value) ? "a list" : JSON.stringify(value)}`, `start with apiVersion: ${API_VERSION}`)] };
  }
  const header = value as { apiVersion?: unknown; kind?: unknown };
  if (header.kind !== undefined && header.kind !== KIND) {
    const issue: Issue = { path: ["kind"], message: `${JSON.stringify(header.kind)} is not supported here`, hint: `gamectl reads kind: ${KIND} manifests only` };
    return { errors: [error(file, locate(issue), issue.path, issue.message, issue.hint)] };
  }
  const raw = rawIssues(value);
  const schemaIssues = validateAgainstSchema(value);
  const manifest = value as GameEnvironment;
  const reported = schemaIssues.map((issue) => issue.path);
  let semantic: Issue[] = [];
  // Semantic checks also run when the schema failed elsewhere, so one pass reports every problem of the file;
  // they are skipped only when spec or metadata is missing or not a mapping.
  const shapeBroken = reported.some((path) => path.length === 0 || (path.length === 1 && (path[0] === "spec" || path[0] === "metadata")));
  if (!shapeBroken) {
    try {
      resolveDerivedFields(manifest);
    } catch {
      // A malformed section: the schema errors describe it.
    }
    semantic = semanticIssues(manifest).filter((issue) => !coveredBy(issue.path, reported));
  }
  const issues = [...raw, ...schemaIssues, ...semantic];
  // The file's error budget is spent: count, do not locate.
  if (room <= 0) return issues.length === 0 ? { environment: manifest, errors: [] } : { errors: [], unreported: issues.length };
  const errors = issues.slice(0, MAX_ERRORS_PER_DOCUMENT).map((issue) => error(file, locate(issue), issue.path, issue.message, issue.hint));
  errors.sort((a, b) => a.line - b.line || a.col - b.col || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (issues.length > MAX_ERRORS_PER_DOCUMENT) errors.push(moreErrors(file, locate({ path: [], message: "" }), issues.length - MAX_ERRORS_PER_DOCUMENT));
  return errors.length === 0 ? { environment: manifest, errors } : { errors };
}

/**
 * The installation prefix every v2 name starts with: GAMECTL_NAME_PREFIX, or "gc". One setting for the controller
 * (its Deployment) and the CLI alike, since both must derive the same names; the controller's IAM policy names it.
 */
export function installationPrefix(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.GAMECTL_NAME_PREFIX;
  if (configured === undefined || configured === "") return DEFAULT_INSTALLATION_PREFIX;
  if (!INSTALLATION_PREFIX_PATTERN.test(configured)) {
    throw new Error(`GAMECTL_NAME_PREFIX="${configured}" is not a valid installation prefix: use a letter then at most 5 lowercase letters or digits (default "${DEFAULT_INSTALLATION_PREFIX}"), the same as in the controller's IAM policy`);
  }
  return configured;
}

function loaded(manifest: GameEnvironment, file: string, line: number): LoadedEnvironment {
  const namespace = manifest.metadata.namespace;
  const names = physicalNames(namespace, manifest.metadata.name, manifest.spec, { installationPrefix: installationPrefix() });
  return { manifest, key: `${namespace}/${manifest.metadata.name}`, file, line, names };
}

/** Duplicate keys are found by mappingProblems(), not by yaml (its check is quadratic), so they have no case here. */
function yamlErrorMessage(code: string, message: string): { message: string; hint?: string } {
  switch (code) {
    case "TAB_AS_INDENT":
      return { message: "tab used for indentation", hint: "YAML indents with spaces" };
    default:
      return { message: `invalid YAML: ${message.replace(/\s+at line \d+, column \d+.*$/s, "")}` };
  }
}

/**
 * The yaml parser reads process.env.LOG_TOKENS once per token, and process.env is an expensive host object:
 * a third of the parse time. For the duration of one synchronous parse, process.env is a plain object carrying
 * the two variables the parser reads; nothing else can run in between.
 */
function withPlainEnv<T>(parse: () => T): T {
  const real = process.env;
  process.env = { LOG_TOKENS: real.LOG_TOKENS, LOG_STREAM: real.LOG_STREAM };
  try {
    return parse();
  } finally {
    process.env = real;
  }
}

/**
 * A document of another API next to GameEnvironments (a Kustomization, a Namespace) is not gamectl's to judge.
 * Anything that looks meant for gamectl (its API group, or a kind close to GameEnvironment) is validated instead.
 */
function isForeign(value: unknown): boolean {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as { apiVersion?: unknown; kind?: unknown };
  if (typeof apiVersion !== "string" || typeof kind !== "string") return false;
  if (apiVersion.toLowerCase().includes("gamectl")) return false;
  return didYouMean(kind, [KIND]) === undefined;
}

function yaml11Warning(file: string, where: Located, path: FieldPath, text: string): ManifestError {
  return error(file, where, path, `${text} is a string to gamectl but a boolean to kubectl, Argo CD and other YAML 1.1 readers`, `quote it: "${text}"`);
}

/** Unquoted values YAML 1.1 reads as booleans and YAML 1.2 as strings (`type: N`): worth a warning. */
const YAML11_BOOLEANS = new Set(["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]);

/**
 * Unquoted values such as `type: N` are strings to gamectl but booleans to kubectl, Argo CD and Flux, so the same
 * file would fail in the cluster: a warning asks to quote them.
 */
function yaml11Booleans(doc: Document): Scalar[] {
  const found: Scalar[] = [];
  // A plain recursive walk: yaml's visit() builds a frozen path per node and costs more than parsing here.
  const walk = (node: unknown) => {
    if (isScalar(node)) {
      if (node.type === "PLAIN" && typeof node.value === "string" && YAML11_BOOLEANS.has(node.value)) found.push(node);
    } else if (isMap(node)) {
      for (const pair of node.items) walk(pair.value);
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(doc.contents);
  return found;
}

/** Line and column (1-based) of an offset, without a LineCounter: for the one error of a file refused before parsing. */
function positionOf(source: string, offset: number): Located {
  let line = 1;
  let lineStart = 0;
  for (let index = source.indexOf("\n"); index >= 0 && index < offset; index = source.indexOf("\n", index + 1)) {
    line++;
    lineStart = index + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * The documents of a text, one at a time: what parseAllDocuments() does, minus holding every document (and its token
 * tree) in memory at once. Peak memory is then that of the largest document, which scanLimits() bounds.
 */
function* documentsOf(source: string, lines: LineCounter): Generator<Document.Parsed> {
  const parser = new Parser(lines.addNewLine);
  // uniqueKeys is off because yaml's check is quadratic in the keys of a mapping; mappingProblems() does it linearly.
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true });
  const documents = composer.compose(parser.parse(source));
  for (;;) {
    // Only the parsing runs with the plain process.env, not the caller's work between documents.
    const next = withPlainEnv(() => documents.next());
    if (next.done) return;
    yield next.value;
  }
}

/** Parses and validates one multi-document YAML text. Every document is checked; one bad document never hides the others. */
export function loadManifestText(text: string, file: string): LoadResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const result: LoadResult = { environments: [], errors: [], invalidKeys: [], warnings: [], skipped: [] };
  // Counted before the parser builds anything: past a limit, the whole file is refused (its environments are not
  // named, so a folder controller holds back every deletion until the file loads again).
  const violation = withPlainEnv(() => scanLimits(source));
  if (violation) {
    result.errors.push(error(file, positionOf(source, violation.offset), "(file)", violation.message, violation.hint));
    return result;
  }
  const lines = new LineCounter();
  const seen = new Map<string, Located>();
  let unreported = 0;
  for (const doc of documentsOf(source, lines)) {
    const finder = new PositionFinder(doc, lines);
    const problems = mappingProblems(doc);
    if (doc.errors.length > 0 || problems.length > 0) {
      const found: Array<{ offset: number; message: string; hint?: string; path: FieldPath }> = [];
      for (const yamlError of doc.errors) {
        if (found.length >= MAX_ERRORS_PER_DOCUMENT) break;
        const offset = yamlError.pos[0];
        found.push({ offset, ...yamlErrorMessage(yamlError.code, yamlError.message), path: finder.pathAt(offset) });
      }
      for (const problem of problems) {
        if (found.length >= MAX_ERRORS_PER_DOCUMENT) break;
        const { message, hint } = problem.kind === "duplicate-key"
          ? { message: `duplicate key ${JSON.stringify(problem.key)}`, hint: "a key may appear once in a mapping; remove or merge the duplicate" }
          : { message: `more than ${LIMITS.keysPerMapping} keys in one mapping`, hint: `no manifest mapping needs this many; keep at most ${LIMITS.keysPerMapping} keys` };
        const keyPath = finder.pathAt(problem.offset);
        found.push({ offset: problem.offset, message, hint, path: problem.kind === "duplicate-key" ? keyPath : keyPath.slice(0, -1) });
      }
      found.sort((a, b) => a.offset - b.offset);
      for (const each of found) result.errors.push(error(file, finder.position(each.offset), each.path, each.message, each.hint));
      const total = doc.errors.length + problems.length;
      if (total > found.length) result.errors.push(moreErrors(file, finder.position(doc.contents?.range?.[0] ?? 0), total - found.length));
      // Still name the environment when the broken document reveals it, so that no one takes it for deleted.
      try {
        const key = readableKey(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
        if (key) result.invalidKeys.push(key);
      } catch {
        // Too broken to tell which environment it was.
      }
      continue;
    }
    // `---` with nothing after it is an empty document, not a manifest.
    if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.tag)) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (cause) {
      let aliasOffset = doc.contents.range?.[0] ?? 0;
      visit(doc, { Alias(_key, node) {
        aliasOffset = node.range?.[0] ?? aliasOffset;
        return visit.BREAK;
      } });
      const bomb = cause instanceof Error && /alias/i.test(cause.message);
      result.errors.push(error(file, finder.position(aliasOffset), finder.pathAt(aliasOffset),
        bomb ? `too many alias expansions (more than ${MAX_ALIAS_COUNT}): refusing a possible alias bomb` : `cannot read this document: ${cause instanceof Error ? cause.message : String(cause)}`,
        bomb ? "write the values out instead of repeating YAML aliases" : undefined));
      continue;
    }
    if (isForeign(value)) {
      const { apiVersion, kind } = value as { apiVersion: string; kind: string };
      result.skipped.push({ file, line: finder.position(doc.contents.range?.[0] ?? 0).line, apiVersion, kind });
      continue;
    }
    for (const node of yaml11Booleans(doc)) {
      const text = String(node.value);
      const offset = node.range?.[0] ?? 0;
      result.warnings.push(yaml11Warning(file, finder.position(offset), finder.pathAt(offset), text));
    }
    const documentStart = finder.position(doc.contents.range?.[0] ?? 0);
    const key = readableKey(value);
    const outcome = validateManifest(value, file, (issue) => finder.locate(issue.path, issue.at), MAX_ERRORS_PER_FILE - result.errors.length);
    if (key && outcome.environment === undefined) result.invalidKeys.push(key);
    append(result.errors, outcome.errors);
    unreported += outcome.unreported ?? 0;
    if (!outcome.environment) continue;
    const environment = loaded(outcome.environment, file, documentStart.line);
    const earlier = seen.get(environment.key);
    if (earlier) {
      result.errors.push(error(file, finder.locate(["metadata", "name"]), ["metadata", "name"], `GameEnvironment ${environment.key} is defined twice`, `first defined at ${file}:${earlier.line}:${earlier.col}`));
      continue;
    }
    seen.set(environment.key, finder.locate(["metadata", "name"]));
    result.environments.push(environment);
  }
  if (unreported > 0) {
    result.errors.push(error(file, { line: 1, col: 1 }, "(file)", `and ${unreported} more errors in later documents of this file`, `fix the first ${MAX_ERRORS_PER_FILE} errors above first; the rest are often the same mistake`));
  }
  return result;
}

function tooLarge(file: string, size: number): LoadResult {
  const megabytes = size / 1024 / 1024;
  return {
    environments: [], invalidKeys: [], warnings: [], skipped: [],
    errors: [error(file, { line: 1, col: 1 }, "(file)", `file is ${megabytes < 10 ? megabytes.toFixed(1) : Math.round(megabytes)} MiB; manifests are limited to 1 MiB`, "split it into several files")],
  };
}

/** Checks size and encoding before parsing: a manifest is at most 1 MiB of UTF-8. */
export function loadManifestBytes(bytes: Uint8Array, file: string): LoadResult {
  const empty: LoadResult = { environments: [], errors: [], invalidKeys: [], warnings: [], skipped: [] };
  if (bytes.byteLength > MAX_MANIFEST_BYTES) return tooLarge(file, bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const lossy = new TextDecoder("utf-8").decode(bytes);
    const bad = lossy.indexOf("\uFFFD");
    const before = lossy.slice(0, Math.max(bad, 0));
    const line = before.split("\n").length;
    const col = bad - before.lastIndexOf("\n");
    const utf16 = bytes[0] === 0xff || bytes[0] === 0xfe;
    empty.errors.push(error(file, { line, col }, "(file)", "file is not valid UTF-8", utf16 ? "it looks like UTF-16; save it as UTF-8" : "save it as UTF-8"));
    return empty;
  }
  return loadManifestText(text, file);
}

/**
 * Reads a stream (standard input) and loads it, stopping at the size limit: hostile input is never read in full,
 * and the caller's stream is destroyed (the iterator's return() does it) as soon as the limit is crossed.
 */
export async function loadManifestStream(stream: AsyncIterable<Uint8Array | string>, file: string): Promise<LoadResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    size += bytes.byteLength;
    if (size > MAX_MANIFEST_BYTES) {
      return {
        environments: [], invalidKeys: [], warnings: [], skipped: [],
        errors: [error(file, { line: 1, col: 1 }, "(file)", "input is over 1 MiB; manifests are limited to 1 MiB, so the rest was not read", "split it into several files")],
      };
    }
    chunks.push(bytes);
  }
  return loadManifestBytes(Buffer.concat(chunks), file);
}

async function manifestFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    // Dot-directories hold state (.gamectl/) and VCS data, never manifests.
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await manifestFiles(path)));
    else if (entry.isFile() && MANIFEST_EXTENSIONS.has(extname(entry.name))) files.push(path);
    // Symlinked files are followed (a mounted ConfigMap is made of them); symlinked folders are not, so no cycles.
    else if (entry.isSymbolicLink() && MANIFEST_EXTENSIONS.has(extname(entry.name)) && (await stat(path).then((info) => info.isFile(), () => false))) files.push(path);
  }
  return files;
}

function describeFsError(cause: unknown): string {
  const code = (cause as { code?: string } | null)?.code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EACCES") return "permission denied";
  return cause instanceof Error ? cause.message : String(cause);
}

/**
 * Reads a manifest file synchronously on purpose: for small files a blocking read costs a tenth of the promise
 * round trips of an asynchronous one, and blocks for microseconds. An oversized file is never read.
 */
function readManifestFile(file: string): { bytes: Uint8Array } | { oversized: number } {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_MANIFEST_BYTES) return { oversized: size };
    const bytes = Buffer.allocUnsafe(size);
    let offset = 0;
    while (offset < size) {
      const read = readSync(fd, bytes, offset, size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return { bytes: bytes.subarray(0, offset) };
  } finally {
    closeSync(fd);
  }
}

function loadFile(file: string): LoadResult {
  let read: ReturnType<typeof readManifestFile>;
  try {
    read = readManifestFile(file);
  } catch (cause) {
    return { environments: [], errors: [error(file, noPosition, "(file)", `cannot read: ${describeFsError(cause)}`)], invalidKeys: [], warnings: [], skipped: [] };
  }
  return "oversized" in read ? tooLarge(file, read.oversized) : loadManifestBytes(read.bytes, file);
}

/** Loads files and folders (recursively: *.yaml and *.yml, skipping dot-directories). A namespace/name defined twice is an error on the later one. */
export async function loadManifests(paths: string[]): Promise<LoadResult> {
  const result: LoadResult = { environments: [], errors: [], invalidKeys: [], warnings: [], skipped: [] };
  const files: string[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) files.push(...(await manifestFiles(path)));
      else files.push(path);
    } catch (cause) {
      result.errors.push(error(path, noPosition, "(file)", `cannot read: ${describeFsError(cause)}`));
    }
  }
  const unique = [...new Set(files)];
  // One thread: with worker threads, a folder of 1,000 manifests loaded slower on 2 cores and used half again the CPU.
  const perFile = unique.map((file) => loadFile(file));
  const firstDefinition = new Map<string, LoadedEnvironment>();
  for (const fileResult of perFile) {
    append(result.errors, fileResult.errors);
    append(result.invalidKeys, fileResult.invalidKeys);
    append(result.warnings, fileResult.warnings);
    append(result.skipped, fileResult.skipped);
    for (const environment of fileResult.environments) {
      const earlier = firstDefinition.get(environment.key);
      if (earlier) {
        result.errors.push({ file: environment.file, line: environment.line, col: 1, path: "metadata.name", message: `GameEnvironment ${environment.key} is defined twice`, hint: `first defined at ${earlier.file}:${earlier.line}` });
        continue;
      }
      firstDefinition.set(environment.key, environment);
      result.environments.push(environment);
    }
  }
  return result;
}

/**
 * Validates an object that has no source text, e.g. one read from the Kubernetes API. Server-managed metadata
 * (uid, generation, managedFields...) and status are not part of the manifest and are left out; errors have
 * line and column 0 but the same field paths.
 */
export function validateObject(object: unknown, sourceLabel: string): LoadResult {
  const result: LoadResult = { environments: [], errors: [], invalidKeys: [], warnings: [], skipped: [] };
  let value: unknown = object;
  if (typeof object === "object" && object !== null && !Array.isArray(object)) {
    const source = object as Record<string, unknown>;
    const metadata = (source.metadata ?? {}) as Record<string, unknown>;
    const picked: Record<string, unknown> = {};
    for (const field of ["name", "namespace", "labels", "annotations"]) if (metadata[field] !== undefined) picked[field] = metadata[field];
    value = structuredClone({ apiVersion: source.apiVersion, kind: source.kind, metadata: picked, spec: source.spec });
    for (const [field, fieldValue] of Object.entries(value as Record<string, unknown>)) if (fieldValue === undefined) delete (value as Record<string, unknown>)[field];
  }
  const key = readableKey(value);
  const outcome = validateManifest(value, sourceLabel, () => noPosition);
  append(result.errors, outcome.errors);
  if (outcome.environment) result.environments.push(loaded(outcome.environment, sourceLabel, 0));
  else if (key) result.invalidKeys.push(key);
  return result;
}
