import schemaJson from "../../schemas/gameenvironment.schema.json" with { type: "json" };

/** A JSON Schema node as this project writes them: plain JSON with a few annotation keywords. */
export interface SchemaNode {
  readonly [keyword: string]: unknown;
  readonly $ref?: string;
  readonly type?: string;
  readonly title?: string;
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly additionalProperties?: SchemaNode | boolean;
  /** How a value that fails `pattern` is described to the user: "a VPC ID such as vpc-0a1b2c3d". */
  readonly "x-error"?: string;
  /** The loader always fills this optional field in, from other fields (e.g. a table's PITR from the dynamodb section). */
  readonly "x-gamectl-resolved"?: boolean;
}

export const API_VERSION = "gamectl.dev/v1alpha1";
export const KIND = "GameEnvironment";
export const GROUP = "gamectl.dev";
export const VERSION = "v1alpha1";

export const gameEnvironmentSchema: SchemaNode = schemaJson as SchemaNode;

/** Follows a local `#/$defs/...` reference, merging the referring node's siblings (description, default) over the target. */
export function deref(node: SchemaNode, root: SchemaNode = gameEnvironmentSchema): SchemaNode {
  let current = node;
  const seen = new Set<string>();
  while (current.$ref) {
    const ref = current.$ref;
    if (seen.has(ref)) throw new Error(`schema: circular $ref ${ref}`);
    seen.add(ref);
    const target = resolvePointer(root, ref);
    const { $ref: _ref, ...siblings } = current;
    current = { ...target, ...siblings };
  }
  return current;
}

function resolvePointer(root: SchemaNode, ref: string): SchemaNode {
  if (!ref.startsWith("#/")) throw new Error(`schema: only local references are supported, not ${ref}`);
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    node = (node as Record<string, unknown> | undefined)?.[key];
  }
  if (!node || typeof node !== "object") throw new Error(`schema: unresolved $ref ${ref}`);
  return node as SchemaNode;
}
