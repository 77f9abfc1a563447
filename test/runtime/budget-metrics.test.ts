import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { StateDirectory } from "../../src/runtime/folder/state.ts";
import { runController, type RunningController } from "../../src/runtime/run.ts";
import { createLogger } from "../../src/util/log.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { createNetwork, type TestNetwork } from "../support/aws-environment.ts";
import { devLikeManifest, eventually } from "./support.ts";

const target = aws();
let network: TestNetwork;
const dir = mkdtempSync(join(tmpdir(), "gamectl-budget-"));
let controller: RunningController | undefined;

beforeAll(async () => {
  await resetMoto(target.endpoint);
  network = await createNetwork(target);
}, 60_000);

afterAll(async () => {
  await controller?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The value of one sample in Prometheus text, e.g. metric('x{service="iam"}'). */
function sample(text: string, series: string): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("controller API budget", () => {
  it("shares one budget across reconciles and exports the budget used against the budget configured", async () => {
    writeFileSync(join(dir, "arena.yaml"), stringify(devLikeManifest("arena", "games", network)));
    writeFileSync(join(dir, "lobby.yaml"), stringify(devLikeManifest("lobby", "games", network)));
    controller = await runController({
      manifestsDir: dir, log: createLogger("silent"), transitionalMs: 500, rescanMs: 1_000, metricsAddr: "127.0.0.1:0",
      aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials },
      apiBudget: { iam: { rate: 2, burst: 1 } },
    });
    const state = new StateDirectory(join(dir, ".gamectl"));
    await eventually(async () => state.readAll(), (records) => records.length === 2 && records.every((r) => r.status?.phase === "Ready"), 60_000, "both Ready");

    const budget = controller.budget!;
    const iam = budget.snapshot().find((b) => b.name === "iam")!;
    expect(iam).toMatchObject({ configuredRate: 2, burst: 1 });
    // A reconcile's IAM calls follow each other within milliseconds, beyond a burst of 1: they waited for tokens.
    expect(iam.sent).toBeGreaterThan(2);
    expect(iam.waitedMs).toBeGreaterThan(0);

    const text = await (await fetch(`http://127.0.0.1:${controller.metricsPort}/metrics`)).text();
    expect(sample(text, 'gamectl_aws_budget_configured_requests_per_second{service="iam"}')).toBe(2);
    expect(sample(text, 'gamectl_aws_budget_configured_requests_per_second{service="ec2"}')).toBe(20);
    expect(sample(text, 'gamectl_aws_budget_configured_requests_per_second{service="ec2-mutating"}')).toBe(5);
    expect(sample(text, 'gamectl_aws_budget_rate_requests_per_second{service="iam"}')).toBe(2);
    // The used rate is over the last 10 s, which a slow machine may have spent idle: present, not necessarily > 0.
    expect(sample(text, 'gamectl_aws_budget_used_requests_per_second{service="dynamodb"}')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'gamectl_aws_budget_requests_total{service="iam"}')).toBe(budget.snapshot().find((b) => b.name === "iam")!.sent);
    expect(sample(text, 'gamectl_aws_budget_wait_seconds_total{service="iam"}')).toBeGreaterThan(0);
  }, 90_000);
});
