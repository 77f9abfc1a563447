import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { KubeError, type KubeClient, type KubeObject } from "./client.ts";

interface ListResponse {
  metadata?: { resourceVersion?: string };
  items?: KubeObject[];
}

class Gone extends Error {}

export function objectKey(object: KubeObject): string {
  return `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}

/**
 * List-then-watch with a local cache, like client-go's reflector: a watch resumes from the last
 * resourceVersion, a 410 Gone relists, and errors back off exponentially (up to 30 s).
 */
export class Informer {
  readonly cache = new Map<string, KubeObject>();
  private readonly client: KubeClient;
  private readonly path: string;
  private readonly log: Logger;
  private readonly onChange: (key: string) => void;
  private resourceVersion = "";
  private readonly abort = new AbortController();
  private synced!: () => void;
  private syncFailed!: (error: Error) => void;
  readonly hasSynced: Promise<void>;
  private running: Promise<void> | undefined;
  private isSynced = false;

  constructor(client: KubeClient, path: string, log: Logger, onChange: (key: string) => void) {
    this.client = client;
    this.path = path;
    this.log = log;
    this.onChange = onChange;
    this.hasSynced = new Promise((resolve, reject) => {
      this.synced = resolve;
      this.syncFailed = reject;
    });
    this.hasSynced.catch(() => undefined);
  }

  get synchronized(): boolean {
    return this.isSynced;
  }

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  /** Replaces a cached object with a newer copy we got back from a write, so reads do not wait for the watch. */
  update(object: KubeObject): void {
    const key = objectKey(object);
    const cached = this.cache.get(key);
    if (cached && Number(cached.metadata.resourceVersion) > Number(object.metadata.resourceVersion)) return;
    this.cache.set(key, object);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.abort.signal.aborted) {
      try {
        if (!this.resourceVersion) await this.list();
        await this.watch();
        failures = 0;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        if (error instanceof Gone || (error instanceof KubeError && error.statusCode === 410)) {
          this.log.info("watch expired (410 Gone): relisting");
          this.resourceVersion = "";
          continue;
        }
        failures++;
        if (!this.isSynced && error instanceof KubeError && (error.statusCode === 404 || error.statusCode === 403 || error.statusCode === 401)) {
          this.syncFailed(new Error(`cannot list GameEnvironments: ${error.message}. Is the CRD installed (kubectl apply -f manifests/crds/) and may this identity list gameenvironments.gamectl.dev?`));
        }
        const backoff = Math.min(30_000, 500 * 2 ** Math.min(failures, 6)) * (0.8 + Math.random() * 0.2);
        this.log.warn({ err: error instanceof Error ? error.message : String(error), retryInMs: Math.round(backoff) }, "watch failed; backing off");
        await sleep(backoff, undefined, { signal: this.abort.signal }).catch(() => undefined);
      }
    }
  }

  private async list(): Promise<void> {
    const list = await this.client.get<ListResponse>(this.path);
    const seen = new Set<string>();
    for (const item of list.items ?? []) {
      const key = objectKey(item);
      seen.add(key);
      this.cache.set(key, item);
    }
    const removed = [...this.cache.keys()].filter((key) => !seen.has(key));
    for (const key of removed) this.cache.delete(key);
    this.resourceVersion = list.metadata?.resourceVersion ?? "";
    if (!this.isSynced) {
      this.isSynced = true;
      this.synced();
    }
    for (const key of [...seen, ...removed]) this.onChange(key);
  }

  private async watch(): Promise<void> {
    const query = `?watch=1&allowWatchBookmarks=true&timeoutSeconds=290&resourceVersion=${encodeURIComponent(this.resourceVersion)}`;
    await this.client.watch(this.path + query, (type, object) => {
      if (type === "ERROR") {
        const status = object as unknown as { code?: number; message?: string };
        if (status.code === 410) throw new Gone(status.message ?? "resource version too old");
        throw new Error(`watch error: ${status.message ?? JSON.stringify(object)}`);
      }
      if (object.metadata?.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
      if (type === "BOOKMARK") return;
      const key = objectKey(object);
      if (type === "DELETED") this.cache.delete(key);
      else this.cache.set(key, object);
      this.onChange(key);
    }, this.abort.signal);
  }
}
