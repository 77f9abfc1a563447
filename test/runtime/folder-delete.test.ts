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
import { createNetwork, loadEnvironment, type TestNetwork } from "../support/aws-environment.ts";
import { leftInAws, retainedByDesign } from "../support/aws-inventory.ts";
import { devManifest, eventually } from "./support.ts";

const target = aws();
let network: TestNetwork;
const scratch: string[] = [];
const running: RunningController[] = [];

beforeAll(async () => {
  await resetMoto(target.endpoint);
  network = await createNetwork(target);
}, 60_000);

afterAll(async () => {
  for (const controller of running) await controller.stop();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("folder runtime deletion", () => {
  it("manifests/examples/dev.yaml under deletionPolicy Retain: removing the file deletes to the end and keeps exactly the data and what it uses", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gamectl-folder-delete-"));
    scratch.push(dir);
    const state = new StateDirectory(join(dir, ".gamectl"));
    const manifest = devManifest("retained", "games", network);
    (manifest.spec as Record<string, unknown>).deletionPolicy = "Retain";
    writeFileSync(join(dir, "retained.yaml"), stringify(manifest));
    const controller = await runController({
      manifestsDir: dir, log: createLogger("silent"), transitionalMs: 500, rescanMs: 1_000,
      aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials },
    });
    running.push(controller);
    const record = () => Promise.resolve(state.readAll().find((r) => r.key === "games/retained"));
    await eventually(record, (r) => r?.status?.phase === "Ready", 60_000, "games/retained Ready");

    rmSync(join(dir, "retained.yaml"));
    // The record goes once deletion finished: every remaining action is retain.
    await eventually(record, (r) => r === undefined, 60_000, "games/retained deleted");
    const env = loadEnvironment(manifest);
    expect(await leftInAws(target, env)).toEqual(retainedByDesign(env));
    await controller.stop();
  }, 150_000);
});
