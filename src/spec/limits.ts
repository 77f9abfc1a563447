import { CST, isMap, isScalar, isSeq, Lexer, type Document } from "yaml";

/**
 * Limits on the shape of one manifest file, far above what a manifest needs and far below what makes parsing slow or
 * memory-hungry. Together with the 1 MiB size limit they bound the time and memory one hostile file can cost the
 * loader, so a folder with such a file keeps serving every other environment.
 */
export const LIMITS = {
  /** A folder holds one file per environment or a few per file; 1,000 documents of the smallest manifest is ~250 KB. */
  documentsPerFile: 1_000,
  /** The largest maps in a manifest are tags (AWS allows 50) and Redis parameters (the schema allows 100). */
  keysPerMapping: 1_000,
  /** A manifest nests about 8 levels deep (spec.dynamodb.tables[0].globalSecondaryIndexes[0]...). */
  depth: 64,
  /**
   * Scalars, keys, collections, indicators (brackets, commas, colons, dashes), anchors and tags, counted before
   * anything is built; bounds the time and the garbage of one file. 1 MiB of the prod example is ~115,000 (~157,000
   * without its comments: such a file must be split); 1 MiB of hostile YAML could be 1,000,000.
   */
  nodes: 150_000,
  /**
   * The same count for one document: the prod example has ~330. Documents are parsed one at a time, so this bounds
   * what the loader holds at once (the parser's token tree and yaml's Document take ~2 KB per node).
   */
  nodesPerDocument: 10_000,
} as const;

export interface LimitViolation {
  /** Offset in the source text of the token that crossed the limit. */
  offset: number;
  message: string;
  hint: string;
}

interface OpenBlock {
  column: number;
  kind: "seq" | "map";
  /** Keys so far, for a mapping. */
  keys: number;
}

/**
 * A lexical pre-scan over the tokens of yaml's own Lexer, before the Parser builds its token tree (which costs about
 * 1.5 KB per node on hostile input: 750 MB for 1 MiB of nested lists). The Lexer yields flat source slices and keeps
 * no tree, so this pass needs memory for the open-collection stack only (at most `depth` entries).
 *
 * Written by hand because yaml has no option for a depth, document or node limit: only maxAliasCount, which applies
 * when building JS values, after the expensive part. Block nesting has no bracket token, so it is tracked here from
 * the column of each collection indicator, as the YAML spec defines it: a block collection's entries share a column,
 * and a nested one starts further right (or, for a list under a key, at the key's own column).
 */
