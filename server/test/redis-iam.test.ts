/**
 * ElastiCache IAM authentication: the token is a SigV4 presigned `GET http://<cache>/?Action=connect&User=<user>`
 * for service elasticache, valid 900 s, without its scheme. redis-server cannot check such a token, so the
 * real-server tests put a TLS proxy in front of it (a seam the test owns) that verifies each AUTH's token the
 * way ElastiCache does, by re-deriving its signature with the credentials, and then authenticates to
 * redis-server with the ACL user's real password.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startProcess, waitUntilReady, type ManagedProcess } from "../../test/env/process.ts";
import type { ServerConfig } from "../config.ts";
import { createRedis } from "../redis.ts";
import { RedisIamAuth, signElastiCacheToken, type AwsCredentials } from "../redis-iam.ts";
import { sigV4Signature, startIamAuthProxy, verifyToken, type IamAuthProxy } from "./iam-proxy.ts";

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
  let auths: IamAuthProxy["auths"] = [];
  let proxy: IamAuthProxy;
  let certDir: string;
  let ca: Buffer;

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
    proxy = await startIamAuthProxy({
      upstream: { host: "127.0.0.1", port: redisPort }, tls: { key: readFileSync(join(certDir, "key.pem")), cert: ca },
      user, cacheName, region, credentials: roleCredentials, upstreamPassword: realPassword,
    });
    auths = proxy.auths;
  });
  afterAll(async () => {
    await proxy?.close();
    await redisServer?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  const config = (): ServerConfig["redis"] => ({ url: `rediss://127.0.0.1:${proxy.port}`, tls: true, authMode: "iam", user, cacheName, cluster: false });
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
      proxy.dropClients();
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
