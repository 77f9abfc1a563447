/**
 * A fast reader for the plain subset of YAML that manifests are written in: block mappings and sequences, one-line
 * flow collections, plain and one-line quoted scalars, comments and `---` between documents.
 *
 * The `yaml` library spends most of its time building a full syntax tree with positions, which only an error or a
 * warning needs. This reader builds the plain JavaScript values directly, exactly as the library's `toJS()` would
 * (YAML 1.2 core schema), and gives up (returns undefined) on anything outside the subset or anything the library
 * would report: anchors, aliases, tags, block and multi-line scalars, multi-line flow collections, tabs, CR line
 * ends, duplicate keys, non-ASCII outside comments, unusual indentation, a document that is not a mapping. The
 * caller then loads the text with the library. test/spec/fast-yaml.test.ts compares the two on the examples, the
 * fixtures, tricky scalars and thousands of mutations.
 */

export interface PlainDocument {
  /** What `doc.toJS()` returns for the document. */
  readonly value: Record<string, unknown>;
  /** 1-based line of the document's first key (the start of its root node). */
  readonly line: number;
  /** Unquoted values that YAML 1.1 reads as booleans, in document order, for the loader's warnings. */
  readonly yaml11Booleans: PlainYaml11Boolean[];
}

export interface PlainYaml11Boolean {
  /** The field path of the value. */
  readonly path: Array<string | number>;
  /** Where the value starts, 1-based. */
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

interface Line {
  indent: number;
  /** The line without its indentation; comments are still in it. */
  text: string;
  readonly line: number;
}

/** Thrown (one shared object, no stack trace) when the text leaves the subset. */
const OUTSIDE: unknown = Object.freeze({ outside: true });

/** Tabs, CR, control characters, BOM and Unicode line separators: the library has rules for each; leave them to it. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const UNSUPPORTED_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** YAML 1.1 reads these plain scalars as booleans; YAML 1.2 (this loader) reads them as strings. The loader warns about them. */
export const YAML11_BOOLEANS = new Set(["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]);

const MAX_DEPTH = 64;
const MAX_KEY_LENGTH = 1000;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const COMMA = 0x2c;
const DASH = 0x2d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Characters that may not start a plain scalar here (YAML indicators), besides "-" which is checked apart. */
const INDICATORS = new Set([..."?:,[]{}#&*!|>'\"%@`"].map((c) => c.charCodeAt(0)));

function outside(): never {
  throw OUTSIDE;
}

function isKeyStart(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39) || code === 0x5f;
}

function isKeyChar(code: number): boolean {
  return isKeyStart(code) || code === 0x2e || code === 0x2f || code === DASH;
}

/** A plain scalar resolved as the YAML 1.2 core schema of the `yaml` library does (same tests, same order). */
export function resolvePlain(text: string): unknown {
  const first = text.charCodeAt(0);
  // Letters other than n, t, f (null, true, false in any case): always a string.
  const lower = first | 0x20;
  if (lower >= 0x61 && lower <= 0x7a && lower !== 0x6e && lower !== 0x74 && lower !== 0x66) return text;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return first === 0x74 || first === 0x54;
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    return text.slice(-3).toLowerCase() === "nan" ? NaN : first === DASH ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text)) return parseFloat(text);
  if (/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)) return parseFloat(text);
  return text;
}

/** Sets a mapping entry the way the library's toJS does; a repeated key leaves the subset (the library reports it). */
function setEntry(map: Record<string, unknown>, key: string, value: unknown): void {
  if (Object.hasOwn(map, key)) outside();
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
}

/** A scanner over one line: quoted scalars, flow collections and plain scalars. */
class LineScanner {
  text = "";
  i = 0;
  /** The line's number and the column (0-based) its text starts at. */
  private line = 0;
  private column = 0;
  /** The field path of the value being read, shared with the block parser. */
  readonly path: Array<string | number> = [];
  readonly yaml11Booleans: PlainYaml11Boolean[] = [];

