/**
 * ElastiCache IAM authentication: the token is a SigV4 presigned `GET http://<cache>/?Action=connect&User=<user>`
 * for service elasticache, valid 900 s, without its scheme. redis-server cannot check such a token, so the
 * real-server tests put a TLS proxy in front of it (a seam the test owns) that verifies each AUTH's token the
 * way ElastiCache does, by re-deriving its signature with the credentials, and then authenticates to
 * redis-server with the ACL user's real password.
 */
import { execFileSync } from "node:child_process";
import { createHash, createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect as netConnect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket } from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess, waitUntilReady, type ManagedProcess } from "../../test/env/process.ts";
import type { ServerConfig } from "../config.ts";
import { createRedis } from "../redis.ts";
import { RedisIamAuth, signElastiCacheToken, type AwsCredentials } from "../redis-iam.ts";

const hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();
const rfc3986 = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** SigV4 query signing, step by step as the AWS Signature Version 4 documentation writes it, independent of the module. */
function sigV4Signature(params: Record<string, string>, host: string, secretAccessKey: string, date: string, region: string): string {
  const canonicalQuery = Object.keys(params).filter((k) => k !== "X-Amz-Signature").sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k]!)}`).join("&");
  const canonicalRequest = ["GET", "/", canonicalQuery, `host:${host}\n`, "host", hex("")].join("\n");
  const scope = `${date.slice(0, 8)}/${region}/elasticache/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", date, scope, hex(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date.slice(0, 8)), region), "elasticache"), "aws4_request");
  return createHmac("sha256", key).update(stringToSign).digest("hex");
}

interface TokenCheck { valid: boolean; reason?: string; params: Record<string, string> }

