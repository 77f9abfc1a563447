import type { LoadedEnvironment } from "../spec/load.ts";
import { ownershipTags } from "../spec/names.ts";

/** The spec's tags under gamectl's ownership tags; ownership always wins. */
export function tagsFor(env: LoadedEnvironment, component: string): Record<string, string> {
  const [namespace = "default", name = env.manifest.metadata.name] = env.key.split("/");
  return { ...env.manifest.spec.tags, ...ownershipTags(namespace, name, component, {}, env.names.scheme) };
}
