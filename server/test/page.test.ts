import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./browser.ts";
import { prepareBackends } from "./fixtures.ts";
import { startServerProcess, stopServerProcess, type ServerProcess } from "./processes.ts";

let server: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  const { env } = await prepareBackends("page");
  // The page signs in through /dev-token, which only development mode serves.
  server = await startServerProcess({ ...env, GAME_DEV_TOKENS: "true" });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await stopServerProcess(server);
});

async function join(name: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(server.endpoint);
  await page.fill("#name", name);
  await page.click("button[type=submit]");
  await page.waitForFunction(`document.getElementById("status")?.textContent?.includes(${JSON.stringify(`Playing as ${name}`)})`, undefined, { timeout: 15_000 });
  return page;
}

describe("browser page", () => {
  it("joins, moves, and shows the other players and the leaderboard", async () => {
    const ann = await join("Ann");
    const ben = await join("Ben");
    await ann.waitForSelector('#players li[data-player-id="dev-ben"]', { timeout: 10_000 });
    await ben.waitForSelector('#players li[data-player-id="dev-ann"]', { timeout: 10_000 });
    // Page code runs in the browser, so it is passed as source text (this project type-checks without DOM types).
    const positionOf = (page: Page) => page.evaluate<{ x: number; y: number }>(
      `(() => { const me = window.arenaRoom.state.players.get("dev-ann"); return { x: me.x, y: me.y }; })()`,
    );
    const before = await positionOf(ann);
    await ann.keyboard.down(before.x > 50 ? "ArrowLeft" : "ArrowRight");
    await ann.waitForTimeout(600);
    await ann.keyboard.up(before.x > 50 ? "ArrowLeft" : "ArrowRight");
    const after = await positionOf(ann);
    expect(Math.abs(after.x - before.x)).toBeGreaterThan(5);
    // Ben sees Ann's new position too, once the patch in flight (one per 50 ms) has arrived.
    await expect.poll(async () => {
      const [seenByAnn, seenByBen] = await Promise.all([positionOf(ann), positionOf(ben)]);
      return Math.abs(seenByBen.x - seenByAnn.x) < 0.5 && Math.abs(seenByAnn.x - before.x) > 5;
    }, { timeout: 5_000, interval: 100 }).toBe(true);
    const leaderboard = await ann.evaluate<number>(`fetch("/leaderboard").then((r) => r.status)`);
    expect(leaderboard).toBe(200);
    expect(await ann.locator("#leaderboard").count()).toBe(1);
  });

  it("shows a clear error for a bad name instead of joining", async () => {
    const page = await browser.newPage();
    await page.goto(server.endpoint);
    await page.evaluate(`document.getElementById("name").removeAttribute("pattern")`);
    await page.fill("#name", "bad name!");
    await page.click("button[type=submit]");
    await page.waitForFunction(`document.getElementById("status")?.textContent?.startsWith("Could not join: name:")`, undefined, { timeout: 10_000 });
  });
});
