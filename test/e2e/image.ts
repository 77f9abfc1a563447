/**
 * The closest honest stand-in for `docker build --target X` + `docker run` on a machine with no
 * container engine: the Dockerfile is parsed, each stage's COPY lines are replayed into a directory
 * that stands for the image's root filesystem, the one RUN the project uses (the npm install of
 * production dependencies) is run for real, and the target's ENTRYPOINT + CMD are started from its
 * WORKDIR with the stage's ENV, as its USER. Nothing outside what the Dockerfile copies is visible to
 * the process's module resolution, so a file or package the image forgets fails here as it would in
 * the container.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, posix, relative } from "node:path";

export interface CopyStep {
  readonly kind: "copy";
  /** The stage the files come from; undefined: the build context. */
  readonly from?: string;
  readonly sources: readonly string[];
  readonly dest: string;
  /** WORKDIR when the step ran: relative destinations resolve against it. */
  readonly workdir: string;
  readonly text: string;
}

export interface RunStep {
  readonly kind: "run";
  readonly command: string;
  readonly workdir: string;
  readonly text: string;
}

export interface Stage {
  readonly name: string;
  /** Another stage's name, or an image reference. */
  readonly base: string;
  readonly env: Readonly<Record<string, string>>;
  readonly workdir: string;
  /** "uid:gid" or "uid"; undefined: root. */
  readonly user?: string;
  readonly entrypoint?: readonly string[];
  readonly cmd?: readonly string[];
  readonly expose: readonly number[];
  /** This stage's own steps, in order (not the base stage's). */
  readonly steps: ReadonlyArray<CopyStep | RunStep>;
  /** The instructions of this stage, for cache keys. */
  readonly text: string;
}

export interface Dockerfile {
  readonly args: Readonly<Record<string, string>>;
  readonly stages: readonly Stage[];
  stage(name: string): Stage;
  /** Stages no other stage builds on or copies from: the images the file is meant to produce. */
  targets(): Stage[];
}

function substitute(text: string, vars: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => vars[braced ?? bare ?? ""] ?? whole);
}

