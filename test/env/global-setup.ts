import type { TestProject } from "vitest/node";
import type { KubeService } from "./kube.ts";
import type { RedisService } from "./redis.ts";
import type { TestServices } from "./services.ts";

/**
 * Starts the real servers the suite talks to: one moto per worker slot (so each test file can
 * reset its own AWS state), one redis-server (a database per worker slot) and one kube-apiserver.
 * GAMECTL_SERVICES narrows the set for a quick local run; CI always starts all three.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const wanted = new Set((process.env.GAMECTL_SERVICES ?? "aws,redis,kube").split(",").map((s) => s.trim()));
  if (process.env.CI && wanted.size < 3) throw new Error("GAMECTL_SERVICES must not narrow the services in CI");
  const slots = Number(project.config.maxWorkers ?? 2) || 2;
  const stops: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  };
  try {
    const [motos, redis, kube] = await Promise.all([
      wanted.has("aws")
        ? import("./moto.ts").then(({ startMoto }) => Promise.all(Array.from({ length: slots }, () => startMoto())))
        : Promise.resolve([]),
      wanted.has("redis") ? import("./redis.ts").then(({ startRedis }) => startRedis()) : Promise.resolve<RedisService | undefined>(undefined),
      wanted.has("kube") ? import("./kube.ts").then(({ startKube }) => startKube()) : Promise.resolve<KubeService | undefined>(undefined),
    ]);
    for (const service of [...motos, redis, kube]) if (service) stops.push(() => service.stop());
    const services: TestServices = {
      awsEndpoints: motos.map((m) => m.endpoint),
      redisUrl: redis?.url,
      kubeconfig: kube?.kubeconfig,
    };
    project.provide("services", services);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
