import { beforeAll, describe, expect, it } from "vitest";
import { ApiBudget, type BudgetName } from "../../src/aws/budget.ts";
import { clearFaults, clearRecordedRequests, faultStatus, recordedRequests, resetMoto, setFaults } from "./admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

describe("API budget against moto's injected throttles", () => {
  it("shrinks a throttled service's rate, converges anyway, and recovers once AWS stops throttling", async () => {
    const lowest = new Map<BudgetName, number>();
    // Rates above the defaults keep the test short; the floor (a tenth) is then 5 requests/s.
    const budget = new ApiBudget({
      overrides: { dynamodb: { rate: 50, burst: 50 }, iam: { rate: 50, burst: 50 } },
      observer: { throttled: (name, rate) => lowest.set(name, Math.min(rate, lowest.get(name) ?? Infinity)) },
    });
    const pool = testPool(target(), { budget });
    const env = loadEnvironment(coreManifest("budget", network));
    await clearRecordedRequests(target().endpoint);
    await setFaults(target().endpoint, { rate: 0.3, kinds: ["throttle"], services: ["dynamodb", "iam"], seed: 7 });
    let converged;
    let injected: number | undefined;
    try {
      converged = await convergeFully(pool, env, { maxPasses: 30 });
    } finally {
      injected = (await faultStatus(target().endpoint)).injected;
      await clearFaults(target().endpoint);
    }
    expect(converged.converged).toBe(true);
    expect(injected).toBeGreaterThan(0);

    const buckets = new Map(budget.snapshot().map((b) => [b.name, b]));
    for (const name of ["dynamodb", "iam"] as const) {
      const bucket = buckets.get(name)!;
      expect(bucket.throttles, name).toBeGreaterThan(0);
      // Halved at least once, never below the floor.
      expect(lowest.get(name), name).toBeLessThanOrEqual(bucket.configuredRate / 2);
      expect(lowest.get(name), name).toBeGreaterThanOrEqual(bucket.floor);
    }
    // Services AWS did not throttle keep their configured rate.
    expect(buckets.get("ec2")).toMatchObject({ throttles: 0, rate: buckets.get("ec2")!.configuredRate });
    // Every HTTP attempt, SDK retries included, took a token: the budget counts what AWS counts.
    const sent = budget.snapshot().reduce((sum, b) => sum + b.sent, 0);
    expect(sent).toBe((await recordedRequests(target().endpoint)).length);

    // Without throttles, accepted calls bring the rates back up additively.
    for (let pass = 0; pass < 30 && budget.snapshot().some((b) => b.rate < b.configuredRate); pass++) {
      const result = await pool.forEnvironment(env).reconcile(env, { mode: "apply", observation: "full" });
      expect(result.converged).toBe(true);
    }
    for (const bucket of budget.snapshot()) expect(bucket.rate, bucket.name).toBe(bucket.configuredRate);
  }, 180_000);
});
