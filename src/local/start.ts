import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import { runController } from "../runtime/run.ts";
import { StateDirectory } from "../runtime/folder/state.ts";
import { formatTable, headerOf, rowOf, type EnvironmentView } from "../runtime/view.ts";
import type { GameEnvironment } from "../spec/types.generated.ts";
import { createLogger } from "../util/log.ts";
import { startLocalGameServer, type LocalGameServer } from "./game-server.ts";
import { startLocalMoto, type LocalMoto } from "./moto.ts";
import { withLocalNetwork } from "./network.ts";

const root = resolve(import.meta.dirname, "..", "..");

/** Anything that tells the SDK where real AWS credentials or a custom endpoint are. */
function awsConfigured(): boolean {
  const env = process.env;
  if (env.GAMECTL_LOCAL_AWS === "moto") return false;
  if (env.AWS_ENDPOINT_URL || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE || env.AWS_WEB_IDENTITY_TOKEN_FILE) return true;
  if (env.AWS_CONTAINER_CREDENTIALS_FULL_URI || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) return true;
  return ["credentials", "config"].some((file) => existsSync(join(homedir(), ".aws", file)));
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<number> {
  const manifestFile = resolve(process.argv[2] ?? join(root, "manifests", "examples", "dev.yaml"));
  if (!existsSync(manifestFile)) {
    process.stderr.write(`error: ${manifestFile} does not exist; pass a GameEnvironment manifest file\n`);
    return 1;
  }
  const manifest = parse(readFileSync(manifestFile, "utf8")) as GameEnvironment;
  let moto: LocalMoto | undefined;
  let workDir: string;
  let aws: { endpoint?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = {};
  if (awsConfigured()) {
    workDir = resolve(".gamectl-local");
    mkdirSync(join(workDir, "manifests"), { recursive: true });
    const link = join(workDir, "manifests", basename(manifestFile));
    rmSync(link, { force: true });
    symlinkSync(manifestFile, link);
    say(`gamectl: AWS is configured (credentials or AWS_ENDPOINT_URL); converging ${manifestFile} there`);
  } else {
    say("gamectl: no AWS endpoint or credentials configured; starting a local AWS (moto) on loopback");
    moto = await startLocalMoto();
    const credentials = { accessKeyId: "testing", secretAccessKey: "testing" };
    aws = { endpoint: moto.endpoint, region: manifest.spec.region, credentials };
    workDir = mkdtempSync(join(tmpdir(), "gamectl-local-"));
    mkdirSync(join(workDir, "manifests"));
    const local = await withLocalNetwork({ endpoint: moto.endpoint, region: manifest.spec.region, credentials }, manifest);
    writeFileSync(join(workDir, "manifests", basename(manifestFile)), `# ${basename(manifestFile)} with the network IDs of the local VPC\n${stringify(local)}`);
    say(`gamectl: local AWS at ${moto.endpoint}; VPC ${local.spec.network.vpcId}; working copy in ${join(workDir, "manifests")}`);
  }
  const stateDir = join(workDir, "state");
  const log = createLogger(process.env.GAMECTL_LOG_LEVEL ?? "error");
  const running = await runController({
    manifestsDir: join(workDir, "manifests"), stateDir, log, aws, rescanMs: 5_000, transitionalMs: 2_000,
    metricsAddr: process.env.GAMECTL_METRICS_ADDR ?? "127.0.0.1:0",
  });
  say(`gamectl: folder controller running; metrics on http://127.0.0.1:${running.metricsPort ?? "?"}/metrics`);
  const key = `${manifest.metadata.namespace ?? "default"}/${manifest.metadata.name}`;
  const state = new StateDirectory(stateDir);
  const shown = new Map<string, string>();
  let wasReady = false;
  let game: Promise<LocalGameServer> | undefined;
  const tick = () => {
    const record = state.readAll().find((r) => r.key === key);
    if (!record?.status) return;
    for (const resource of record.status.resources ?? []) {
      const line = `${resource.state}${resource.message ? `: ${resource.message}` : ""}`;
      if (shown.get(resource.name) === line) continue;
      shown.set(resource.name, line);
      say(`  ${resource.name}${resource.id ? ` [${resource.id}]` : ""}: ${line}`);
    }
    const ready = record.status.phase === "Ready";
    if (ready && !wasReady) {
      const [namespace = "", name = ""] = key.split("/");
      const view: EnvironmentView = { namespace, name, createdAt: record.createdAt, annotations: {}, status: record.status, source: record.file, events: [] };
      say(`\n${key} is Ready.\n`);
      process.stdout.write(formatTable([headerOf(), rowOf(view, new Date())]));
      say(`\nOutputs: ${join(stateDir, "outputs")}\nStatus:  gamectl get genv --state-dir ${stateDir}`);
      if (moto && record.status.outputs && !game) {
        game = startLocalGameServer(record.status.outputs, { endpoint: moto.endpoint, region: manifest.spec.region });
        game.then(
          (started) => say(`\nGame server: open ${started.url}/ in a browser to join the arena. Stop with Ctrl-C.`),
          (error: unknown) => say(`\nGame server did not start: ${error instanceof Error ? error.message : String(error)}`),
        );
      } else {
        say("Stop with Ctrl-C.");
      }
    } else if (!ready && wasReady) {
      say(`${key}: ${record.status.phase}: ${record.status.message ?? ""}`);
    }
    wasReady = ready;
  };
  const timer = setInterval(tick, 500);
  await new Promise<void>((done) => {
    const stop = () => done();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  clearInterval(timer);
  say("gamectl: stopping");
  await game?.then((started) => started.stop(), () => undefined);
  await running.stop();
  moto?.stop();
  if (moto) rmSync(workDir, { recursive: true, force: true });
  return 0;
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