/** Splits on whitespace, honouring double and single quotes (as ENV's key=value form does). */
function words(text: string): string[] {
  // A word is a run of unquoted characters and quoted pieces, as in A="b c"; the quotes are removed.
  return [...text.matchAll(/(?:[^\s"']+|"(?:[^"\\]|\\.)*"|'[^']*')+/g)].map((match) =>
    match[0].replace(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g, (_whole, double: string | undefined, single: string | undefined) => (double ?? "").replace(/\\(.)/g, "$1") || (single ?? "")));
}

function execForm(instruction: string, rest: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    throw new Error(`Dockerfile ${instruction} ${rest}: only the exec (JSON array) form is supported here; the shell form would run through /bin/sh, which hides the real entry point`);
  }
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === "string")) throw new Error(`Dockerfile ${instruction} ${rest}: expected a JSON array of strings`);
  return parsed as string[];
}

/** Parses the subset of Dockerfile syntax this project uses, and refuses anything else by name. */
export function parseDockerfile(text: string): Dockerfile {
  const lines: string[] = [];
  let pending = "";
  for (const raw of text.split("\n")) {
    // Comments (and the syntax directive) may also sit between the lines of a continued instruction.
    if (/^\s*#/.test(raw)) continue;
    const continued = /\\\s*$/.test(raw);
    pending += (pending ? " " : "") + raw.replace(/\\\s*$/, "").trim();
    if (continued) continue;
    if (pending.trim()) lines.push(pending.trim());
    pending = "";
  }
  if (pending.trim()) lines.push(pending.trim());

  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  let current: { name: string; base: string; env: Record<string, string>; workdir: string; user?: string; entrypoint?: string[]; cmd?: string[]; expose: number[]; steps: Array<CopyStep | RunStep>; text: string[] } | undefined;
  const finish = () => {
    if (current) stages.push({ ...current, text: current.text.join("\n") });
  };
  for (const line of lines) {
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`Dockerfile line "${line}": not an instruction`);
    const instruction = match[1]!.toUpperCase();
    const rest = match[2]!;
    if (instruction === "ARG" && !current) {
      const [name, value] = rest.split("=", 2);
      args[name!.trim()] = (value ?? "").trim();
      continue;
    }
    if (instruction === "FROM") {
      finish();
      const from = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(substitute(rest, args));
      if (!from) throw new Error(`Dockerfile FROM ${rest}: expected "FROM image [AS name]"`);
      const base = stages.find((s) => s.name === from[1]);
      current = {
        name: from[2] ?? `stage-${stages.length}`, base: from[1]!, env: { ...base?.env }, workdir: base?.workdir ?? "/",
        ...(base?.user ? { user: base.user } : {}), ...(base?.entrypoint ? { entrypoint: [...base.entrypoint] } : {}), ...(base?.cmd ? { cmd: [...base.cmd] } : {}),
        expose: [...(base?.expose ?? [])], steps: [], text: [line],
      };
      continue;
    }
    if (!current) throw new Error(`Dockerfile ${instruction} before the first FROM`);
    current.text.push(line);
    switch (instruction) {
      case "ARG":
        break;
      case "ENV": {
        const parts = words(rest);
        if (parts.every((p) => p.includes("="))) {
          for (const part of parts) {
            const at = part.indexOf("=");
            current.env[part.slice(0, at)] = substitute(part.slice(at + 1), current.env);
          }
        } else {
          const [key, ...value] = rest.split(/\s+/);
          current.env[key!] = value.join(" ");
        }
        break;
      }
      case "WORKDIR":
        current.workdir = posix.resolve(current.workdir, substitute(rest, current.env));
        break;
      case "USER":
        current.user = rest.trim();
        break;
      case "EXPOSE":
        current.expose.push(...rest.split(/\s+/).map((p) => Number(p.split("/")[0])));
        break;
      case "ENTRYPOINT":
        current.entrypoint = execForm(instruction, rest);
        // Docker: a new ENTRYPOINT clears a CMD inherited from the base.
        delete current.cmd;
        break;
      case "CMD":
        current.cmd = execForm(instruction, rest);
        break;
      case "RUN":
        current.steps.push({ kind: "run", command: rest, workdir: current.workdir, text: line });
        break;
      case "COPY": {
        const parts = rest.startsWith("[") ? execForm(instruction, rest) : words(rest);
        let from: string | undefined;
        const paths: string[] = [];
        for (const part of parts) {
          const flag = /^--([a-z]+)(?:=(.*))?$/.exec(part);
          if (!flag) paths.push(part);
          else if (flag[1] === "from") from = flag[2];
          // Ownership: every COPY lands root-owned unless --chown says otherwise; the only --chown used names root.
          else if (flag[1] === "chown" && /^0(:0)?$|^root(:root)?$/.test(flag[2] ?? "")) continue;
          else if (flag[1] === "link") continue;
          else throw new Error(`Dockerfile "${line}": flag --${flag[1]} is not supported by this parity test; teach test/e2e/image.ts what it means`);
        }
        if (paths.length < 2) throw new Error(`Dockerfile "${line}": COPY needs a source and a destination`);
        const dest = paths.pop()!;
        current.steps.push({ kind: "copy", ...(from ? { from } : {}), sources: paths, dest, workdir: current.workdir, text: line });
        break;
      }
      default:
        throw new Error(`Dockerfile instruction ${instruction} is not supported by this parity test; teach test/e2e/image.ts what it does`);
    }
  }
  finish();
  const stage = (name: string) => {
    const found = stages.find((s) => s.name === name);
    if (!found) throw new Error(`the Dockerfile has no stage "${name}" (stages: ${stages.map((s) => s.name).join(", ")})`);
    return found;
  };
  const targets = () => {
    const used = new Set(stages.flatMap((s) => [s.base, ...s.steps.flatMap((step) => (step.kind === "copy" && step.from ? [step.from] : []))]));
    return stages.filter((s) => !used.has(s.name));
  };
  return { args, stages, stage, targets };
}

/** Where built stages and the Node binary are kept between runs: readable by the image's non-root user. */
export function parityCacheDir(): string {
  const dir = join(tmpdir(), "gamectl-image-parity");
  mkdirSync(dir, { recursive: true, mode: 0o755 });
  return dir;
}

function hashTree(hash: ReturnType<typeof createHash>, path: string): void {
  const info = statSync(path);
  if (info.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      hash.update(`dir-entry:${name}\n`);
      hashTree(hash, join(path, name));
    }
  } else {
    hash.update(readFileSync(path));
  }
}

