import { formatManifestError } from "../spec/errors.ts";
import { loadManifests, type LoadedEnvironment } from "../spec/load.ts";

/** Loads manifests for a command; on any error prints every error and returns undefined, before any AWS call. */
export async function loadForCommand(paths: readonly string[], write: (text: string) => void): Promise<LoadedEnvironment[] | undefined> {
  if (paths.length === 0) {
    write("error: -f/--filename is required: the manifest file or folder to use (e.g. -f manifests/examples/dev.yaml)\n");
    return undefined;
  }
  const result = await loadManifests([...paths]);
  if (result.errors.length > 0) {
    for (const error of result.errors) write(formatManifestError(error) + "\n");
    write(`\n${result.errors.length} error(s); nothing was sent to AWS.\n`);
    return undefined;
  }
  if (result.environments.length === 0) {
    write(`error: no GameEnvironment found in ${paths.join(", ")}\n`);
    return undefined;
  }
  return result.environments;
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
