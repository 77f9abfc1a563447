import { OWNERSHIP_TAGS } from "../../spec/names.ts";

export const environmentTag = OWNERSHIP_TAGS.environment;
export const componentTag = OWNERSHIP_TAGS.component;
export const managedByTag = OWNERSHIP_TAGS.managedBy;

/** AWS returns tags as a list of Key/Value pairs in most services. */
export function tagMap(tags: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.Key !== undefined) out[tag.Key] = tag.Value ?? "";
  return out;
}

export function tagList(tags: Readonly<Record<string, string>>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** A resource is gamectl's, for this environment, only when its environment tag says so. */
export function ownedBy(tags: Readonly<Record<string, string>>, environmentKey: string): boolean {
  return tags[environmentTag] === environmentKey;
}