/** Copies one context path the way COPY does: a directory's contents, not the directory itself. */
function copyFromContext(context: string, source: string, rootfs: string, dest: string, manySources: boolean): void {
  if (/[*?[]/.test(source)) throw new Error(`COPY source "${source}": wildcards are not supported by this parity test`);
  const from = join(context, source);
  if (!existsSync(from)) throw new Error(`COPY source "${source}" does not exist in the build context`);
  const intoDir = manySources || dest.endsWith("/") || statSync(from).isDirectory();
  const target = join(rootfs, intoDir && !statSync(from).isDirectory() ? join(dest, posix.basename(source)) : dest);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(from, target, { recursive: true, dereference: false, preserveTimestamps: true });
}

/** Hard links when possible: the dependency tree is large, and the image's user cannot write to it anyway. */
function linkTree(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  try {
    execFileSync("cp", ["-al", from, to], { stdio: "pipe" });
  } catch {
    rmSync(to, { recursive: true, force: true });
    execFileSync("cp", ["-a", from, to], { stdio: "pipe" });
  }
}

export interface BuildOptions {
  /** The build context (the repository root). */
  readonly context: string;
  readonly log?: (line: string) => void;
}

/**
 * Runs a stage's RUN step. Only the production-dependency install is known: it runs as written,
 * with --prefer-offline so CI uses the npm cache; `npm cache clean` is skipped because here it would
 * empty the machine's shared cache and changes nothing in the image's directories.
 */
function runStep(step: RunStep, rootfs: string, env: Readonly<Record<string, string>>): void {
  for (const segment of step.command.split("&&").map((s) => s.trim())) {
    const argv = words(segment);
    if (argv[0] === "npm" && argv[1] === "cache" && argv[2] === "clean") continue;
    if (argv[0] === "npm" && (argv[1] === "ci" || argv[1] === "install")) {
      const cwd = join(rootfs, step.workdir);
      try {
        execFileSync("npm", [...argv.slice(1), "--prefer-offline"], { cwd, stdio: "pipe", env: { ...process.env, ...env } });
      } catch (error) {
        const failed = error as { stderr?: Buffer; message: string };
        // npm prints its usage after the reason: keep the reason.
        const reason = (failed.stderr?.toString() ?? failed.message).split(/\nnpm error Clean install|\nnpm error Usage/)[0]!.slice(0, 3_000);
        throw new Error(`the Dockerfile's "${segment}" failed, so \`docker build\` would fail too:\n${reason}`, { cause: error });
      }
      continue;
    }
    throw new Error(`Dockerfile "${step.text}": "${segment}" is not a command this parity test can replay; teach runStep in test/e2e/image.ts`);
  }
}

function stageHash(dockerfile: Dockerfile, stage: Stage, context: string): string {
  const hash = createHash("sha256");
  hash.update(`${process.platform}-${process.arch}-${process.version}\n`);
  for (let s: Stage | undefined = stage; s; s = dockerfile.stages.find((other) => other.name === s!.base)) {
    hash.update(s.text);
    for (const step of s.steps) {
      if (step.kind !== "copy") continue;
      if (step.from) hash.update(stageHash(dockerfile, dockerfile.stage(step.from), context));
      else for (const source of step.sources) hashTree(hash, join(context, source));
    }
  }
  return hash.digest("hex").slice(0, 16);
}

/** Replays a stage (and the stages it builds on) into `rootfs`. Stages with a RUN step come from the cache. */
function materialize(dockerfile: Dockerfile, stage: Stage, rootfs: string, options: BuildOptions): void {
  const base = dockerfile.stages.find((s) => s.name === stage.base);
  if (base) materialize(dockerfile, base, rootfs, options);
  mkdirSync(join(rootfs, stage.workdir), { recursive: true });
  for (const step of stage.steps) {
    if (step.kind === "run") {
      runStep(step, rootfs, stage.env);
      continue;
    }
    if (step.from) {
      const source = cachedStage(dockerfile, dockerfile.stage(step.from), options);
      if (step.sources.length !== 1) throw new Error(`Dockerfile "${step.text}": COPY --from with several sources is not supported by this parity test`);
      linkTree(join(source, step.sources[0]!), join(rootfs, posix.resolve(step.workdir, step.dest)));
      continue;
    }
    for (const source of step.sources) copyFromContext(options.context, source, rootfs, posix.resolve(step.workdir, step.dest) + (step.dest.endsWith("/") ? "/" : ""), step.sources.length > 1);
  }
}

/** A stage built once per content hash (its instructions, the files it copies, the Node version). */
export function cachedStage(dockerfile: Dockerfile, stage: Stage, options: BuildOptions): string {
  const cache = parityCacheDir();
  const dir = join(cache, `stage-${stage.name}-${stageHash(dockerfile, stage, options.context)}`);
  if (existsSync(join(dir, ".complete"))) return join(dir, "rootfs");
  options.log?.(`building stage ${stage.name} into ${dir} (cached for the next run)`);
  const work = mkdtempSync(`${dir}.tmp-`);
  chmodSync(work, 0o755);
  try {
    materialize(dockerfile, stage, join(work, "rootfs"), options);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    throw error;
  }
  writeFileSync(join(work, ".complete"), "");
  try {
    renameSync(work, dir);
  } catch {
    // Another run finished the same stage first: theirs is identical.
    rmSync(work, { recursive: true, force: true });
  }
  // Old builds of this stage (another lock file) are dropped once they are an hour old.
  for (const name of readdirSync(cache)) {
    const path = join(cache, name);
    if (name.startsWith(`stage-${stage.name}-`) && path !== dir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  return join(dir, "rootfs");
}

/** Builds the target's root filesystem into a fresh directory; stages with RUN steps come from the cache. */
export function buildImage(dockerfile: Dockerfile, target: string, options: BuildOptions): { rootfs: string; remove(): void } {
  if (existsSync(join(options.context, ".dockerignore"))) {
    throw new Error(".dockerignore exists, but this parity test does not apply it yet: teach copyFromContext in test/e2e/image.ts its patterns");
  }
  // Images of runs that were killed before their cleanup: nothing uses them an hour later.
  for (const name of readdirSync(parityCacheDir())) {
    const path = join(parityCacheDir(), name);
    if (name.startsWith("image-") && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(parityCacheDir(), `image-${target}-`));
  chmodSync(dir, 0o755);
  const rootfs = join(dir, "rootfs");
  mkdirSync(rootfs, { mode: 0o755 });
  try {
    materialize(dockerfile, dockerfile.stage(target), rootfs, options);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { rootfs, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The node binary the image's base provides, as a copy the image's user can execute (the one running
 * the tests may live under a home directory only its owner can enter).
 */
export function imageNodeDir(): string {
  const dir = join(parityCacheDir(), `node-${process.version}`);
  if (!existsSync(join(dir, "node"))) {
    const work = mkdtempSync(`${dir}.tmp-`);
    chmodSync(work, 0o755);
    cpSync(process.execPath, join(work, "node"));
    chmodSync(join(work, "node"), 0o755);
    try {
      renameSync(work, dir);
    } catch {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return dir;
}

export interface RunningContainer {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  running(): boolean;
  /** The running process's real "uid:gid", from /proc. */
  user(): string;
  /** SIGTERM, as `docker stop` sends; SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<number | string>;
}

/**
 * Starts command (ENTRYPOINT + CMD) in rootfs+WORKDIR with only the stage's ENV plus `env`, as the
 * stage's USER when this process is root (setpriv), else as the current user.
 */
/** The uid:gid the process runs as: the stage's USER when we can switch to it (as root), else ours. */
export function expectedUser(stage: Stage): string {
  if (process.getuid?.() === 0 && stage.user) {
    const [uid, gid = uid] = stage.user.split(":");
    return `${uid}:${gid}`;
  }
  return `${process.getuid?.() ?? "?"}:${process.getgid?.() ?? "?"}`;
}

export function runContainer(stage: Stage, rootfs: string, command: readonly string[], env: Readonly<Record<string, string>>): RunningContainer {
  if (command.length === 0) throw new Error(`stage ${stage.name} has no ENTRYPOINT or CMD`);
  const nodeDir = imageNodeDir();
  const path = `${nodeDir}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
  // Docker gives a user without a passwd entry HOME=/.
  const fullEnv = { PATH: path, HOME: "/", ...stage.env, ...env };
  const resolved = command[0]!.includes("/") ? command[0]! : path.split(":").map((dir) => join(dir, command[0]!)).find((candidate) => existsSync(candidate));
  if (!resolved) throw new Error(`ENTRYPOINT ${command[0]} is not on the image's PATH`);
  let argv = [resolved, ...command.slice(1)];
  if (process.getuid?.() === 0 && stage.user) {
    const [uid, gid = uid] = stage.user.split(":");
    if (!/^\d+$/.test(uid!) || !/^\d+$/.test(gid!)) throw new Error(`USER ${stage.user}: use numeric uid:gid so Kubernetes' runAsNonRoot can verify it`);
    const setpriv = path.split(":").map((dir) => join(dir, "setpriv")).find((candidate) => existsSync(candidate));
    if (!setpriv) throw new Error("setpriv is missing: install util-linux (apt-get install -y util-linux) so the test can run the image as its USER");
    argv = [setpriv, `--reuid=${uid}`, `--regid=${gid}`, "--clear-groups", "--", ...argv];
  }
  const cwd = join(rootfs, stage.workdir);
  if (isAbsolute(relative(rootfs, cwd))) throw new Error(`WORKDIR ${stage.workdir} escapes the image`);
  const child = spawn(argv[0]!, argv.slice(1), { cwd, env: fullEnv, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<number | string>((resolve) => {
    child.once("error", (error) => {
      output += `\nspawn failed: ${error.message}`;
      resolve("spawn-error");
    });
    child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child, exited, running, output: () => output,
    user() {
      // setpriv execs the program, so the pid is the program's.
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const id = (field: string) => new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? "?";
      return `${id("Uid")}:${id("Gid")}`;
    },
    async stop(graceMs = 10_000) {
      if (running()) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Polls url until it answers 2xx; fails at once, with the process's output, if the process exits first. */
export async function waitForHttp(container: RunningContainer, url: string, what: string, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: string;
  for (;;) {
    if (!container.running()) {
      const code = await container.exited;
      throw new Error(`${what}: the process exited (${code}) before ${url} answered; its output:\n${container.output().slice(-4_000)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return response;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      last = String(error);
    }
    if (Date.now() > deadline) throw new Error(`${what}: ${url} did not answer 2xx within ${timeoutMs} ms (last: ${last}); output:\n${container.output().slice(-4_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
