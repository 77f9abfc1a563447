import { redisAnswers } from "../../src/util/net.ts";
import { freePort, startProcess, waitUntilReady } from "./process.ts";

export interface RedisService {
  readonly url: string;
  readonly port: number;
  stop(): Promise<void>;
}

const fix = "Install it with `apt-get install -y redis-server` (scripts/setup.sh does this).";

/** Starts a throw-away redis-server on loopback with persistence off. */
export async function startRedis(options: { port?: number } = {}): Promise<RedisService> {
  const port = options.port ?? (await freePort());
  const proc = startProcess("redis-server", process.env.GAMECTL_REDIS_SERVER ?? "redis-server", [
    "--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no", "--daemonize", "no", "--databases", "64", "--protected-mode", "no",
  ], fix);
  await waitUntilReady("redis-server", proc, () => redisAnswers(port), 10_000, fix);
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => proc.stop() };
}
