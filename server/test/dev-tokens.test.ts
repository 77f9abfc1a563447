import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenVerifier } from "../auth.ts";
import { TEST_JWT_SECRET, prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

// Issue 14, defect 1: /dev-token handed out tokens to anyone whenever JWT_SECRET was set, NODE_ENV=production included.

let env: Record<string, string>;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  ({ env } = await prepareBackends("dev-tokens"));
});
afterAll(async () => {
  for (const server of servers) await stopServerProcess(server);
});

describe("development tokens", () => {
  it("are not handed out without GAME_DEV_TOKENS=true, production or not; HS256 joins still verify", async () => {
    const production = await startServerProcess({ ...env, NODE_ENV: "production" });
    servers.push(production);
    const response = await fetch(`${production.endpoint}/dev-token?name=mallory`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/GAME_DEV_TOKENS/);
    await stopServerProcess(production);
    const plain = await startServerProcess(env);
    servers.push(plain);
    expect((await fetch(`${plain.endpoint}/dev-token?name=mallory`)).status).toBe(404);
    await stopServerProcess(plain);
  });

  it("are handed out in development mode, with an audience and a bounded expiry", async () => {
    const dev = await startServerProcess({ ...env, GAME_DEV_TOKENS: "true" });
    servers.push(dev);
    const response = await fetch(`${dev.endpoint}/dev-token?name=dana`);
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const claims = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { aud: string; exp: number; iat: number };
    expect(claims.aud).toBeTruthy();
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(12 * 3600);
    expect(await createTokenVerifier({ kind: "hs256", secret: TEST_JWT_SECRET })(token)).toEqual({ playerId: "dev-dana", name: "dana" });
    await stopServerProcess(dev);
  });

  it("refuses to start with GAME_DEV_TOKENS=true and NODE_ENV=production, naming both", async () => {
    const failed = await startServerProcess({ ...env, GAME_DEV_TOKENS: "true", NODE_ENV: "production" }).then(() => undefined, (error: unknown) => String(error));
    expect(failed).toMatch(/exited with 2/);
    expect(failed).toMatch(/GAME_DEV_TOKENS=true is refused with NODE_ENV=production/);
  });
});