  reset(text: string, i: number, line: number, column: number): void {
    this.text = text;
    this.i = i;
    this.line = line;
    this.column = column;
  }

  private plainValue(start: number, end: number): unknown {
    const text = this.text.slice(start, end);
    if (YAML11_BOOLEANS.has(text)) this.yaml11Booleans.push({ path: [...this.path], line: this.line, col: this.column + start + 1, text });
    return resolvePlain(text);
  }

  code(): number {
    return this.text.charCodeAt(this.i);
  }

  skipSpaces(): void {
    while (this.text.charCodeAt(this.i) === SPACE) this.i++;
  }

  /** Nothing but spaces and a comment (after a space) up to the end of the line. */
  expectLineEnd(): void {
    const start = this.i;
    this.skipSpaces();
    if (this.i >= this.text.length) return;
    if (this.code() === HASH && this.i > start) return;
    outside();
  }

  doubleQuoted(): string {
    const text = this.text;
    let i = this.i + 1;
    let out = "";
    let from = i;
    for (;;) {
      const code = text.charCodeAt(i);
      if (Number.isNaN(code) || code > 0x7e) outside();
      if (code === DOUBLE_QUOTE) break;
      if (code === BACKSLASH) {
        out += text.slice(from, i);
        const escape = text.charCodeAt(i + 1);
        if (escape === BACKSLASH || escape === DOUBLE_QUOTE || escape === 0x2f) out += String.fromCharCode(escape);
        else if (escape === 0x6e) out += "\n";
        else if (escape === 0x74) out += "\t";
        else outside();
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    out += text.slice(from, i);
    this.i = i + 1;
    return out;
  }

  singleQuoted(): string {
    const text = this.text;
    let i = this.i + 1;
    let out = "";
    let from = i;
    for (;;) {
      const code = text.charCodeAt(i);
      if (Number.isNaN(code) || code > 0x7e) outside();
      if (code === SINGLE_QUOTE) {
        if (text.charCodeAt(i + 1) !== SINGLE_QUOTE) break;
        out += text.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      i++;
    }
    out += text.slice(from, i);
    this.i = i + 1;
    return out;
  }

  /** A mapping key followed by ": " or ":" at the end of the line; undefined (position unchanged) when there is none. */
  key(): string | undefined {
    const text = this.text;
    const start = this.i;
    const first = text.charCodeAt(start);
    let key: string;
    if (first === DOUBLE_QUOTE || first === SINGLE_QUOTE) {
      // A quoted scalar that is not followed by ":" is a value, and only scanned again as one.
      const end = text.indexOf(first === DOUBLE_QUOTE ? '"' : "'", start + 1);
      if (end < 0 || text.charCodeAt(end + 1) !== COLON) return undefined;
      key = first === DOUBLE_QUOTE ? this.doubleQuoted() : this.singleQuoted();
      if (text.charCodeAt(this.i) !== COLON) {
        this.i = start;
        return undefined;
      }
    } else {
      if (!isKeyStart(first)) return undefined;
      let i = start + 1;
      while (isKeyChar(text.charCodeAt(i))) i++;
      if (text.charCodeAt(i) !== COLON) return undefined;
      key = text.slice(start, i);
      this.i = i;
    }
    const after = text.charCodeAt(this.i + 1);
    if (!Number.isNaN(after) && after !== SPACE) {
      this.i = start;
      return undefined;
    }
    // A key the core schema reads as a number, boolean or null becomes a different string in JavaScript.
    if (this.i - start > MAX_KEY_LENGTH || (first !== DOUBLE_QUOTE && first !== SINGLE_QUOTE && typeof resolvePlain(key) !== "string")) outside();
    this.i++;
    return key;
  }

  /** A plain scalar of block context: the rest of the line up to a comment. */
  blockPlain(): unknown {
    const text = this.text;
    const start = this.i;
    const first = text.charCodeAt(start);
    if (INDICATORS.has(first) || (first === DASH && (start + 1 >= text.length || text.charCodeAt(start + 1) === SPACE))) outside();
    let end = start;
    let i = start;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      if (code > 0x7e || code === OPEN_BRACKET || code === CLOSE_BRACKET || code === OPEN_BRACE || code === CLOSE_BRACE) outside();
      if (code === COLON) {
        const next = text.charCodeAt(i + 1);
        if (Number.isNaN(next) || next === SPACE) outside();
      }
      end = i + 1;
    }
    this.i = i;
    return this.plainValue(start, end);
  }

  /** A plain scalar inside a flow collection, up to ",", "]" or "}". */
  flowPlain(): unknown {
    const text = this.text;
    const start = this.i;
    const first = text.charCodeAt(start);
    if (INDICATORS.has(first) || (first === DASH && !isKeyChar(text.charCodeAt(start + 1)))) outside();
    let end = start;
    let i = start;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === COMMA || code === CLOSE_BRACKET || code === CLOSE_BRACE) break;
      if (code === SPACE) continue;
      if (code > 0x7e || code === COLON || code === HASH || code === OPEN_BRACKET || code === OPEN_BRACE || code === DOUBLE_QUOTE || code === SINGLE_QUOTE) outside();
      end = i + 1;
    }
    if (i >= text.length) outside();
    this.i = i;
    return this.plainValue(start, end);
  }

