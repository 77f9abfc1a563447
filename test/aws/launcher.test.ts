import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client } from "@aws-sdk/client-ec2";
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startMoto, type MotoService } from "../env/moto.ts";
import {
  asyncDelays,
  clearRecordedRequests,
  faultStatus,
  recordedRequests,
  resetMoto,
  setAsyncDelays,
  setFaults,
} from "./admin.ts";
import { awsError, sdkConfig } from "./sdk-helpers.ts";

const launcher = fileURLToPath(new URL("./launcher.py", import.meta.url));
let scratch: string;

async function wrapperScript(name: string, body: string): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "gamectl-moto-"));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe("startMoto fails fast, naming the service and the fix", () => {
  const installHint = 'pip install "moto[server]"';

  it("when python is missing", async () => {
    const started = Date.now();
    const error = await startMoto({ python: join(scratch, "no-such-python") }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("moto server");
    expect(error?.message).toContain(installHint);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("when moto is not importable", async () => {
    // `python3 -S` skips site-packages, which is where moto lives.
    const pythonWithoutSite = await wrapperScript("python-no-site", 'exec python3 -S "$@"');
    const error = await startMoto({ python: pythonWithoutSite }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("exited during start-up");
    expect(error?.message).toContain("cannot import moto's server");
    expect(error?.message).toContain(installHint);
  });

  it("when it never becomes ready", async () => {
    const hanging = await wrapperScript("python-hangs", "exec sleep 30");
    const started = Date.now();
    const error = await startMoto({ python: hanging, readyTimeoutMs: 1_000 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toContain("was not ready within 1s");
    expect(error?.message).toContain(installHint);
    expect(Date.now() - started).toBeLessThan(8_000);
  });

  it("and the launcher itself reports a taken port", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", () => resolve()));
    const address = blocker.address();
    const port = typeof address === "object" && address ? address.port : 0;
    try {
      const child = spawn("python3", [launcher, "--host", "127.0.0.1", "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(2);
      expect(stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
      expect(stderr).toContain("is the port taken?");
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});

describe("launcher self-check", () => {
  it("passes in-process, without Node's SDK", async () => {
    const child = spawn("python3", [launcher, "--self-check"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(output).not.toContain("FAIL");
    expect(output).toContain("ok   fault injection answers Throttling");
    expect(code).toBe(0);
  });
});

describe("launcher lifetime", () => {
  it("stops by itself when the process that started it dies", async () => {
    // The shell starts the launcher and exits without stopping it, like a killed test runner.
    const shell = spawn("sh", ["-c", `python3 '${launcher}' --host 127.0.0.1 --port 0 --exit-with-parent > /dev/null 2>&1 & echo $!; sleep 2`], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    shell.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => shell.on("exit", resolve));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const pid = Number(output.trim());
    expect(pid).toBeGreaterThan(0);
    expect(alive()).toBe(true);
    await exited;
    function alive(): boolean {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    }
    const deadline = Date.now() + 20_000;
    while (alive() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    if (alive()) process.kill(pid, "SIGKILL");
    expect(alive()).toBe(false);
  });
});

describe("admin endpoint", () => {
  let moto: MotoService;

  beforeAll(async () => {
    moto = await startMoto();
  });

  afterAll(async () => {
    await moto?.stop();
  });

  beforeEach(async () => {
    await resetMoto(moto.endpoint);
  });

  it("rejects bad specs with a message naming the field", async () => {
    await expect(setFaults(moto.endpoint, { rate: 2, kinds: ["throttle"] })).rejects.toThrow(/HTTP 400: rate must be a number between 0 and 1/);
    await expect(setFaults(moto.endpoint, { rate: 0.5, kinds: ["meteor" as "throttle"] })).rejects.toThrow(/kinds must be a non-empty list drawn from/);
    await expect(setFaults(moto.endpoint, { rate: 0.5, kinds: ["5xx"], services: "dynamodb" as unknown as string[] })).rejects.toThrow(/services must be a list of strings/);
    await expect(setAsyncDelays(moto.endpoint, { elasticache: { creating: -1 } })).rejects.toThrow(/elasticache.creating must be a number of seconds >= 0/);
    await expect(setAsyncDelays(moto.endpoint, { rds: { creating: 1 } } as never)).rejects.toThrow(/unknown service 'rds'/);
    const response = await fetch(new URL("/_gamectl/nothing", moto.endpoint));
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain("no admin route /nothing");
  });

  it("keeps omitted async keys and resets everything with /moto-api/reset", async () => {
    await setAsyncDelays(moto.endpoint, { elasticache: { creating: 3 } });
    const delays = await setAsyncDelays(moto.endpoint, { elasticache: { modifying: 2 }, dynamodb: { updating: 4 } });
    expect(delays).toEqual({ elasticache: { creating: 3, modifying: 2, deleting: 0 }, dynamodb: { creating: 0, updating: 4, deleting: 0 } });
    await setFaults(moto.endpoint, { rate: 1, kinds: ["throttle"], services: ["sts"] });
    await new DynamoDBClient(sdkConfig(moto.endpoint)).send(new ListTablesCommand({}));
    expect(await recordedRequests(moto.endpoint)).toHaveLength(1);

    await resetMoto(moto.endpoint);
    expect(await asyncDelays(moto.endpoint)).toEqual({ elasticache: { creating: 0, modifying: 0, deleting: 0 }, dynamodb: { creating: 0, updating: 0, deleting: 0 } });
    expect(await faultStatus(moto.endpoint)).toMatchObject({ active: false, injected: 0 });
    expect(await recordedRequests(moto.endpoint)).toEqual([]);
  });

  it("records AWS requests in order with decoded params, and not admin calls", async () => {
    const ec2 = new EC2Client(sdkConfig(moto.endpoint));
    const { GroupId } = await ec2.send(new CreateSecurityGroupCommand({ GroupName: "app", Description: "app" }));
    await ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId,
        IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/8", Description: "vpc" }] }],
      }),
    );
    const dynamodb = new DynamoDBClient(sdkConfig(moto.endpoint));
    await awsError(dynamodb.send(new PutItemCommand({ TableName: "missing", Item: { id: { S: "1" } } })));
    await faultStatus(moto.endpoint);

    const recorded = await recordedRequests(moto.endpoint);
    expect(recorded.map((r) => [r.service, r.operation, r.status])).toEqual([
      ["ec2", "CreateSecurityGroup", 200],
      ["ec2", "AuthorizeSecurityGroupIngress", 200],
      ["dynamodb", "PutItem", 400],
    ]);
    expect(recorded[1]?.params).toEqual({
      GroupId,
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: "10.0.0.0/8", Description: "vpc" }] }],
    });
    expect(recorded[2]?.params).toEqual({ TableName: "missing", Item: { id: { S: "1" } } });
    expect(recorded.map((r) => r.accessKeyId), "the access key that signed each call").toEqual(["testing", "testing", "testing"]);
    expect(await recordedRequests(moto.endpoint, { service: "ec2", operation: "CreateSecurityGroup" })).toHaveLength(1);

    await clearRecordedRequests(moto.endpoint);
    expect(await recordedRequests(moto.endpoint)).toEqual([]);
  });

  it("stops the server on stop()", async () => {
    const other = await startMoto();
    await fetch(new URL("/_gamectl/async", other.endpoint));
    await other.stop();
    await expect(fetch(new URL("/_gamectl/async", other.endpoint))).rejects.toThrow();
  });
});
