/**
 * ElastiCache IAM authentication for Redis. The password is a short-lived token: a SigV4 presigned
 * `GET http://<replication group id>/?Action=connect&User=<user>` for the service `elasticache`, valid for
 * 900 seconds, without its `http://` scheme, signed with the task role's credentials (the SDK's default
 * chain, which on ECS reads AWS_CONTAINER_CREDENTIALS_FULL_URI). A token is checked only when a connection
 * authenticates, and ElastiCache closes IAM-authenticated connections after 12 hours, so this module keeps
 * a fresh token where ioredis reads it at every (re)connect, and replaces each connection before 12 hours.
 */
import { createHash, createHmac, type Hash, type Hmac } from "node:crypto";
import { createConnection } from "node:net";
import { connect as tlsConnect, type ConnectionOptions } from "node:tls";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { SignatureV4 } from "@smithy/signature-v4";
import { AbstractConnector, type RedisOptions } from "ioredis";
import { StartupError, type ServerConfig } from "./config.ts";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialProvider = () => Promise<AwsCredentials>;

/** How long a token is valid; ElastiCache's maximum. */
const TOKEN_TTL_SECONDS = 900;

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): Buffer => (typeof data === "string"
  ? Buffer.from(data, "utf8")
  : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));

/** SHA-256 and HMAC-SHA-256 from node:crypto, in the shape the SigV4 signer asks for. */
class Sha256 {
  readonly #secret: SourceData | undefined;
  #hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.#secret = secret;
    this.#hash = this.#fresh();
  }
  #fresh(): Hash | Hmac {
    return this.#secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(this.#secret));
  }
  update(data: SourceData): void {
    this.#hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
  reset(): void {
    this.#hash = this.#fresh();
  }
}

const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface TokenRequest {
  /** The replication group id: the host of the signed request. */
  cacheName: string;
  /** The ElastiCache user id the token authenticates as. */
  user: string;
  region: string;
  credentials: AwsCredentials | CredentialProvider;
  signingDate?: Date;
}

/** One IAM auth token, as AWS documents it for ElastiCache (the same request its SDK samples presign). */
export async function signElastiCacheToken(request: TokenRequest): Promise<string> {
  const signer = new SignatureV4({ service: "elasticache", region: request.region, credentials: request.credentials, sha256: Sha256 });
  const presigned = await signer.presign({
    method: "GET", protocol: "http:", hostname: request.cacheName, path: "/",
    query: { Action: "connect", User: request.user }, headers: { host: request.cacheName },
  }, { expiresIn: TOKEN_TTL_SECONDS, ...(request.signingDate ? { signingDate: request.signingDate } : {}) });
  const query = Object.entries(presigned.query ?? {})
    .flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string").map((v) => `${rfc3986(key)}=${rfc3986(v)}`))
    .join("&");
  return `${request.cacheName}/?${query}`;
}

export interface RedisIamAuthOptions {
  user: string;
  cacheName: string;
  region: string;
  /** Defaults to the SDK's default chain (the ECS container credentials endpoint on ECS). */
  credentials?: CredentialProvider;
  /** How often a new token is signed; well under the 15 minutes a token lives. */
  refreshMs?: number;
  /** A connection is replaced after this age plus up to `jitterMs`, before ElastiCache's 12-hour limit. */
  maxConnectionAgeMs?: number;
  jitterMs?: number;
  /** At least this long between two replacements, so the connections of a process never all drop at once. */
  recycleGapMs?: number;
  /** Told when a renewal fails; the previous token stays in use until it expires, and renewal is retried. */
  onError?: (error: unknown) => void;
}

type ResolvedOptions = Required<Omit<RedisIamAuthOptions, "credentials" | "onError">> & Pick<RedisIamAuthOptions, "onError"> & { credentials: CredentialProvider };
type ConnectorOptions = RedisOptions & { host?: string; port?: number; path?: string; family?: number; disconnectTimeout?: number };

/**
 * The token source for every connection of a process. `redisOptions()` gives ioredis the user, the current
 * token and a connector that keeps the token of each connection's options fresh (duplicates included: ioredis
 * copies the connector into them) and ends each connection before the age limit.
 */
export class RedisIamAuth {
  readonly #options: ResolvedOptions;
  #token: string;
  #refreshTimer: NodeJS.Timeout | undefined;
  /** The options object of every connection made through this signer: ioredis reads `password` from it at each connect. */
  readonly #tracked = new Set<WeakRef<ConnectorOptions>>();
  readonly #recycleTimers = new Set<NodeJS.Timeout>();
  #recycling: Promise<void> = Promise.resolve();
  #stopped = false;

  private constructor(options: ResolvedOptions, token: string) {
    this.#options = options;
    this.#token = token;
  }

  /** Signs the first token before any connection exists, so the first connect already authenticates. */
  static async start(options: RedisIamAuthOptions): Promise<RedisIamAuth> {
    const resolved: ResolvedOptions = {
      user: options.user, cacheName: options.cacheName, region: options.region,
      credentials: options.credentials ?? (defaultProvider() as CredentialProvider),
      refreshMs: options.refreshMs ?? 10 * 60_000,
      maxConnectionAgeMs: options.maxConnectionAgeMs ?? 11 * 3_600_000,
      jitterMs: options.jitterMs ?? 30 * 60_000,
      recycleGapMs: options.recycleGapMs ?? 5_000,
      ...(options.onError ? { onError: options.onError } : {}),
    };
    const auth = new RedisIamAuth(resolved, await signElastiCacheToken({ ...resolved }));
    auth.#schedule(resolved.refreshMs);
    return auth;
  }