  /** A value inside a flow collection. */
  flowValue(depth: number): unknown {
    const code = this.code();
    if (code === OPEN_BRACKET || code === OPEN_BRACE) return this.flow(depth + 1);
    if (code === DOUBLE_QUOTE) return this.doubleQuoted();
    if (code === SINGLE_QUOTE) return this.singleQuoted();
    return this.flowPlain();
  }

  /** A flow sequence or mapping that closes on this line. */
  flow(depth: number): unknown {
    if (depth > MAX_DEPTH) outside();
    const isMap = this.code() === OPEN_BRACE;
    const close = isMap ? CLOSE_BRACE : CLOSE_BRACKET;
    this.i++;
    this.skipSpaces();
    const map: Record<string, unknown> = {};
    const seq: unknown[] = [];
    if (this.code() === close) {
      this.i++;
      return isMap ? map : seq;
    }
    for (;;) {
      if (isMap) {
        const key = this.key();
        if (key === undefined) outside();
        // "{a:}" or "{a: }": a null value, which manifests never mean.
        if (this.code() !== SPACE) outside();
        this.skipSpaces();
        this.path.push(key);
        setEntry(map, key, this.flowValue(depth));
      } else {
        this.path.push(seq.length);
        seq.push(this.flowValue(depth));
      }
      this.path.pop();
      this.skipSpaces();
      const code = this.code();
      if (code === close) {
        this.i++;
        return isMap ? map : seq;
      }
      if (code !== COMMA) outside();
      this.i++;
      this.skipSpaces();
      // A trailing comma, or an empty entry.
      if (this.code() === close || this.code() === COMMA) outside();
    }
  }

  /** A value after "key: " or "- ", which must end the line. */
  inlineValue(): unknown {
    const code = this.code();
    let value: unknown;
    if (code === OPEN_BRACKET || code === OPEN_BRACE) value = this.flow(1);
    else if (code === DOUBLE_QUOTE) value = this.doubleQuoted();
    else if (code === SINGLE_QUOTE) value = this.singleQuoted();
    else value = this.blockPlain();
    this.expectLineEnd();
    return value;
  }
}

function isSeqEntry(text: string): boolean {
  return text.charCodeAt(0) === DASH && (text.length === 1 || text.charCodeAt(1) === SPACE);
}

/** The block structure of one document's lines. */
class BlockParser {
  private readonly lines: Line[];
  private pos = 0;
  readonly scanner = new LineScanner();

  constructor(lines: Line[]) {
    this.lines = lines;
  }

  document(): Record<string, unknown> {
    const first = this.lines[0]!;
    if (isSeqEntry(first.text)) outside();
    const value = this.map(first.indent, 0);
    if (this.pos !== this.lines.length) outside();
    return value;
  }

