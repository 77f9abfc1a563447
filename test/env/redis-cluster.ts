import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { redisAnswers } from "../../src/util/net.ts";
import { ServiceStartError, freePort, startProcess, waitUntilReady, type ManagedProcess } from "./process.ts";

export interface RedisClusterService {
  /** A seed node's URL, as the server's REDIS_URL gives it (any node of the cluster will do). */
  readonly url: string;
  readonly ports: readonly number[];
  stop(): Promise<void>;
}

const run = promisify(execFile);
const fix = "Install it with `apt-get install -y redis-server` (scripts/setup.sh does this; it ships redis-cli too).";

/**
 * Starts a throw-away Redis Cluster on loopback: `nodes` masters (three by default, the smallest cluster
 * redis-cli accepts), no replicas, persistence off, every file in a temp dir. The cluster bus gets a free
 * port of its own (`--cluster-port`) rather than the default port+10000, which may be taken or out of range.
 */
export async function startRedisCluster(options: { nodes?: number } = {}): Promise<RedisClusterService> {
  const count = options.nodes ?? 3;
  const dir = await mkdtemp(join(tmpdir(), "gamectl-redis-cluster-"));
  const procs: ManagedProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(procs.map((proc) => proc.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const busPort = await freePort();
      const proc = startProcess(`redis-server (cluster node ${i + 1})`, process.env.GAMECTL_REDIS_SERVER ?? "redis-server", [
        "--bind", "127.0.0.1", "--port", String(port), "--protected-mode", "no", "--daemonize", "no",
        "--cluster-enabled", "yes", "--cluster-port", String(busPort), "--cluster-config-file", join(dir, `nodes-${port}.conf`),
        "--dir", dir, "--appendonly", "no", "--save", "",
      ], fix);
      procs.push(proc);
      ports.push(port);
    }
    await Promise.all(procs.map((proc, i) => waitUntilReady(`redis-server (cluster node ${i + 1})`, proc, () => redisAnswers(ports[i]!), 10_000, fix)));
    const cli = process.env.GAMECTL_REDIS_CLI ?? "redis-cli";
    try {
      await run(cli, ["--cluster", "create", ...ports.map((p) => `127.0.0.1:${p}`), "--cluster-replicas", "0", "--cluster-yes"], { timeout: 30_000 });
    } catch (error) {
      throw new ServiceStartError("redis-cli --cluster create", `failed (${error instanceof Error ? error.message : String(error)})`, fix);
    }
    await waitForClusterOk(cli, ports);
    return { url: `redis://127.0.0.1:${ports[0]}`, ports, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every node must see every slot covered: a node that has not yet heard of the others answers CLUSTERDOWN. */
async function waitForClusterOk(cli: string, ports: number[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last = "";
  while (Date.now() < deadline) {
    const states = await Promise.all(ports.map((port) => run(cli, ["-h", "127.0.0.1", "-p", String(port), "cluster", "info"]).then((r) => r.stdout, () => "")));
    if (states.every((info) => info.includes("cluster_state:ok"))) return;
    last = states.join("\n");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new ServiceStartError("redis cluster", `did not reach cluster_state:ok within 20s; last CLUSTER INFO:\n${last}`, fix);
}
