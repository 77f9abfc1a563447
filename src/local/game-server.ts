import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import type { EnvironmentOutputs } from "../spec/types.generated.ts";
import { tableVariables } from "../../server/config.ts";
import { cognitoServerVariables } from "../contract/game-server.ts";
import { freePort, redisAnswers } from "../util/net.ts";

const serverEntry = fileURLToPath(new URL("../../server/index.ts", import.meta.url));

async function waitFor(what: string, child: ChildProcess, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited during start-up (code ${child.exitCode})`);
    if (await probe().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill();
  throw new Error(`${what} was not ready within ${timeoutMs / 1000}s`);
}

export interface LocalGameServer {
  readonly url: string;
  /** How players sign in: the environment's user pool, or development tokens when the manifest has no `cognito`. */
  readonly signIn: "cognito" | "dev-tokens";
  stop(): void;
}

/**
 * How the local game server signs players in. With a user pool in the outputs: that pool, its keys read from the
 * emulator (which serves each pool's JWKS under its id; the tokens carry AWS's issuer, the server's default), and the
 * server confirming sign-ups itself when the pool sends no code. Without one: development mode (`/dev-token`), the
 * only way to join an environment that declares no pool.
 */
export function localSignInVariables(outputs: EnvironmentOutputs, emulatorEndpoint: string, autoConfirm: boolean): Record<string, string> {
  const pool = outputs.cognito;
  if (!pool) return { JWT_SECRET: process.env.JWT_SECRET ?? randomBytes(32).toString("hex"), GAME_DEV_TOKENS: "true" };
  return {
    [cognitoServerVariables.cognitoUserPoolId]: pool.userPoolId,
    [cognitoServerVariables.cognitoClientId]: pool.clientId,
    [cognitoServerVariables.cognitoJwksUri]: new URL(`/${pool.userPoolId}/.well-known/jwks.json`, emulatorEndpoint).toString(),
    [cognitoServerVariables.cognitoAutoConfirm]: String(autoConfirm),
  };
}

/**
 * The game server wired to a local environment's outputs. ElastiCache in the local AWS emulator
 * serves no Redis protocol, so a loopback redis-server stands in for it; the tables are the ones
 * the controller created.
 */
export async function startLocalGameServer(
  outputs: EnvironmentOutputs, aws: { endpoint: string; region: string }, options: { autoConfirm: boolean },
): Promise<LocalGameServer> {
  const env = tableVariables(outputs.tables);
  const signIn = localSignInVariables(outputs, aws.endpoint, options.autoConfirm);
  // Sign-in settings of the developer's shell would contradict the environment's (the server refuses a pool with dev tokens).
  const replaced = new Set<string>(["JWT_SECRET", "GAME_DEV_TOKENS", ...Object.values(cognitoServerVariables)]);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !replaced.has(name)));
  const redisPort = await freePort();
  const redis = spawn(process.env.GAMECTL_REDIS_SERVER ?? "redis-server", ["--bind", "127.0.0.1", "--port", String(redisPort), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  redis.once("error", () => undefined);
  await waitFor("redis-server (apt-get install -y redis-server)", redis, () => redisAnswers(redisPort), 10_000);
  const port = Number(process.env.GAMECTL_GAME_PORT ?? 2567);
  const server = spawn(process.execPath, [serverEntry], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...inherited, ...env, ...signIn, PORT: String(port), ADVERTISE_ADDRESS: `127.0.0.1:${port}`,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`, REDIS_AUTH_MODE: "none", REDIS_TLS: "false",
      AWS_REGION: aws.region, AWS_ENDPOINT_URL: aws.endpoint, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing",
    },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor("the game server", server, async () => (await fetch(`${url}/ready`)).ok, 30_000);
  } catch (error) {
    redis.kill();
    throw error;
  }
  return {
    url,
    signIn: outputs.cognito ? "cognito" : "dev-tokens",
    stop: () => {
      server.kill("SIGTERM");
      redis.kill();
    },
  };
}
