import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cognitoMessages } from "../../test/aws/admin.ts";
import { aws } from "../../test/env/index.ts";
import { createTestUserPool } from "../../test/support/cognito-pool.ts";
import { launchChromium } from "./browser.ts";
import { prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

// Issue 16: the page signs players up and in with the environment's Cognito pool (moto's), then joins with the ID token.

let development: ServerProcess;
let production: ServerProcess;
let browser: Browser;
const password = "correct-horse-7";

beforeAll(async () => {
  const { env } = await prepareBackends("page-cognito");
  const { JWT_SECRET: _unused, ...withoutSecret } = env;
  const cognitoEnv = (pool: { userPoolId: string; clientId: string; jwksUri: string }) => ({
    ...withoutSecret, COGNITO_USER_POOL_ID: pool.userPoolId, COGNITO_CLIENT_ID: pool.clientId, COGNITO_JWKS_URI: pool.jwksUri,
  });
  development = await startServerProcess({ ...cognitoEnv(await createTestUserPool(aws(), "dev")), COGNITO_AUTO_CONFIRM: "true" });
  production = await startServerProcess(cognitoEnv(await createTestUserPool(aws(), "prod", { confirmWithCode: true })));
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopServerProcess(development);
  await stopServerProcess(production);
});

const statusIncludes = (page: Page, text: string) =>
  page.waitForFunction(`document.getElementById("status")?.textContent?.includes(${JSON.stringify(text)})`, undefined, { timeout: 15_000 });

describe("browser page with Cognito", () => {
  it("signs up (auto-confirmed in development), joins, and signs out", async () => {
    const page = await browser.newPage();
    await page.goto(development.endpoint);
    await page.fill("#username", "gil");
    await page.fill("#password", password);
    await page.click("#sign-up");
    await statusIncludes(page, "Signed in as gil");
    await page.click("#join button[type=submit]");
    await statusIncludes(page, "Playing as gil");
    expect(await page.evaluate<string>(`window.arenaRoom.state.players.values().next().value.name`)).toBe("gil");
    await page.click("#sign-out");
    await statusIncludes(page, "Signed out");
  });

  it("asks for the emailed code when the pool sends one, then signs in and joins", async () => {
    const page = await browser.newPage();
    await page.goto(production.endpoint);
    await page.fill("#username", "hal");
    await page.fill("#email", "hal@example.com");
    await page.fill("#password", password);
    await page.click("#sign-up");
    await statusIncludes(page, "Enter the code sent to");
    expect(await page.isVisible("#code")).toBe(true);
    const { code } = (await cognitoMessages(aws().endpoint)).find((m) => m.username === "hal")!;
    await page.fill("#code", code);
    await page.click("#confirm");
    await statusIncludes(page, "Signed in as hal");
    await page.click("#join button[type=submit]");
    await statusIncludes(page, "Playing as hal");
  });
});
