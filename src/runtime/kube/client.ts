import { request, type RequestOptions } from "node:https";
import { request as httpRequest } from "node:http";
import { KubeConfig } from "@kubernetes/client-node";

export const GROUP = "gamectl.dev";
export const VERSION = "v1alpha1";
export const PLURAL = "gameenvironments";
export const FINALIZER = "gamectl.dev/finalizer";
export const FIELD_MANAGER = "gamectl";

/** An HTTP error from the API server, with its status code and the server's message. */
export class KubeError extends Error {
  readonly statusCode: number;
  readonly reason: string;

  constructor(statusCode: number, reason: string, message: string) {
    super(message);
    this.name = "KubeError";
    this.statusCode = statusCode;
    this.reason = reason;
  }
}

export interface KubeObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  generation?: number;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  annotations?: Record<string, string>;
  labels?: Record<string, string>;
  finalizers?: string[];
  ownerReferences?: unknown[];
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: KubeObjectMeta;
  [field: string]: unknown;
}

export type PatchType = "merge" | "json" | "apply";

const patchContentTypes: Record<PatchType, string> = {
  merge: "application/merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
};

export function loadKubeConfig(kubeconfig?: string, context?: string): KubeConfig {
  const config = new KubeConfig();
  if (kubeconfig) config.loadFromFile(kubeconfig);
  else config.loadFromDefault();
  if (context) config.setCurrentContext(context);
  if (!config.getCurrentCluster()) throw new Error("no Kubernetes cluster is configured: set KUBECONFIG or --kubeconfig, or use --manifests DIR for folder mode");
  return config;
}

export function currentNamespace(config: KubeConfig): string {
  const context = config.getContextObject(config.getCurrentContext());
  return context?.namespace ?? "default";
}

/**
 * A small REST client over the API server: JSON in, JSON out, plus watch streams. The TLS and auth
 * setup (kubeconfig, in-cluster service account) comes from @kubernetes/client-node.
 */
export class KubeClient {
  readonly config: KubeConfig;
  private readonly server: URL;

  constructor(config: KubeConfig) {
    this.config = config;
    const cluster = config.getCurrentCluster();
    if (!cluster) throw new Error("no Kubernetes cluster in the kubeconfig");
    this.server = new URL(cluster.server);
  }

  private async options(method: string, path: string, headers: Record<string, string>): Promise<RequestOptions> {
    const options: RequestOptions = {
      method, hostname: this.server.hostname, port: this.server.port || (this.server.protocol === "https:" ? 443 : 80),
      path: `${this.server.pathname.replace(/\/$/, "")}${path}`, headers: { accept: "application/json", ...headers },
    };
    await this.config.applyToHTTPSOptions(options);
    return options;
  }

  /**
   * One request. `signal` bounds it (leader election passes its renew deadline): when it aborts, the
   * socket is destroyed and the promise rejects, whatever the server or the network is doing.
   */
  async request<T>(method: string, path: string, body?: unknown, contentType = "application/json", signal?: AbortSignal): Promise<T> {
    const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const options = await this.options(method, path, payload === undefined ? {} : { "content-type": contentType, "content-length": String(Buffer.byteLength(payload)) });
    const send = this.server.protocol === "https:" ? request : httpRequest;
    return await new Promise<T>((resolve, reject) => {
      const req = send({ ...options, timeout: 30_000, ...(signal ? { signal } : {}) }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            resolve((text ? JSON.parse(text) : {}) as T);
            return;
          }
          let reason = "Unknown";
          let message = text;
          try {
            const parsed = JSON.parse(text) as { reason?: string; message?: string };
            reason = parsed.reason ?? reason;
            message = parsed.message ?? message;
          } catch {
            // not JSON: keep the raw text
          }
          reject(new KubeError(status, reason, `${method} ${path}: ${status} ${message}`));
        });
        res.on("error", reject);
      });
      req.on("timeout", () => req.destroy(new Error(`${method} ${path}: timed out`)));
      req.on("error", reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  get<T = KubeObject>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>("GET", path, undefined, undefined, signal);
  }

  create<T = KubeObject>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>("POST", path, body, undefined, signal);
  }

  replace<T = KubeObject>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.request<T>("PUT", path, body, undefined, signal);
  }

  /** DELETE; `body` carries DeleteOptions, e.g. preconditions on uid and resourceVersion. */
  delete(path: string, body?: unknown): Promise<unknown> {
    return this.request("DELETE", path, body);
  }

  patch<T = KubeObject>(path: string, type: PatchType, body: unknown): Promise<T> {
    const suffix = type === "apply" ? `${path.includes("?") ? "&" : "?"}fieldManager=${FIELD_MANAGER}&force=true` : "";
    return this.request<T>("PATCH", path + suffix, body, patchContentTypes[type]);
  }

  /**
   * Streams watch events until the server closes the stream, `signal` aborts it, or an error. Each
   * line is one event {type, object}.
   */
  async watch(path: string, onEvent: (type: string, object: KubeObject) => void, signal: AbortSignal): Promise<void> {
    const options = await this.options("GET", path, {});
    const send = this.server.protocol === "https:" ? request : httpRequest;
    await new Promise<void>((resolve, reject) => {
      const req = send({ ...options, signal }, (res) => {
        if ((res.statusCode ?? 0) >= 300) {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => reject(new KubeError(res.statusCode ?? 0, "WatchFailed", `watch ${path}: ${res.statusCode} ${Buffer.concat(chunks).toString("utf8")}`)));
          return;
        }
        let buffer = "";
        let failure: Error | undefined;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          if (failure) return;
          buffer += chunk;
          let newline: number;
          while ((newline = buffer.indexOf("\n")) >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (!line) continue;
            try {
              const event = JSON.parse(line) as { type: string; object: KubeObject };
              onEvent(event.type, event.object);
            } catch (error) {
              // The handler refused the stream (e.g. 410 Gone): end it and report why, whatever the socket does next.
              failure = error instanceof Error ? error : new Error(String(error));
              res.destroy();
              reject(failure);
              return;
            }
          }
        });
        res.on("end", () => (failure ? reject(failure) : resolve()));
        res.on("close", () => (failure ? reject(failure) : resolve()));
        res.on("error", (error) => reject(failure ?? error));
      });
      req.on("error", (error) => (signal.aborted ? resolve() : reject(error)));
      req.end();
    });
  }
}

export function environmentsPath(namespace?: string, name?: string): string {
  const base = namespace ? `/apis/${GROUP}/${VERSION}/namespaces/${encodeURIComponent(namespace)}/${PLURAL}` : `/apis/${GROUP}/${VERSION}/${PLURAL}`;
  return name ? `${base}/${encodeURIComponent(name)}` : base;
}