  private block(indent: number, depth: number): unknown {
    if (depth > MAX_DEPTH) outside();
    return isSeqEntry(this.lines[this.pos]!.text) ? this.seq(indent, depth) : this.map(indent, depth);
  }

  /** The value of "key:" or "-" with nothing after it: a nested block, or null. */
  private nested(indent: number, depth: number, sameIndentSeq: boolean): unknown {
    const next = this.lines[this.pos];
    if (next === undefined || next.indent < indent) return null;
    if (next.indent > indent) return this.block(next.indent, depth + 1);
    return sameIndentSeq && isSeqEntry(next.text) ? this.seq(indent, depth + 1) : null;
  }

  private map(indent: number, depth: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    const scanner = this.scanner;
    for (let line = this.lines[this.pos]; line !== undefined && line.indent >= indent; line = this.lines[this.pos]) {
      if (line.indent > indent) outside();
      scanner.reset(line.text, 0, line.line, line.indent);
      const key = scanner.key();
      if (key === undefined) outside();
      scanner.skipSpaces();
      const code = scanner.code();
      scanner.path.push(key);
      if (Number.isNaN(code) || code === HASH) {
        this.pos++;
        setEntry(map, key, this.nested(indent, depth, true));
      } else {
        const value = scanner.inlineValue();
        this.pos++;
        setEntry(map, key, value);
      }
      scanner.path.pop();
    }
    return map;
  }

  private seq(indent: number, depth: number): unknown[] {
    const seq: unknown[] = [];
    const scanner = this.scanner;
    for (let line = this.lines[this.pos]; line !== undefined && line.indent >= indent; line = this.lines[this.pos]) {
      if (line.indent > indent) outside();
      if (!isSeqEntry(line.text)) break;
      scanner.reset(line.text, 1, line.line, line.indent);
      scanner.skipSpaces();
      const code = scanner.code();
      scanner.path.push(seq.length);
      const rest = scanner.i;
      if (Number.isNaN(code) || code === HASH) {
        this.pos++;
        seq.push(this.nested(indent, depth, false));
      } else if (isSeqEntry(line.text.slice(rest)) || scanner.key() !== undefined) {
        // "- key: value" or "- - item": a block starting on this line, at the column after the dash.
        this.lines[this.pos] = { indent: indent + rest, text: line.text.slice(rest), line: line.line };
        seq.push(this.block(indent + rest, depth + 1));
      } else {
        seq.push(scanner.inlineValue());
        this.pos++;
      }
      scanner.path.pop();
    }
    return seq;
  }
}

/** The documents of a text when it is all in the subset; undefined when the `yaml` library must read it. */
export function parsePlainYaml(source: string): PlainDocument[] | undefined {
  if (UNSUPPORTED_CHARACTERS.test(source)) return undefined;
  const documents: PlainDocument[] = [];
  let lines: Line[] = [];
  const finish = () => {
    if (lines.length > 0) {
      const parser = new BlockParser(lines);
      documents.push({ line: lines[0]!.line, value: parser.document(), yaml11Booleans: parser.scanner.yaml11Booleans });
    }
    lines = [];
  };
  try {
    const rawLines = source.split("\n");
    for (let index = 0; index < rawLines.length; index++) {
      const raw = rawLines[index]!;
      let indent = 0;
      while (raw.charCodeAt(indent) === SPACE) indent++;
      if (indent === raw.length || raw.charCodeAt(indent) === HASH) continue;
      if (indent === 0) {
        const first = raw.charCodeAt(0);
        if (raw.startsWith("---")) {
          if (!/^---(?: +(?:#.*)?)?$/.test(raw)) return undefined;
          finish();
          continue;
        }
        // Document end marker, directive.
        if (raw.startsWith("...") || first === 0x25) return undefined;
      }
      lines.push({ indent, text: raw.slice(indent), line: index + 1 });
    }
    finish();
  } catch (cause) {
    if (cause === OUTSIDE || cause instanceof RangeError) return undefined;
    throw cause;
  }
  return documents;
}
