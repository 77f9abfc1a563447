import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { EnvironmentOutputs, GameEnvironment, GameEnvironmentStatus } from "../../spec/types.generated.ts";

/** One environment's record in the state directory: what `gamectl get` reads and what deletion needs. */
export interface EnvironmentRecord {
  readonly key: string;
  /** The manifest file it was last read from. */
  file: string;
  generation: number;
  specHash: string;
  createdAt: string;
  /** The last manifest that validated: deleting an environment whose file is gone needs it. */
  manifest?: GameEnvironment;
  status?: GameEnvironmentStatus;
  outputs?: EnvironmentOutputs;
  events: RecordedEvent[];
}

export interface RecordedEvent {
  readonly time: string;
  readonly type: string;
  readonly reason: string;
  readonly resource: string;
  readonly message: string;
  count: number;
}

/** A file that could not be read as any environment (e.g. broken YAML). */
export interface FileError {
  readonly file: string;
  readonly message: string;
}

export const MAX_EVENTS = 50;

export function fileNameFor(key: string): string {
  return `${key.replace("/", "__")}.json`;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** The state directory: environments/<ns>__<name>.json, outputs/<ns>__<name>.json, requests/<ns>__<name>, errors.json. */
export class StateDirectory {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  get environmentsDir(): string {
    return join(this.root, "environments");
  }

  get requestsDir(): string {
    return join(this.root, "requests");
  }

  get outputsDir(): string {
    return join(this.root, "outputs");
  }

  ensure(): void {
    for (const dir of [this.environmentsDir, this.requestsDir, this.outputsDir]) mkdirSync(dir, { recursive: true });
  }

  readAll(): EnvironmentRecord[] {
    let names: string[];
    try {
      names = readdirSync(this.environmentsDir);
    } catch {
      return [];
    }
    const records: EnvironmentRecord[] = [];
    for (const name of names) {
      if (!name.endsWith(".json")) continue;
      try {
        records.push(JSON.parse(readFileSync(join(this.environmentsDir, name), "utf8")) as EnvironmentRecord);
      } catch {
        // A record we cannot parse is skipped; the next write replaces it.
      }
    }
    return records;
  }

  write(record: EnvironmentRecord): void {
    writeAtomically(join(this.environmentsDir, fileNameFor(record.key)), JSON.stringify(record, null, 2) + "\n");
  }

  writeOutputs(key: string, outputs: EnvironmentOutputs): void {
    writeAtomically(join(this.outputsDir, fileNameFor(key)), JSON.stringify(outputs, null, 2) + "\n");
  }

  remove(key: string): void {
    rmSync(join(this.environmentsDir, fileNameFor(key)), { force: true });
    rmSync(join(this.outputsDir, fileNameFor(key)), { force: true });
    rmSync(join(this.requestsDir, fileNameFor(key).replace(/\.json$/, "")), { force: true });
  }

  /** Refresh requests from `gamectl refresh`: key -> the request's value. */
  readRequests(): Map<string, string> {
    const requests = new Map<string, string>();
    let names: string[];
    try {
      names = readdirSync(this.requestsDir);
    } catch {
      return requests;
    }
    for (const name of names) {
      if (name.endsWith(".tmp")) continue;
      try {
        requests.set(name.replace("__", "/"), readFileSync(join(this.requestsDir, name), "utf8").trim());
      } catch {
        // Removed between the listing and the read.
      }
    }
    return requests;
  }

  requestRefresh(key: string, value: string): void {
    mkdirSync(this.requestsDir, { recursive: true });
    writeAtomically(join(this.requestsDir, fileNameFor(key).replace(/\.json$/, "")), value + "\n");
  }

  writeFileErrors(errors: readonly FileError[]): void {
    writeAtomically(join(this.root, "errors.json"), JSON.stringify(errors, null, 2) + "\n");
  }

  readFileErrors(): FileError[] {
    try {
      return JSON.parse(readFileSync(join(this.root, "errors.json"), "utf8")) as FileError[];
    } catch {
      return [];
    }
  }
}
