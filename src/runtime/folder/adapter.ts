import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { watch, type FSWatcher } from "node:fs";
import { readdir } from "node:fs/promises";
import { extname, join, relative, resolve, sep } from "node:path";
import type { Logger } from "pino";
import { formatManifestError } from "../../spec/errors.ts";
import { loadManifests, validateObject, type LoadedEnvironment } from "../../spec/load.ts";
import type { EnvironmentOutputs, GameEnvironmentStatus } from "../../spec/types.generated.ts";
import { ANNOTATION_REFRESH, type DesiredEnvironment, type EnvironmentAdapter, type EnvironmentEvent } from "../adapter.ts";
import { MAX_EVENTS, StateDirectory, type EnvironmentRecord, type FileError } from "./state.ts";

export interface FolderAdapterOptions {
  readonly dir: string;
  /** Default DIR/.gamectl. */
  readonly stateDir?: string;
  readonly log: Logger;
  /** Full rescan period, besides file-system events (default 30 s). */
  readonly rescanMs?: number;
  /** `git pull --ff-only` in DIR this often; off when undefined. */
  readonly gitPullMs?: number;
  /** More environments than this disappearing in one scan is refused as a likely bad pull (default 1). */
  readonly maxEnvironmentDeletions?: number;
}

function specHash(env: LoadedEnvironment): string {
  return createHash("sha256").update(JSON.stringify(env.manifest.spec)).digest("hex").slice(0, 16);
}

async function manifestFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await manifestFiles(path)));
    else if ([".yaml", ".yml"].includes(extname(entry.name))) files.push(path);
  }
  return files.sort();
}

/**
 * The folder (git checkout) source and the state-directory sink. Every scan reads each manifest file
 * on its own, so one invalid file becomes that environment's status error while the others carry on.
 */
export class FolderAdapter implements EnvironmentAdapter {
  readonly state: StateDirectory;
  private readonly options: FolderAdapterOptions;
  private readonly dir: string;
  private readonly records = new Map<string, EnvironmentRecord>();
  private current = new Map<string, DesiredEnvironment>();
  private changed: (key: string) => void = () => undefined;
  private watchers: FSWatcher[] = [];
  private timers: NodeJS.Timeout[] = [];
  private scanning: Promise<void> | undefined;
  private rescanWanted = false;
  private debounce: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(options: FolderAdapterOptions) {
    this.options = options;
    this.dir = resolve(options.dir);
    this.state = new StateDirectory(resolve(options.stateDir ?? join(this.dir, ".gamectl")));
  }

  async start(changed: (key: string) => void): Promise<void> {
    this.changed = changed;
    this.state.ensure();
    for (const record of this.state.readAll()) this.records.set(record.key, record);
    await this.scan();
    const stateRelative = relative(this.dir, this.state.root);
    const inside = !stateRelative.startsWith("..") && stateRelative !== "";
    try {
      this.watchers.push(watch(this.dir, { recursive: true }, (_event, name) => {
        const path = typeof name === "string" ? name : "";
        // Our own status writes must not trigger scans; refresh requests must.
        if (inside && path.startsWith(stateRelative + sep) && !path.startsWith(join(stateRelative, "requests"))) return;
        if (path.split(sep).some((part) => part === ".git")) return;
        this.scheduleScan();
      }));
      if (!inside) this.watchers.push(watch(this.state.requestsDir, () => this.scheduleScan()));
    } catch (error) {
      this.options.log.warn({ err: String(error) }, "cannot watch the manifest folder; relying on the periodic rescan");
    }
    const rescan = setInterval(() => this.scheduleScan(), this.options.rescanMs ?? 30_000);
    rescan.unref();
    this.timers.push(rescan);
    if (this.options.gitPullMs) {
      const pull = setInterval(() => void this.gitPull(), this.options.gitPullMs);
      pull.unref();
      this.timers.push(pull);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const watcher of this.watchers) watcher.close();
    for (const timer of this.timers) clearInterval(timer);
    if (this.debounce) clearTimeout(this.debounce);
    await this.scanning;
  }

  keys(): string[] {
    return [...this.current.keys()];
  }

  get(key: string): DesiredEnvironment | undefined {
    return this.current.get(key);
  }

  async prepare(): Promise<void> {
    // A folder needs no finalizer: the record in the state directory is what remembers the environment.
  }

  async writeStatus(key: string, status: GameEnvironmentStatus): Promise<void> {
    const record = this.records.get(key);
    if (!record) return;
    record.status = status;
    this.state.write(record);
  }

  async writeOutputs(key: string, outputs: EnvironmentOutputs): Promise<void> {
    const record = this.records.get(key);
    if (!record || JSON.stringify(record.outputs) === JSON.stringify(outputs)) return;
    record.outputs = outputs;
    this.state.write(record);
    this.state.writeOutputs(key, outputs);
  }

  async recordEvents(key: string, events: readonly EnvironmentEvent[]): Promise<void> {
    const record = this.records.get(key);
    if (!record || events.length === 0) return;
    const time = new Date().toISOString();
    for (const event of events) {
      const last = record.events.at(-1);
      if (last && last.reason === event.reason && last.message === event.message && last.resource === event.resource) {
        last.count++;
        continue;
      }
      record.events.push({ time, type: event.type, reason: event.reason, resource: event.resource, message: event.message, count: 1 });
    }
    if (record.events.length > MAX_EVENTS) record.events.splice(0, record.events.length - MAX_EVENTS);
    this.state.write(record);
  }

  async deletionFinished(key: string): Promise<void> {
    this.records.delete(key);
    this.current.delete(key);
    this.state.remove(key);
  }