/** What ElastiCache checks: the request, the scope, the expiry and the signature, for this user and cache. */
function verifyToken(token: string, expected: { user: string; cacheName: string; region: string; credentials: AwsCredentials; now?: number }): TokenCheck {
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

describe("the ElastiCache IAM auth token", () => {
  const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
  const signingDate = new Date("2026-03-14T15:09:26Z");

  it("is the presigned connect request without its scheme, signed as the SigV4 documentation derives it", async () => {
    const token = await signElastiCacheToken({ cacheName: "arena-redis", user: "game-server", region: "us-east-1", credentials, signingDate });
    expect(token.startsWith("arena-redis/?")).toBe(true);
    const params = Object.fromEntries(new URL(`http://${token}`).searchParams) as Record<string, string>;
    expect(params).toMatchObject({
      Action: "connect", User: "game-server", "X-Amz-Algorithm": "AWS4-HMAC-SHA256", "X-Amz-Date": "20260314T150926Z",
      "X-Amz-Credential": "AKIDEXAMPLE/20260314/us-east-1/elasticache/aws4_request", "X-Amz-Expires": "900", "X-Amz-SignedHeaders": "host",
    });
    expect(params["X-Amz-Signature"]).toBe(sigV4Signature(params, "arena-redis", credentials.secretAccessKey, "20260314T150926Z", "us-east-1"));
    expect(verifyToken(token, { user: "game-server", cacheName: "arena-redis", region: "us-east-1", credentials, now: signingDate.getTime() })).toMatchObject({ valid: true });
    // The token is a URL query: the credential's slashes are percent-encoded in it.
    expect(token).toContain("X-Amz-Credential=AKIDEXAMPLE%2F20260314%2Fus-east-1%2Felasticache%2Faws4_request");
  });

  it("keeps the current token when a renewal fails, says so, and renews once credentials are back", async () => {
    let failing = false;
    const errors: unknown[] = [];
    const auth = await RedisIamAuth.start({
      cacheName: "arena-redis", user: "game-server", region: "us-east-1", refreshMs: 1_050, onError: (error) => errors.push(error),
      credentials: async () => {
        if (failing) throw new Error("credentials endpoint unavailable");
        return credentials;
      },
    });
    try {
      const first = auth.token;
      failing = true;
      await auth.refresh();
      expect(auth.token).toBe(first);
      expect(String(errors[0])).toContain("credentials endpoint unavailable");
      failing = false;
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      await auth.refresh();
      expect(auth.token).not.toBe(first);
    } finally {
      auth.stop();
    }
  });

  it("carries and signs the session token of temporary (task role) credentials", async () => {
    const temporary = { ...credentials, sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE/+=" };
    const token = await signElastiCacheToken({ cacheName: "arena-redis", user: "game-server", region: "eu-west-1", credentials: async () => temporary, signingDate });
    expect(verifyToken(token, { user: "game-server", cacheName: "arena-redis", region: "eu-west-1", credentials: temporary, now: signingDate.getTime() })).toMatchObject({ valid: true });
    expect(verifyToken(token, { user: "someone-else", cacheName: "arena-redis", region: "eu-west-1", credentials: temporary, now: signingDate.getTime() }).valid).toBe(false);
    expect(verifyToken(token, { user: "game-server", cacheName: "arena-redis", region: "eu-west-1", credentials: { ...temporary, secretAccessKey: "x" }, now: signingDate.getTime() }).valid).toBe(false);
  });
});

/** RESP: the first complete command array in `buffer`, and where it ends. */
function firstCommand(buffer: Buffer): { args: string[]; end: number } | undefined {
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

describe("a Redis connection with IAM authentication, against redis-server behind a verifying TLS proxy", () => {
  const user = "game-server";
  const cacheName = "arena-redis";
  const region = "us-east-1";
  const realPassword = "acl-password-only-the-proxy-knows";
  let credentialsServed = 0;
  const roleCredentials: AwsCredentials = { accessKeyId: "ASIATASKROLE", secretAccessKey: "task-role-secret", sessionToken: "task-role-session" };
  const provider = async () => {
    credentialsServed++;
    return roleCredentials;
  };
  let redisServer: ManagedProcess;
  let proxy: TlsServer;
  let proxyPort: number;
  let certDir: string;
  let ca: Buffer;
  const auths: { at: number; user: string; token: string; check: TokenCheck }[] = [];
  const clientSockets = new Set<TLSSocket>();

  beforeAll(async () => {
    const redisPort = await freePort();
    redisServer = startProcess("redis-server", process.env.GAMECTL_REDIS_SERVER ?? "redis-server", [
      "--bind", "127.0.0.1", "--port", String(redisPort), "--save", "", "--appendonly", "no", "--protected-mode", "no",
      // redis-server joins the words after --user into one ACL rule line.
      "--user", user, "on", `>${realPassword}`, "~*", "&*", "+@all", "--user", "default", "off",
    ], "Install it with `apt-get install -y redis-server`.");
    const answers = () => new Promise<boolean>((resolve) => {
      const socket = netConnect({ host: "127.0.0.1", port: redisPort }, () => socket.write("PING\r\n"));
      socket.once("data", (data) => { socket.destroy(); resolve(data.toString().startsWith("-NOAUTH")); });
      socket.once("error", () => resolve(false));
    });
    await waitUntilReady("redis-server", redisServer, answers, 10_000, "Install it with `apt-get install -y redis-server`.");

    // A throw-away certificate for the proxy's TLS: ElastiCache only takes IAM auth over TLS.
    certDir = mkdtempSync(join(tmpdir(), "redis-iam-"));
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", join(certDir, "key.pem"), "-out", join(certDir, "cert.pem")], { stdio: "ignore" });
    ca = readFileSync(join(certDir, "cert.pem"));
    proxy = createTlsServer({ key: readFileSync(join(certDir, "key.pem")), cert: ca }, (client) => {
      clientSockets.add(client);
      const upstream: Socket = netConnect({ host: "127.0.0.1", port: redisPort });
      let pending: Buffer | undefined = Buffer.alloc(0);
      const close = () => { client.destroy(); upstream.destroy(); clientSockets.delete(client); };
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
          const check = verifyToken(command.args[2]!, { user, cacheName, region, credentials: roleCredentials });
          auths.push({ at: Date.now(), user: command.args[1]!, token: command.args[2]!, check });
          // As ElastiCache would: a valid token for this user authenticates as that user, anything else does not.
          first = Buffer.from(resp(["AUTH", command.args[1]!, check.valid ? realPassword : "invalid-token"]));
        }
        upstream.write(Buffer.concat([first, pending.subarray(command.end)]));
        pending = undefined;
      });
    });
    proxyPort = await freePort();
    await new Promise<void>((resolve) => proxy.listen(proxyPort, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    for (const socket of clientSockets) socket.destroy();
    await new Promise<void>((resolve) => proxy?.close(() => resolve()));
    await redisServer?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  const config = (): ServerConfig["redis"] => ({ url: `rediss://127.0.0.1:${proxyPort}`, tls: true, authMode: "iam", user, cacheName });
  const waitFor = async (what: string, probe: () => boolean, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!probe()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  it("authenticates as REDIS_USER with a valid presigned token, over TLS", async () => {
    const auth = await RedisIamAuth.start({ user, cacheName, region, credentials: provider });
    const redis = createRedis(config(), { tls: { ca } }, auth);
    try {
      const before = auths.length;
      expect(await redis.set("iam:key", "v")).toBe("OK");
      expect(await redis.call("ACL", "WHOAMI")).toBe(user);
      const seen = auths.slice(before);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ user, check: { valid: true } });
      expect(credentialsServed).toBeGreaterThan(0);
    } finally {
      redis.disconnect();
      auth.stop();
    }
  });

  it("refuses to build an IAM connection without a started signer", () => {
    expect(() => createRedis(config())).toThrow(/REDIS_AUTH_MODE=iam/);
  });

  it("reconnects with a fresh token: the one signed at start has been renewed by then", async () => {
    const auth = await RedisIamAuth.start({ user, cacheName, region, credentials: provider, refreshMs: 1_100 });
    const redis = createRedis(config(), { tls: { ca } }, auth);
    try {
      const before = auths.length;
      await redis.ping();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      // The connection drops (a failover, a network blip): ioredis reconnects by itself.
      for (const socket of clientSockets) socket.destroy();
      await waitFor("a second AUTH", () => auths.length >= before + 2);
      expect(await redis.ping()).toBe("PONG");
      const [first, second] = auths.slice(before);
      expect(first!.check.valid && second!.check.valid).toBe(true);
      expect(second!.token).not.toBe(first!.token);
      // Signed later, by the renewal: X-Amz-Date (yyyymmddThhmmssZ) orders as text.
      expect(second!.check.params["X-Amz-Date"]! > first!.check.params["X-Amz-Date"]!).toBe(true);
    } finally {
      redis.disconnect();
      auth.stop();
    }
  });

  it("replaces each connection before its age limit, one connection at a time, and keeps working", async () => {
    const auth = await RedisIamAuth.start({ user, cacheName, region, credentials: provider, refreshMs: 200, maxConnectionAgeMs: 400, jitterMs: 0, recycleGapMs: 500 });
    const one = createRedis(config(), { tls: { ca } }, auth);
    const two = one.duplicate();
    try {
      const before = auths.length;
      await Promise.all([one.ping(), two.ping()]);
      // Two connections made, then each replaced at least once more by the age limit alone.
      await waitFor("connections replaced after their age limit", () => auths.length >= before + 4, 15_000);
      expect(auths.slice(before).every((a) => a.check.valid)).toBe(true);
      const recycles = auths.slice(before + 2).map((a) => a.at);
      // The gap is 500 ms between two ends; reconnect delays vary, so the AUTHs are checked with slack.
      for (let i = 1; i < recycles.length; i++) expect(recycles[i]! - recycles[i - 1]!).toBeGreaterThanOrEqual(300);
      expect(await one.ping()).toBe("PONG");
      expect(await two.get("iam:key")).toBe("v");
    } finally {
      one.disconnect();
      two.disconnect();
      auth.stop();
    }
  });
});
