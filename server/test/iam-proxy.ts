/**
 * A test-side stand-in for ElastiCache's IAM check. redis-server cannot verify a SigV4 token, so this TLS (or
 * plain) TCP proxy in front of it reads each connection's AUTH, verifies the token as ElastiCache does (the
 * presigned connect request for this user and cache, in date, signed with the caller's credentials), and
 * authenticates upstream with the ACL user's real password only when it is valid. Reusable by any suite that
 * runs the server with REDIS_AUTH_MODE=iam (e.g. with role credentials minted for the task role).
 */
import { createHash, createHmac } from "node:crypto";
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from "node:net";
import { createServer as createTlsServer, type Server as TlsServer } from "node:tls";
import type { AwsCredentials } from "../redis-iam.ts";

const hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 query signing, step by step as the AWS Signature Version 4 documentation writes it, independent of the module. */
export function sigV4Signature(params: Record<string, string>, host: string, secretAccessKey: string, date: string, region: string): string {
  const canonicalQuery = Object.keys(params).filter((k) => k !== "X-Amz-Signature").sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k]!)}`).join("&");
  const canonicalRequest = ["GET", "/", canonicalQuery, `host:${host}\n`, "host", hex("")].join("\n");
  const scope = `${date.slice(0, 8)}/${region}/elasticache/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, hex(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date.slice(0, 8)), region), "elasticache"), "aws4_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

export interface TokenCheck { valid: boolean; reason?: string; params: Record<string, string> }

/** What ElastiCache checks: the request, the scope, the expiry and the signature, for this user and cache. */
export function verifyToken(token: string, expected: { user: string; cacheName: string; region: string; credentials: AwsCredentials; now?: number }): TokenCheck {
  const fail = (reason: string, params: Record<string, string> = {}) => ({ valid: false, reason, params });
  if (/^[a-z]+:\/\//.test(token)) return fail("token must not carry a scheme");
  const url = new URL(`http://${token}`);
  const params = Object.fromEntries(url.searchParams) as Record<string, string>;
  if (url.host !== expected.cacheName || url.pathname !== "/") return fail(`host/path ${url.host}${url.pathname}`, params);
  if (params.Action !== "connect" || params.User !== expected.user) return fail(`Action=${params.Action} User=${params.User}`, params);
  if (params["X-Amz-Algorithm"] !== "AWS4-HMAC-SHA256" || params["X-Amz-SignedHeaders"] !== "host") return fail("algorithm or signed headers", params);
  if (params["X-Amz-Expires"] !== "900") return fail(`X-Amz-Expires=${params["X-Amz-Expires"]}`, params);
  const date = params["X-Amz-Date"] ?? "";
  const scope = `${date.slice(0, 8)}/${expected.region}/elasticache/aws4_request`;
  if (params["X-Amz-Credential"] !== `${expected.credentials.accessKeyId}/${scope}`) return fail(`credential ${params["X-Amz-Credential"]}`, params);
  if (expected.credentials.sessionToken !== undefined && params["X-Amz-Security-Token"] !== expected.credentials.sessionToken) return fail("session token", params);
  const signedAt = Date.parse(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  if (!(signedAt <= (expected.now ?? Date.now()) + 1_000 && (expected.now ?? Date.now()) < signedAt + 900_000)) return fail(`expired or future (${date})`, params);
  const signature = sigV4Signature(params, expected.cacheName, expected.credentials.secretAccessKey, date, expected.region);
  return signature === params["X-Amz-Signature"] ? { valid: true, params } : fail("signature mismatch", params);
}

/** RESP: the first complete command array in `buffer`, and where it ends. */
export function firstCommand(buffer: Buffer): { args: string[]; end: number } | undefined {
  const text = buffer.toString("latin1");
  if (!text.startsWith("*")) return undefined;
  let at = text.indexOf("\r\n");
  if (at < 0) return undefined;
  const count = Number(text.slice(1, at));
  at += 2;
  const args: string[] = [];
  for (let i = 0; i < count; i++) {
    const lineEnd = text.indexOf("\r\n", at);
    if (lineEnd < 0) return undefined;
    const length = Number(text.slice(at + 1, lineEnd));
    const start = lineEnd + 2;
    if (text.length < start + length + 2) return undefined;
    args.push(buffer.subarray(start, start + length).toString("utf8"));
    at = start + length + 2;
  }
  return { args, end: at };
}
const resp = (args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join("")}`;

export interface AuthRecord { at: number; user: string; token: string; check: TokenCheck }

export interface IamAuthProxy {
  readonly port: number;
  /** Every AUTH seen, in order, with the verdict. */
  readonly auths: AuthRecord[];
  /** Drops every client connection (a failover or network blip, as the client sees it). */
  dropClients(): void;
  close(): Promise<void>;
}

export interface IamAuthProxyOptions {
  upstream: { host: string; port: number };
  /** Terminates TLS with this key pair, as ElastiCache's in-transit encryption; plain TCP without. */
  tls?: { key: Buffer; cert: Buffer };
  user: string;
  cacheName: string;
  region: string;
  /** The credentials a token must be signed with (a function: e.g. the role credentials current when the AUTH arrives). */
  credentials: AwsCredentials | (() => AwsCredentials);
  /** The ACL password of `user` on the upstream redis-server. */
  upstreamPassword: string;
}

export async function startIamAuthProxy(options: IamAuthProxyOptions): Promise<IamAuthProxy> {
  const auths: AuthRecord[] = [];
  const clients = new Set<Socket>();
  const handle = (client: Socket) => {
    clients.add(client);
    const upstream: Socket = netConnect(options.upstream);
    let pending: Buffer | undefined = Buffer.alloc(0);
    const close = () => { client.destroy(); upstream.destroy(); clients.delete(client); };
    client.on("error", close).on("close", close);
    upstream.on("error", close).on("close", close);
    upstream.pipe(client);
    client.on("data", (chunk: Buffer) => {
      if (pending === undefined) return void upstream.write(chunk);
      pending = Buffer.concat([pending, chunk]);
      const command = firstCommand(pending);
      if (!command) return;
      let first = pending.subarray(0, command.end);
      if (command.args[0]?.toUpperCase() === "AUTH" && command.args.length === 3) {
        const credentials = typeof options.credentials === "function" ? options.credentials() : options.credentials;
        const check = verifyToken(command.args[2]!, { user: options.user, cacheName: options.cacheName, region: options.region, credentials });
        auths.push({ at: Date.now(), user: command.args[1]!, token: command.args[2]!, check });
        // As ElastiCache would: a valid token for this user authenticates as that user, anything else does not.
        first = Buffer.from(resp(["AUTH", command.args[1]!, check.valid && command.args[1] === options.user ? options.upstreamPassword : "invalid-token"]));
      }
      upstream.write(Buffer.concat([first, pending.subarray(command.end)]));
      pending = undefined;
    });
  };
  const server: NetServer | TlsServer = options.tls ? createTlsServer(options.tls, handle) : createNetServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    auths,
    dropClients: () => { for (const client of clients) client.destroy(); },
    close: () => new Promise<void>((resolve) => {
      for (const client of clients) client.destroy();
      server.close(() => resolve());
    }),
  };
}
