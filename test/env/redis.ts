import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { redisAnswers } from "../../src/util/net.ts";
import { freePort, startProcess, waitUntilReady } from "./process.ts";

export interface RedisService {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const fix = "Install it with `apt-get install -y redis-server` (scripts/setup.sh does this).";

/** Starts a throw-away redis-server on loopback with persistence off; `args` adds options (e.g. `--replicaof host port`). */
export async function startRedis(options: { port?: number; args?: string[] } = {}): Promise<RedisService> {
  const port = options.port ?? (await freePort());
  // Its own directory: a replica (and its primary, for a full sync) writes an RDB file even with persistence off.
  const dir = await mkdtemp(join(tmpdir(), "gamectl-redis-"));
  const proc = startProcess("redis-server", process.env.GAMECTL_REDIS_SERVER ?? "redis-server", [
    "--bind", "127.0.0.1", "--port", String(port), "--dir", dir, "--save", "", "--appendonly", "no", "--daemonize", "no", "--databases", "64", "--protected-mode", "no",
    ...(options.args ?? []),
  ], fix);
  await waitUntilReady("redis-server", proc, () => redisAnswers(port), 10_000, fix);
  return {
    url: `redis://127.0.0.1:${port}`, port,
    stop: async () => {
      await proc.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
