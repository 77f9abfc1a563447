import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runController, type RunningController } from "../../src/runtime/run.ts";
import { validateLeaderElection } from "../../src/runtime/kube/leader.ts";
import { createLogger } from "../../src/util/log.ts";
import { setSimulatedLatency } from "../aws/admin.ts";
import { aws, kube } from "../env/index.ts";
import type { TestNetwork } from "../support/aws-environment.ts";
import { devLikeManifest, eventually, run, prepareKubeAndAws } from "./support.ts";

const target = aws();
const namespace = `genv-lead-${process.pid}-${Date.now().toString(36)}`;
const kubeEnv = () => ({ KUBECONFIG: kube().kubeconfig });
const scratch = mkdtempSync(join(tmpdir(), "gamectl-leader-"));
const running: RunningController[] = [];
let network: TestNetwork;

/**
 * A TCP proxy between one replica and the API server. pause() stops forwarding in both directions
 * without closing anything: the replica's requests hang as they do behind a network partition,
 * while the other replica still reaches the API server directly.
 */
class PartitionProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private paused = false;
  port = 0;

  constructor(upstream: URL) {
    this.server = createServer((client) => {
      this.sockets.add(client);
      client.on("error", () => undefined);
      client.on("close", () => this.sockets.delete(client));
      if (this.paused) return; // a new connection goes nowhere either
      const server = connect(Number(upstream.port), upstream.hostname);
      this.sockets.add(server);
      server.on("error", () => undefined);
      server.on("close", () => this.sockets.delete(server));
      client.on("data", (chunk: Buffer) => (this.paused ? undefined : server.write(chunk)));
      server.on("data", (chunk: Buffer) => (this.paused ? undefined : client.write(chunk)));
      client.on("end", () => server.end());
      server.on("end", () => client.end());
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  pause(): void {
    this.paused = true;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function kubectl(args: string[], input?: string) {
  return run("kubectl", args, kubeEnv(), input);
}

beforeAll(async () => {
  network = await prepareKubeAndAws(target, kube().kubeconfig);
  expect((await kubectl(["create", "namespace", namespace])).code).toBe(0);
}, 120_000);

afterAll(async () => {
  await setSimulatedLatency(target.endpoint, 0);
  for (const controller of running) await controller.stop().catch(() => undefined);
  await kubectl(["delete", "namespace", namespace, "--wait=false"]);
  rmSync(scratch, { recursive: true, force: true });
});

describe("leader election", () => {
  it("refuses timings client-go refuses: the renew deadline must be below the lease duration and above the retry period", () => {
    expect(() => validateLeaderElection({ leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 })).not.toThrow();
    expect(() => validateLeaderElection({ leaseDurationMs: 10_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 })).toThrow(/--renew-deadline.*--lease-duration/);
    expect(() => validateLeaderElection({ leaseDurationMs: 15_000, renewDeadlineMs: 2_000, retryPeriodMs: 2_000 })).toThrow(/--retry-period.*--renew-deadline/);
  });

  it("a partitioned leader stops writing to AWS before the standby takes over", async () => {
    const apiserver = new URL(readFileSync(kube().kubeconfig, "utf8").match(/server: (\S+)/)![1]!);
    const proxy = new PartitionProxy(apiserver);
    await proxy.listen();
    const proxied = join(scratch, "kubeconfig-a");
    writeFileSync(proxied, readFileSync(kube().kubeconfig, "utf8").replace(/server: \S+/, `server: https://127.0.0.1:${proxy.port}`));

    // Every AWS write a replica lets through, with the time it was sent (the gate runs just before sending).
    const writes: Array<{ replica: string; at: number; operation: string }> = [];
    const lost: Record<string, number> = {};
    const replica = async (name: string, kubeconfig: string) => {
      const controller = await runController({
        kubeconfig, namespace, leaderElect: true, leaseNamespace: namespace, identity: name,
        leaseDurationMs: 6_000, renewDeadlineMs: 4_000, retryPeriodMs: 500, transitionalMs: 500, log: createLogger(process.env.LEADER_TEST_LOG ?? "silent").child({ replica: name }), releaseMemory: false,
        aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials },
        gate: (call) => {
          if (call.mutating) writes.push({ replica: name, at: Date.now(), operation: `${call.service}:${call.operation}` });
        },
        onLeadershipLost: () => (lost[name] = Date.now()),
      });
      running.push(controller);
      return controller;
    };
    const isLeader = (controller: RunningController) => controller.metrics.leader.get().then((m) => m.values[0]?.value === 1);

    const a = await replica("replica-a", proxied);
    await eventually(() => isLeader(a), Boolean, 15_000, "replica-a leads");
    const b = await replica("replica-b", kube().kubeconfig);

    // A slow AWS (2 s a call) keeps replica-a's converge pass going long after the partition.
    await setSimulatedLatency(target.endpoint, 2_000);
    const manifest = devLikeManifest("partitioned", namespace, network);
    const applied = await kubectl(["apply", "-f", "-"], JSON.stringify(manifest));
    expect(applied.code).toBe(0);
    await eventually(async () => writes.filter((w) => w.replica === "replica-a").length, (n) => n >= 1, 30_000, "replica-a writes");
    proxy.pause();
    const pausedAt = Date.now();

    let bLeadsAt = 0;
    await eventually(async () => {
      if (!bLeadsAt && (await isLeader(b))) bLeadsAt = Date.now();
      return bLeadsAt;
    }, (t) => t > 0, 30_000, "replica-b takes over");
    // The new leader carries on the converge; meanwhile a replica that kept going would show it.
    await eventually(async () => writes.filter((w) => w.replica === "replica-b").length, (n) => n >= 1, 40_000, "replica-b writes");
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await setSimulatedLatency(target.endpoint, 0);

    const late = writes.filter((w) => w.replica === "replica-a" && w.at >= bLeadsAt);
    expect(late, `replica-a wrote after replica-b led (partition at ${pausedAt}, b leads at ${bLeadsAt})`).toEqual([]);
    // It gave up leadership itself, before the other could take the lease.
    expect(lost["replica-a"]).toBeDefined();
    expect(lost["replica-a"]!).toBeLessThan(bLeadsAt);
    expect(await isLeader(a)).toBe(false);
    await a.stop();
    await proxy.close();
  }, 120_000);
});
