import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Client } from "@colyseus/sdk";
import { beforeEach, describe, expect, it } from "vitest";
import { launchChromium } from "../../server/test/browser.ts";
import { freePort } from "../../src/util/net.ts";
import { clearRecordedRequests, recordedRequests, resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";

const start = fileURLToPath(new URL("../../src/local/start.ts", import.meta.url));
const target = () => aws();

interface StartProcess {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output so far or to come. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `npm start`'s program (what scripts/start.sh runs) with AWS credentials and an endpoint in its environment, as on a developer's machine. */
function launchStart(args: string[], env: Record<string, string> = {}): StartProcess {
  const child = spawn(process.execPath, [start, ...args], {
    env: {
      ...process.env, AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE", AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
      AWS_ENDPOINT_URL: target().endpoint, AWS_REGION: "us-east-1", GAMECTL_LOG_LEVEL: "silent", ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const listeners = new Set<() => void>();
  const seen = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", seen);
  child.stderr?.on("data", seen);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => { resolve(code); for (const listener of listeners) listener(); }));
  return {
    child,
    output: () => output,
    waitFor: (pattern, timeoutMs) => new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(output);
        if (match) done(() => resolve(match));
        else if (child.exitCode !== null) done(() => reject(new Error(`exited (code ${child.exitCode}) before ${pattern}:\n${output}`)));
      };
      const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))), timeoutMs);
      const done = (settle: () => void) => { clearTimeout(timer); listeners.delete(check); settle(); };
      listeners.add(check);
      check();
    }),
    stop: () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Runs `npm start`'s program until its output matches `until`, then stops it. */
async function runStart(args: string[], until: RegExp, timeoutMs = 45_000): Promise<{ output: string; code: number | null }> {
  const started = launchStart(args);
  try {
    await started.waitFor(until, timeoutMs);
  } catch (error) {
    started.child.kill("SIGKILL");
    throw error;
  }
  const code = await started.stop();
  return { output: started.output(), code };
}

beforeEach(async () => {
  await resetMoto(target().endpoint);
  await clearRecordedRequests(target().endpoint);
});

describe("npm start with AWS credentials on the machine", () => {
  it("stays local: starts its own emulator and sends nothing to the configured AWS", async () => {
    const { output } = await runStart([], /local AWS at http:\/\/127\.0\.0\.1/);
    expect(output).toMatch(/local default \(no --aws\)/);
    expect(await recordedRequests(target().endpoint, {})).toEqual([]);
  });

  it("with --aws, shows the plan, the account and the region, and changes nothing unless confirmed", async () => {
    const { output, code } = await runStart(["--aws"], /not confirmed|error/);
    expect(code).not.toBe(0);
    expect(output).toMatch(/Plan: \d+ to add/);
    expect(output).toMatch(/in AWS account \d{12} .*region us-east-1/);
    expect(output).toMatch(/not confirmed; nothing was changed/);
    const writes = (await recordedRequests(target().endpoint, {})).filter((r) => !/^(Describe|List|Get)/.test(r.operation));
    expect(writes).toEqual([]);
  });
});

describe("npm start's game server", () => {
  it("signs players up in the local user pool: a player registers, signs in and joins over HTTP and the SDK, another in the browser", async () => {
    const port = await freePort();
    const started = launchStart([], { GAMECTL_GAME_PORT: String(port) });
    try {
      const [, shown] = await started.waitFor(/Game server: open (http:\/\/\S+?)\/? in a browser|Game server did not start.*/, 150_000);
      const url = `http://127.0.0.1:${port}`;
      expect(shown, started.output()).toBe(url);
      const settings = await (await fetch(`${url}/config.json`)).json() as { signIn: string };
      expect(settings.signIn).toBe("cognito");
      expect((await fetch(`${url}/dev-token?name=eve`)).status).toBe(404);

      const post = async <T>(path: string, body: unknown) => {
        const response = await fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        return { status: response.status, body: (await response.json()) as T };
      };
      const password = "correct-horse-7";
      const registered = await post<{ playerId: string; confirmed: boolean }>("/players", { username: "ada", password });
      expect(registered).toMatchObject({ status: 200, body: { confirmed: true } });
      const signedIn = await post<{ idToken: string }>("/players/sign-in", { username: "ada", password });
      expect(signedIn.status).toBe(200);
      const client = new Client(url);
      client.auth.token = signedIn.body.idToken;
      const room = await client.joinOrCreate("arena");
      for (const type of ["ended", "pong", "seat"]) room.onMessage(type, () => undefined);
      const session = await new Promise<{ playerId: string }>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error("no session message")), 10_000);
        room.onMessage("session", (message: { playerId: string }) => { clearTimeout(timer); resolve(message); });
      });
      expect(session.playerId).toBe(registered.body.playerId);
      await room.leave();

      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(url);
        await page.fill("#username", "bea");
        await page.fill("#password", password);
        await page.click("#sign-up");
        await page.waitForFunction(`document.getElementById("status")?.textContent?.includes("Signed in as bea")`, undefined, { timeout: 15_000 });
        await page.click("#join button[type=submit]");
        await page.waitForFunction(`document.getElementById("status")?.textContent?.includes("Playing as bea")`, undefined, { timeout: 15_000 });
      } finally {
        await browser.close();
      }
      // Still local: the AWS the machine is configured for saw nothing.
      expect(await recordedRequests(target().endpoint, {})).toEqual([]);
    } finally {
      await started.stop();
    }
  }, 240_000);
});
