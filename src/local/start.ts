import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { parse, stringify } from "yaml";
import { confirm } from "../cli/commands/apply.ts";
import { loadForCommand } from "../cli/session.ts";
import { ReconcilerPool } from "../reconcile/pool.ts";
import { planHasChanges } from "../plan/plan.ts";
import { loadManifestText } from "../spec/load.ts";
import { renderPlan } from "../plan/render.ts";
import { runController } from "../runtime/run.ts";
import { StateDirectory } from "../runtime/folder/state.ts";
import { formatTable, headerOf, rowOf, type EnvironmentView } from "../runtime/view.ts";
import type { GameEnvironment } from "../spec/types.generated.ts";
import { createLogger } from "../util/log.ts";
import { startLocalGameServer, type LocalGameServer } from "./game-server.ts";
import { startLocalMoto, type LocalMoto } from "./moto.ts";
import { withLocalNetwork } from "./network.ts";

const root = resolve(import.meta.dirname, "..", "..");

/**
 * `npm start` is the local default: it never reaches a real AWS account on its own, even when the
 * machine has credentials (most developers' do). `--aws` opts in, and then the plan, the account and
 * the region are shown and must be confirmed before anything is created.
 */
function parseStartArgs(argv: readonly string[]): { aws: boolean; manifest?: string; help: boolean } {
  const { values, positionals } = parseArgs({ args: [...argv], allowPositionals: true, options: { aws: { type: "boolean", default: false }, help: { type: "boolean", short: "h", default: false } } });
  return { aws: values.aws, help: values.help, ...(positionals[0] ? { manifest: positionals[0] } : {}) };
}

/** Shows what `--aws` would do in the account the default credential chain reaches, and asks. */
async function confirmRealAws(manifestFile: string): Promise<boolean> {
  const result = await loadForCommand([manifestFile], (text) => process.stderr.write(text));
  if (!result) return false;
  const pool = new ReconcilerPool({});
  for (const env of result) {
    const region = env.manifest.spec.region;
    const sts = new STSClient({ region });
    const identity = await sts.send(new GetCallerIdentityCommand({})).finally(() => sts.destroy());
    const preview = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    process.stdout.write(renderPlan(preview.plan));
    say(`\ngamectl: --aws: this converges ${env.key} in AWS account ${identity.Account ?? "?"} (${identity.Arn ?? "?"}), region ${region}; the resources cost money.`);
    if (planHasChanges(preview.plan) && !(await confirm(`Do you want to create these resources in account ${identity.Account ?? "?"}?`))) {
      process.stderr.write("gamectl: not confirmed; nothing was changed. Run `npm start` without --aws for the local default, or answer yes in a terminal.\n");
      return false;
    }
  }
  return true;
}

/** How a player gets in, said next to the game server's address. */
function signInNote(signIn: LocalGameServer["signIn"], autoConfirm: boolean, emulator: string): string {
  if (signIn === "dev-tokens") return "The manifest declares no cognito user pool, so the server runs in development mode: players join with just a name (/dev-token).\n";
  if (autoConfirm) return "Players sign up and sign in with the environment's user pool in the local AWS; sign-ups are confirmed at once (verifyEmail: false).\n";
  return `Players sign up with the environment's user pool in the local AWS; it sends no real email: the confirmation codes are at ${emulator}/_gamectl/cognito/messages.\n`;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const usage = `Usage: npm start -- [--aws] [MANIFEST]

Without --aws (the default): a local AWS emulator (moto) on loopback, the folder controller on MANIFEST
(default manifests/examples/dev.yaml) and the game server, whatever AWS credentials the machine has.
Players sign up in the manifest's Cognito user pool (in the emulator); a manifest without spec.cognito
runs the game server in development mode instead, where a name is enough to join.
With --aws: the same manifest in the AWS account of the default credential chain, after showing the
plan, the account and the region and asking for confirmation.
`;

async function main(): Promise<number> {
  const args = parseStartArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(usage);
    return 0;
  }
  const manifestFile = resolve(args.manifest ?? join(root, "manifests", "examples", "dev.yaml"));
  if (!existsSync(manifestFile)) {
    process.stderr.write(`error: ${manifestFile} does not exist; pass a GameEnvironment manifest file\n`);
    return 1;
  }
  const text = readFileSync(manifestFile, "utf8");
  const manifest = parse(text) as GameEnvironment;
  // With the schema's defaults: a pool that sends no code (verifyEmail: false) has its sign-ups confirmed by the server.
  const autoConfirm = loadManifestText(text, manifestFile).environments[0]?.manifest.spec.cognito?.userPool.verifyEmail === false;
  let moto: LocalMoto | undefined;
  let workDir: string;
  let aws: { endpoint?: string; region?: string; credentials?: { accessKeyId: string; secretAccessKey: string } } = {};
  if (args.aws) {
    if (!(await confirmRealAws(manifestFile))) return 1;
    workDir = resolve(".gamectl-local");
    mkdirSync(join(workDir, "manifests"), { recursive: true });
    const link = join(workDir, "manifests", basename(manifestFile));
    rmSync(link, { force: true });
    symlinkSync(manifestFile, link);
    say(`gamectl: --aws: converging ${manifestFile} in AWS`);
  } else {
    say("gamectl: local default (no --aws): starting a local AWS (moto) on loopback; AWS credentials on this machine are not used");
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
        const emulator = moto.endpoint;
        game = startLocalGameServer(record.status.outputs, { endpoint: emulator, region: manifest.spec.region }, { autoConfirm });
        game.then(
          (started) => say(`\nGame server: open ${started.url}/ in a browser to join the arena. ${signInNote(started.signIn, autoConfirm, emulator)}Stop with Ctrl-C.`),
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