  /** Rescan now and wait for it (tests, and the first listing). */
  async scan(): Promise<void> {
    if (this.scanning) {
      this.rescanWanted = true;
      return this.scanning;
    }
    this.scanning = this.scanOnce().finally(() => {
      this.scanning = undefined;
      if (this.rescanWanted && !this.stopped) {
        this.rescanWanted = false;
        void this.scan();
      }
    });
    return this.scanning;
  }

  private scheduleScan(): void {
    if (this.stopped) return;
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.scan().catch((error: unknown) => this.options.log.error({ err: String(error) }, "folder scan failed")), 50);
  }

  private async gitPull(): Promise<void> {
    await new Promise<void>((done) => {
      execFile("git", ["-C", this.dir, "pull", "--ff-only", "--quiet"], { timeout: 60_000 }, (error, _stdout, stderr) => {
        if (error) this.options.log.warn({ err: stderr.trim() || error.message }, "git pull failed; keeping the current checkout");
        done();
      });
    });
    await this.scan();
  }

  private async scanOnce(): Promise<void> {
    let files: string[];
    try {
      files = await manifestFiles(this.dir);
    } catch (error) {
      // An unreadable folder proves nothing about which environments exist: change nothing.
      this.options.log.error({ dir: this.dir, err: String(error) }, "cannot read the manifest folder");
      return;
    }
    const requests = this.state.readRequests();
    const next = new Map<string, DesiredEnvironment>();
    const fileErrors: FileError[] = [];
    let unattributed = false;
    for (const file of files) {
      const result = await loadManifests([file]);
      const errorText = result.errors.map(formatManifestError).join("\n");
      for (const env of result.environments) {
        if (next.has(env.key)) {
          const earlier = next.get(env.key);
          const message = `GameEnvironment ${env.key} is defined twice: in ${earlier?.env?.file ?? "another file"} and ${env.file}; remove one`;
          next.set(env.key, { ...earlier!, env: undefined, invalid: message } as DesiredEnvironment);
          continue;
        }
        next.set(env.key, this.desiredFromValid(env, requests.get(env.key)));
      }
      for (const key of result.invalidKeys) {
        const record = this.records.get(key);
        next.set(key, {
          key, invalid: errorText || `${file}: invalid`, generation: record?.generation ?? 0, annotations: {}, deleting: false,
          ...(record?.status ? { status: record.status } : {}), ...(record ? { createdAt: record.createdAt } : {}),
        });
        if (!record) this.records.set(key, this.placeholderRecord(key, file));
      }
      if (result.errors.length > 0 && result.invalidKeys.length === 0) {
        unattributed = true;
        fileErrors.push({ file, message: errorText });
      }
    }
    this.state.writeFileErrors(fileErrors);
    const removed = [...this.records.keys()].filter((key) => !next.has(key) && this.records.get(key)?.manifest);
    const limit = this.options.maxEnvironmentDeletions ?? 1;
    let refusal: string | undefined;
    if (removed.length > 0 && unattributed) {
      refusal = `its manifest is gone, but ${fileErrors.length} manifest file(s) cannot be read (${fileErrors.map((e) => e.file).join(", ")}); no environment is deleted until every file loads`;
    } else if (removed.length > limit) {
      refusal = `${removed.length} environments disappeared at once (${removed.join(", ")}), more than --max-environment-deletions ${limit}; nothing is deleted. If this is intended, raise --max-environment-deletions; if not, restore the manifests`;
    }
    for (const key of removed) {
      const record = this.records.get(key)!;
      const loaded = validateObject(record.manifest ?? {}, `${this.state.root} (last applied manifest of ${key})`).environments[0];
      next.set(key, {
        key, generation: record.generation, annotations: record.manifest?.metadata.annotations ?? {}, deleting: true,
        ...(loaded ? { env: loaded } : { invalid: "the last applied manifest no longer validates" }),
        ...(refusal ? { deletionRefused: refusal } : {}),
        ...(record.status ? { status: record.status } : {}), createdAt: record.createdAt,
      });
    }
    // Placeholder records of invalid documents that are gone now have nothing to delete.
    for (const key of [...this.records.keys()]) {
      if (!next.has(key)) {
        this.records.delete(key);
        this.state.remove(key);
      }
    }
    const previous = this.current;
    this.current = next;
    for (const key of new Set([...previous.keys(), ...next.keys()])) this.changed(key);
  }

  private placeholderRecord(key: string, file: string): EnvironmentRecord {
    return { key, file, generation: 0, specHash: "", createdAt: new Date().toISOString(), events: [] };
  }

  private desiredFromValid(env: LoadedEnvironment, refresh: string | undefined): DesiredEnvironment {
    const hash = specHash(env);
    let record = this.records.get(env.key);
    if (!record || !record.manifest) {
      record = { key: env.key, file: env.file, generation: 1, specHash: hash, createdAt: record?.createdAt ?? new Date().toISOString(), manifest: env.manifest, events: record?.events ?? [], ...(record?.status ? { status: record.status } : {}) };
      this.records.set(env.key, record);
      this.state.write(record);
    } else if (record.specHash !== hash || JSON.stringify(record.manifest.metadata) !== JSON.stringify(env.manifest.metadata) || record.file !== env.file) {
      if (record.specHash !== hash) record.generation++;
      record.specHash = hash;
      record.manifest = env.manifest;
      record.file = env.file;
      this.state.write(record);
    }
    const annotations = { ...(env.manifest.metadata.annotations ?? {}) };
    if (refresh !== undefined) annotations[ANNOTATION_REFRESH] = `${annotations[ANNOTATION_REFRESH] ?? ""}@${refresh}`;
    return { key: env.key, env, generation: record.generation, annotations, deleting: false, ...(record.status ? { status: record.status } : {}), createdAt: record.createdAt };
  }
}