  get token(): string {
    return this.#token;
  }

  #schedule(delayMs: number): void {
    // One renewal timer at a time, also when refresh() is called outside it.
    clearTimeout(this.#refreshTimer);
    if (this.#stopped) return;
    this.#refreshTimer = setTimeout(() => { void this.refresh(); }, delayMs);
    this.#refreshTimer.unref();
  }

  /** Signs a new token and hands it to every live connection's options, for its next (re)connect. */
  async refresh(): Promise<void> {
    try {
      this.#token = await signElastiCacheToken({ ...this.#options });
      for (const ref of this.#tracked) {
        const options = ref.deref();
        if (options) options.password = this.#token;
        else this.#tracked.delete(ref);
      }
      this.#schedule(this.#options.refreshMs);
    } catch (error) {
      this.#options.onError?.(error);
      // The current token still has minutes to live: try again soon rather than at the next period.
      this.#schedule(Math.min(30_000, this.#options.refreshMs));
    }
  }

  /** What createRedis merges into a connection's options. */
  redisOptions(): Pick<RedisOptions, "username" | "password" | "Connector"> {
    // The connector class reaches this signer through these closures (its own `this` is the connector).
    const track = (options: ConnectorOptions) => {
      options.password = this.#token;
      this.#tracked.add(new WeakRef(options));
    };
    const limitAge = (stream: Parameters<RedisIamAuth["limitAge"]>[0]) => this.limitAge(stream);
    class IamConnector extends AbstractConnector {
      readonly #redisOptions: ConnectorOptions;
      // ioredis hands each connector its connection's own (merged) options object.
      constructor(redisOptions: unknown) {
        const options = redisOptions as ConnectorOptions;
        super(options.disconnectTimeout ?? 2_000);
        this.#redisOptions = options;
        track(options);
      }
      // As ioredis's own standalone connector, plus the age limit on the stream it opens.
      connect(): ReturnType<AbstractConnector["connect"]> {
        const options = this.#redisOptions;
        // ioredis has already read options.password for this connect (the renewal timer keeps it fresh).
        this.connecting = true;
        const target: ConnectionOptions & { host?: string; port?: number; path?: string; family?: number } = options.path
          ? { path: options.path }
          : { ...(options.port != null ? { port: options.port } : {}), ...(options.host != null ? { host: options.host } : {}), ...(options.family != null ? { family: options.family } : {}) };
        return new Promise((resolve, reject) => {
          process.nextTick(() => {
            if (!this.connecting) return reject(new Error("Connection is closed."));
            try {
              const stream = options.tls ? tlsConnect({ ...target, ...options.tls }) : createConnection(target as Parameters<typeof createConnection>[0]);
              this.stream = stream;
              stream.once("error", (error: Error) => { this.firstError = error; });
              limitAge(stream);
              resolve(stream);
            } catch (error) {
              reject(error as Error);
            }
          });
        });
      }
    }
    return { username: this.#options.user, password: this.#token, Connector: IamConnector };
  }

  /** Ends the stream before ElastiCache's limit; ioredis then reconnects with the current token and resends. */
  private limitAge(stream: { end(): void; destroyed: boolean; once(event: "close", listener: () => void): unknown }): void {
    if (this.#stopped) return;
    const timer = setTimeout(() => {
      this.#recycleTimers.delete(timer);
      this.#recycling = this.#recycling.then(async () => {
        if (this.#stopped || stream.destroyed) return;
        stream.end();
        await new Promise((resolve) => setTimeout(resolve, this.#options.recycleGapMs).unref());
      });
    }, this.#options.maxConnectionAgeMs + Math.random() * this.#options.jitterMs);
    timer.unref();
    this.#recycleTimers.add(timer);
    stream.once("close", () => {
      clearTimeout(timer);
      this.#recycleTimers.delete(timer);
    });
  }

  /** The signer for a loaded configuration (REDIS_AUTH_MODE=iam), or undefined for the other modes. */
  static async forConfig(redis: ServerConfig["redis"], region: string, onError?: (error: unknown) => void): Promise<RedisIamAuth | undefined> {
    if (redis.authMode !== "iam") return undefined;
    if (redis.user === undefined || redis.cacheName === undefined) throw new StartupError("REDIS_AUTH_MODE=iam needs REDIS_USER and REDIS_CACHE_NAME");
    try {
      return await RedisIamAuth.start({ user: redis.user, cacheName: redis.cacheName, region, ...(onError ? { onError } : {}) });
    } catch (error) {
      throw new StartupError(`REDIS_AUTH_MODE=iam: cannot sign an ElastiCache IAM auth token for REDIS_USER=${redis.user} (${error instanceof Error ? error.message : String(error)}): give the process AWS credentials (on ECS, the task role) allowed elasticache:Connect`);
    }
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#refreshTimer);
    for (const timer of this.#recycleTimers) clearTimeout(timer);
    this.#recycleTimers.clear();
  }
}
