import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { matchMaker } from "@colyseus/core";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadServerConfig } from "../config.ts";
import { ecsTaskAddress } from "../ecs-metadata.ts";
import { startGameServer } from "../main.ts";
import { GameMetrics } from "../metrics.ts";
import { redisKeys } from "../keys.ts";
import { prepareBackends } from "./fixtures.ts";

/** A container as the task metadata endpoint v4 documents it on Fargate (awsvpc), trimmed to stable fields. */
function container(name: string, dockerId: string, address: string | undefined) {
  return {
    DockerId: dockerId, Name: name, DockerName: name, Image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/game-server:1.4.0",
    DesiredStatus: "RUNNING", KnownStatus: "RUNNING", Type: "NORMAL", Limits: { CPU: 0 },
    ContainerARN: `arn:aws:ecs:us-east-1:111122223333:container/${dockerId}`,
    Networks: address === undefined ? [] : [{
      NetworkMode: "awsvpc", IPv4Addresses: [address], AttachmentIndex: 0, MACAddress: "0a:de:f6:10:51:e5",
      IPv4SubnetCIDRBlock: "10.20.1.0/24", PrivateDNSName: `ip-${address.replaceAll(".", "-")}.ec2.internal`, SubnetGatewayIpv4Address: "10.20.1.1/24",
    }],
  };
}

/** The agent's endpoint: GET <base> is this container, GET <base>/task the task with all its containers. */
interface Metadata { own?: unknown; task?: unknown; status?: number }
let metadata: Metadata = {};
let endpoint: Server;
let base: string;
const requests: string[] = [];

beforeAll(async () => {
  endpoint = createServer((req, res) => {
    requests.push(req.url ?? "");
    const body = req.url?.endsWith("/task") ? metadata.task : metadata.own;
    if (metadata.status !== undefined || body === undefined) return void res.writeHead(metadata.status ?? 404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/v4/a8ac2df6-6f82-4c0b-a7f5-0123456789ab-2470140894`;
});
afterAll(() => new Promise<void>((resolve) => endpoint.close(() => resolve())));
afterEach(() => {
  metadata = {};
  requests.length = 0;
});

const task = (containers: unknown[]) => ({
  Cluster: "arn:aws:ecs:us-east-1:111122223333:cluster/games", TaskARN: "arn:aws:ecs:us-east-1:111122223333:task/games/a8ac2df6",
  Family: "games-arena-game-server", Revision: "3", DesiredStatus: "RUNNING", KnownStatus: "RUNNING", LaunchType: "FARGATE",
  AvailabilityZone: "us-east-1a", Containers: containers,
});

describe("the task's private address from the ECS metadata endpoint v4", () => {
  it("is this container's own first network address", async () => {
    metadata = { own: container("game-server", "a8ac-game", "10.20.1.23"), task: task([container("sidecar", "a8ac-side", "10.20.1.99")]) };
    expect(await ecsTaskAddress(base)).toBe("10.20.1.23");
    expect(requests).toEqual([new URL(base).pathname]);
  });

  it("falls back to this container's entry in the task metadata", async () => {
    metadata = { own: container("game-server", "a8ac-game", undefined), task: task([container("sidecar", "a8ac-side", "10.20.1.99"), container("game-server", "a8ac-game", "10.20.1.24")]) };
    expect(await ecsTaskAddress(base)).toBe("10.20.1.24");
  });

  it("fails naming the variable and the fix when the endpoint does not answer or lists no address", async () => {
    metadata = { status: 500 };
    await expect(ecsTaskAddress(base, { attempts: 2, delayMs: 10 })).rejects.toThrow(/^ECS_CONTAINER_METADATA_URI_V4=http.*answered 500.*ADVERTISE_ADDRESS/);
    expect(requests).toHaveLength(2);
    metadata = { own: container("game-server", "a8ac-game", undefined), task: task([container("game-server", "a8ac-game", undefined)]) };
    await expect(ecsTaskAddress(base, { attempts: 1 })).rejects.toThrow(/ECS_CONTAINER_METADATA_URI_V4=.*IPv4Addresses/);
    await expect(ecsTaskAddress("http://127.0.0.1:1/v4/none", { attempts: 1 })).rejects.toThrow(/^ECS_CONTAINER_METADATA_URI_V4=/);
  });
});

describe("a server started on ECS", () => {
  let env: Record<string, string>;
  beforeAll(async () => {
    ({ env } = await prepareBackends("ecs-metadata"));
  });

  it("advertises the task's IP and its port to the relay, not 127.0.0.1", async () => {
    metadata = { own: container("game-server", "a8ac-game", "10.20.1.23"), task: task([container("game-server", "a8ac-game", "10.20.1.23")]) };
    const config = loadServerConfig({ ...env, ECS_CONTAINER_METADATA_URI_V4: base });
    const server = await startGameServer(config, { log: pino({ level: "silent" }), metrics: new GameMetrics({ write: () => undefined }) });
    const redis = new Redis(config.redis.url);
    try {
      expect(await redis.get(redisKeys.processAddress(matchMaker.processId))).toBe(`10.20.1.23:${server.port}`);
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });

  it("refuses to start when the metadata cannot be read", async () => {
    metadata = { status: 503 };
    const config = loadServerConfig({ ...env, ECS_CONTAINER_METADATA_URI_V4: base });
    await expect(startGameServer(config, { log: pino({ level: "silent" }), metrics: new GameMetrics({ write: () => undefined }) }))
      .rejects.toThrow(/^ECS_CONTAINER_METADATA_URI_V4=.*ADVERTISE_ADDRESS/);
  }, 30_000);

  it("as a process, exits with status 2 and one line naming the variable when the metadata cannot be read", async () => {
    metadata = { status: 503 };
    const child = spawn(process.execPath, [fileURLToPath(new URL("../index.ts", import.meta.url))], {
      env: { ...process.env, ...env, ECS_CONTAINER_METADATA_URI_V4: base, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => { stderr += chunk.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ECS_CONTAINER_METADATA_URI_V4=http.*answered 503.*ADVERTISE_ADDRESS/);
    expect(stderr).not.toContain("    at ");
  }, 30_000);
});
