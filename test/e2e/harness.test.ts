import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { SignatureV4 } from "@smithy/signature-v4";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageConfig } from "./harness/dockerfile.ts";
import { startTaskMetadata } from "./harness/ecs-metadata.ts";
import { startIamAuthProxy, type IamAuthProxy } from "./harness/iam-auth-proxy.ts";
import { startRoundRobin } from "./harness/round-robin.ts";
import { makeCertificates, startTlsRedis, type TestCertificates, type TlsRedis } from "./harness/tls-redis.ts";

/** The production-shape harness of test/e2e, each piece on its own (no moto, no controller). */

const dockerfile = fileURLToPath(new URL("../../Dockerfile", import.meta.url));

/** node:crypto as the smithy signer's hash, so the test signs like the AWS SDK without another dependency. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) => (typeof data === "string" ? Buffer.from(data) : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));
class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** An ElastiCache IAM auth token as AWS documents it: the presigned GET without its scheme. */
async function elastiCacheToken(options: { cacheName: string; user: string; accessKeyId: string; secretAccessKey: string; sessionToken?: string; signedAt?: Date; expiresIn?: number }): Promise<string> {
  const signer = new SignatureV4({
    service: "elasticache", region: "us-east-1", sha256: NodeSha256,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, ...(options.sessionToken ? { sessionToken: options.sessionToken } : {}) },
  });
  const signed = await signer.presign(
    { method: "GET", protocol: "http:", hostname: options.cacheName, path: "/", query: { Action: "connect", User: options.user }, headers: { host: options.cacheName } },
    { expiresIn: options.expiresIn ?? 900, ...(options.signedAt ? { signingDate: options.signedAt } : {}) },
  );
  const query = Object.entries(signed.query ?? {}).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`).join("&");
  return `${options.cacheName}/?${query}`;
}

describe("Dockerfile targets", () => {
  it("resolves ENTRYPOINT, CMD, ENV, WORKDIR and USER through the stages, as Docker does", () => {
    const server = imageConfig(dockerfile, "server");
    expect(server.entrypoint[0]).toBe("node");
    expect(server.env.NODE_ENV).toBe("production");
    expect(server.workdir).toBe("/app");
    expect(server.user).toBe("65532:65532");
    const controller = imageConfig(dockerfile, "controller");
    expect(controller.entrypoint).toEqual(["node", "bin/gamectl.js", "controller"]);
    expect(controller.cmd).toContain("--leader-elect");
    expect(() => imageConfig(dockerfile, "nope")).toThrow(/no stage "nope"/);
  });
});

describe("round-robin TCP proxy", () => {
  it("hands each new connection to the next backend", async () => {
    const servers = await Promise.all(["a", "b"].map((name) => new Promise<{ port: number; close: () => void }>((resolve) => {
      const server = createServer((_req, res) => res.end(name)).listen(0, "127.0.0.1", () => {
        const address = server.address();
        resolve({ port: typeof address === "object" && address ? address.port : 0, close: () => server.close() });
      });
    })));
    const proxy = await startRoundRobin(servers.map((s) => ({ host: "127.0.0.1", port: s.port })));
    const answers: string[] = [];
    for (let i = 0; i < 4; i++) answers.push(await (await fetch(`http://127.0.0.1:${proxy.port}/`, { headers: { connection: "close" } })).text());
    expect(answers).toEqual(["a", "b", "a", "b"]);
    expect(proxy.counts).toEqual([2, 2]);
    proxy.advance();
    expect(await (await fetch(`http://127.0.0.1:${proxy.port}/`, { headers: { connection: "close" } })).text()).toBe("b");
    await proxy.close();
    for (const s of servers) s.close();
  });
});

describe("ECS task metadata v4", () => {
  it("serves the container and task JSON with the task's private IP", async () => {
    const metadata = await startTaskMetadata({ ipv4: "127.0.0.1", cluster: "arena", family: "arena-game", revision: "3", containerName: "game", image: "gamectl-server" });
    const container = await (await fetch(metadata.uri)).json() as { Name: string; Networks: Array<{ IPv4Addresses: string[] }> };
    expect(container.Name).toBe("game");
    expect(container.Networks[0]!.IPv4Addresses).toEqual(["127.0.0.1"]);
    const task = await (await fetch(`${metadata.uri}/task`)).json() as { LaunchType: string; Containers: Array<{ Networks: Array<{ IPv4Addresses: string[] }> }> };
    expect(task.LaunchType).toBe("FARGATE");
    expect(task.Containers[0]!.Networks[0]!.IPv4Addresses).toEqual(["127.0.0.1"]);
    expect((await fetch(`${metadata.uri}/stats`)).status).toBe(404);
    await metadata.close();
  });
});