export function scanLimits(source: string): LimitViolation | undefined {
  let offset = 0;
  let lineStart = 0;
  let documents = 0;
  let inDocument = false;
  let nodes = 0;
  let documentNodes = 0;
  const blocks: OpenBlock[] = [];
  /** Open flow collections: for a flow mapping, its entries so far (commas + 1); -1 for a flow list. */
  const flows: number[] = [];
  let flowDepth = 0;
  /** A flow mapping just got its entry past the limit: reported at that entry's first token. */
  let flowKeysCrossed = false;
  /** Column of the latest token that can start an implicit key on the current line (a scalar, alias, flow start...). */
  let keyColumn = -1;
  let scalarNext = false;

  const tooDeep = (at: number): LimitViolation => ({
    offset: at,
    message: `nested deeper than ${LIMITS.depth} levels`,
    hint: `no manifest field nests this deep; write at most ${LIMITS.depth} levels of lists and mappings`,
  });
  const tooManyKeys = (at: number): LimitViolation => ({
    offset: at,
    message: `more than ${LIMITS.keysPerMapping} keys in one mapping`,
    hint: `no manifest mapping needs this many; keep at most ${LIMITS.keysPerMapping} keys`,
  });
  const openBlock = (column: number, kind: OpenBlock["kind"], at: number): LimitViolation | undefined => {
    // A mapping entry at a list's column ends that list (the list was the value of a key at the same column).
    for (let top = blocks.at(-1); top && (top.column > column || (top.column === column && top.kind === "seq" && kind === "map")); top = blocks.at(-1)) blocks.pop();
    const top = blocks.at(-1);
    if (top && top.column === column && top.kind === kind) {
      // Another entry of the same collection.
      return kind === "map" && ++top.keys > LIMITS.keysPerMapping ? tooManyKeys(at) : undefined;
    }
    blocks.push({ column, kind, keys: 1 });
    return blocks.length + flowDepth > LIMITS.depth ? tooDeep(at) : undefined;
  };
  const startContent = (at: number): LimitViolation | undefined => {
    if (inDocument) return undefined;
    inDocument = true;
    documentNodes = 0;
    return ++documents > LIMITS.documentsPerFile ? tooManyDocuments(at) : undefined;
  };
  const tooManyDocuments = (at: number): LimitViolation => ({
    offset: at,
    message: `more than ${LIMITS.documentsPerFile} documents in one file`,
    hint: `split it into files of at most ${LIMITS.documentsPerFile} documents`,
  });

  for (const token of new Lexer().lex(source)) {
    // Control tokens are not part of the source text; every other token is the next slice of it.
    if (token === CST.DOCUMENT || token === CST.FLOW_END) continue;
    if (token === CST.SCALAR) {
      scalarNext = true;
      continue;
    }
    const at = offset;
    offset += token.length;
    const column = at - lineStart;
    const newline = token.lastIndexOf("\n");
    if (newline >= 0) lineStart = at + newline + 1;
    const type = scalarNext ? "scalar" : CST.tokenType(token);
    scalarNext = false;
    let violation: LimitViolation | undefined;
    switch (type) {
      case "newline":
        keyColumn = -1;
        continue;
      case "space":
      case "comment":
      case "byte-order-mark":
      case "directive-line":
        continue;
      case "doc-start":
        inDocument = false;
        blocks.length = 0;
        flows.length = 0;
        flowDepth = 0;
        keyColumn = -1;
        violation = startContent(at);
        if (violation) return violation;
        continue;
      case "doc-end":
        inDocument = false;
        blocks.length = 0;
        flows.length = 0;
        flowDepth = 0;
        continue;
      default:
        break;
    }
    violation = startContent(at);
    if (violation) return violation;
    if (++nodes > LIMITS.nodes) {
      return { offset: at, message: `more than ${LIMITS.nodes} YAML nodes (keys, values and indicators) in one file`, hint: "split it into several files" };
    }
    if (++documentNodes > LIMITS.nodesPerDocument) {
      return {
        offset: at,
        message: `more than ${LIMITS.nodesPerDocument} YAML nodes (keys, values and indicators) in one document`,
        hint: "a manifest needs a few hundred; look for generated or pasted data",
      };
    }
    if (flowKeysCrossed) {
      if (type !== "flow-map-end") return tooManyKeys(at);
      flowKeysCrossed = false;
    }
    switch (type) {
      case "flow-seq-start":
      case "flow-map-start":
        if (flowDepth === 0 && keyColumn < 0) keyColumn = column;
        flowDepth++;
        flows.push(type === "flow-map-start" ? 1 : -1);
        if (blocks.length + flowDepth > LIMITS.depth) return tooDeep(at);
        break;
      case "flow-seq-end":
      case "flow-map-end":
        if (flowDepth > 0) flowDepth--;
        flows.pop();
        break;
      case "comma": {
        const entries = flows.at(-1);
        if (entries !== undefined && entries >= 0) {
          flows[flows.length - 1] = entries + 1;
          flowKeysCrossed = entries + 1 > LIMITS.keysPerMapping;
        }
        break;
      }
      case "seq-item-ind":
        if (flowDepth === 0) violation = openBlock(column, "seq", at);
        keyColumn = -1;
        break;
      case "explicit-key-ind":
        if (flowDepth === 0) violation = openBlock(column, "map", at);
        keyColumn = -1;
        break;
      case "map-value-ind":
        // `key: value`: the mapping sits at the key's column; a lone `:` (after `? key`) at its own.
        if (flowDepth === 0) violation = keyColumn >= 0 ? openBlock(keyColumn, "map", lineStart + keyColumn) : openBlock(column, "map", at);
        keyColumn = -1;
        break;
      default:
        // Scalars, aliases, anchors and tags: an implicit key starts at the first of them on the line.
        if (keyColumn < 0 || flowDepth > 0) keyColumn = column;
        // Scalars can span lines (block scalars always do); a key cannot.
        if (newline >= 0) keyColumn = -1;
    }
    if (violation) return violation;
  }
  return undefined;
}

export interface MappingProblem {
  /** Offset of the offending key. */
  offset: number;
  kind: "too-many-keys" | "duplicate-key";
  /** The duplicate key's value. */
  key?: string;
}

/**
 * Duplicate keys and the keys-per-mapping limit, in one walk with a Set per mapping: linear in the number of keys.
 * yaml's own uniqueKeys check compares each new key with every earlier one (75,000 keys took a minute), so the loader
 * turns it off and calls this instead. Keys compare as yaml's default does: scalar values with ===, never
 * collections or aliases. Recursion is safe: scanLimits bounded the depth first.
 */
export function mappingProblems(doc: Document): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      if (node.items.length > LIMITS.keysPerMapping) {
        problems.push({ offset: (node.items[LIMITS.keysPerMapping]?.key as { range?: [number, number, number] } | null)?.range?.[0] ?? 0, kind: "too-many-keys" });
        return;
      }
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) problems.push({ offset: pair.key.range?.[0] ?? 0, kind: "duplicate-key", key: String(pair.key.value) });
          else seen.add(pair.key.value);
        }
        walk(pair.key);
        walk(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) walk(item);
    }
  };
  walk(doc.contents);
  return problems;
}
