/** One problem in a manifest, located at a line and column (1-based; 0 when the source has no positions). */
export interface ManifestError {
  file: string;
  line: number;
  col: number;
  /** The field path, e.g. spec.redis.nodeType or spec.dynamodb.tables[1].sortKey; "(file)" or "(document)" when no field applies. */
  path: string;
  message: string;
  /** How to fix it, when that is not obvious from the message. */
  hint?: string;
}

/** `<file>:<line>:<col>: <field path>: <message>`, with the hint in parentheses: one line, grep- and editor-friendly. */
export function formatManifestError(error: ManifestError): string {
  const head = `${error.file}:${error.line}:${error.col}: ${error.path}: ${error.message}`;
  return error.hint ? `${head} (${error.hint})` : head;
}

/** A field path as segments, e.g. ["spec", "dynamodb", "tables", 1, "name"]. */
export type FieldPath = ReadonlyArray<string | number>;

/** spec.dynamodb.tables[1].name: the notation users see in errors. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || "(document)";
}

/** The closest candidate by edit distance, when it is close enough to be a likely typo. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lowered = input.toLowerCase();
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lowered) return candidate;
    const distance = editDistance(lowered, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // One- and two-letter inputs are too short for any edit to be a telling typo.
  const tolerance = input.length <= 2 ? 0 : Math.max(1, Math.floor(input.length / 3));
  return best !== undefined && bestDistance <= tolerance ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