describe("TLS redis-server and the ElastiCache IAM auth check", () => {
  let certs: TestCertificates;
  let redis: TlsRedis;
  let proxy: IamAuthProxy;
  const key = { accessKeyId: "ASIAEXAMPLEEXAMPLE01", secretAccessKey: "secret-of-the-task-role", sessionToken: "session-token" };
  const unauthorized = { accessKeyId: "ASIAEXAMPLEEXAMPLE02", secretAccessKey: "secret-of-another-role", sessionToken: "other-token" };

  beforeAll(async () => {
    certs = makeCertificates();
    redis = await startTlsRedis(certs);
    await redis.requirePassword("the-auth-token-0123456789");
    await redis.addUser("game-user", "acl-password-of-game-user");
    proxy = await startIamAuthProxy({
      certs, cacheName: "arena-prod", region: "us-east-1", user: "game-user", redisPassword: "acl-password-of-game-user", redisPort: redis.port,
      secretFor: async (id) => (id === key.accessKeyId ? key : id === unauthorized.accessKeyId ? unauthorized : undefined),
      authorize: async (id, cacheName, user) => (id === unauthorized.accessKeyId ? `${id} may not elasticache:Connect to ${cacheName} as ${user}` : undefined),
    });
  });

  afterAll(async () => {
    await proxy?.close();
    await redis?.stop();
    certs?.remove();
  });

  const connect = (port: number, username: string | undefined, password: string) =>
    new Redis({ host: "127.0.0.1", port, tls: { ca: readFileSync(certs.caFile) }, username, password, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });

  /** ioredis reports a refused AUTH as an error event, then rejects connect() with "Connection is closed". */
  async function authError(client: Redis): Promise<string> {
    const errors: string[] = [];
    client.on("error", (error: Error) => errors.push(error.message));
    await client.connect().catch((error: Error) => errors.push(error.message));
    client.disconnect();
    return errors.join("; ");
  }

  it("speaks only TLS and asks for the AUTH token", async () => {
    const good = connect(redis.port, undefined, "the-auth-token-0123456789");
    await good.connect();
    expect(await good.ping()).toBe("PONG");
    good.disconnect();
    expect(await authError(connect(redis.port, undefined, "wrong"))).toMatch(/WRONGPASS/);
  });

  it("accepts a presigned token for the right group, user and key, and refuses the rest", async () => {
    const token = await elastiCacheToken({ cacheName: "arena-prod", user: "game-user", ...key });
    const client = connect(proxy.port, "game-user", token);
    await client.connect();
    expect(await client.set("k", "v")).toBe("OK");
    expect(await client.get("k")).toBe("v");
    client.disconnect();
    const refusedBy = async (bad: string, username = "game-user") => {
      expect(await authError(connect(proxy.port, username, bad))).toMatch(/WRONGPASS/);
      return proxy.refusals.at(-1);
    };
    expect(await refusedBy(await elastiCacheToken({ cacheName: "arena-prod", user: "game-user", ...key, secretAccessKey: "not-the-secret" }))).toMatch(/signature mismatch/);
    expect(await refusedBy(await elastiCacheToken({ cacheName: "other-group", user: "game-user", ...key }))).toMatch(/host\/path other-group/);
    expect(await refusedBy(await elastiCacheToken({ cacheName: "arena-prod", user: "someone", ...key }), "someone")).toMatch(/User=someone/);
    expect(await refusedBy(await elastiCacheToken({ cacheName: "arena-prod", user: "game-user", ...key, signedAt: new Date(Date.now() - 20 * 60_000) }))).toMatch(/expired/);
    expect(await refusedBy("the-auth-token-0123456789")).toMatch(/access key {2}is unknown|presigned/);
    expect(await refusedBy(await elastiCacheToken({ cacheName: "arena-prod", user: "game-user", ...unauthorized }))).toMatch(/may not elasticache:Connect/);
    expect(proxy.accepted).toBe(1);
  });
});
