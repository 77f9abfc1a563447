import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { newSessionId, redisKeys } from "../keys.ts";

// Fast guards for the rules a Redis Cluster enforces at run time (cluster-mode.test.ts runs them on a real cluster):
// a script may touch only the keys it is given, and keys used together must share a hash tag.

/** What Redis Cluster hashes: the first non-empty {...} section, else the whole key. */
function hashedPart(key: string): string {
  const open = key.indexOf("{");
  const close = open < 0 ? -1 : key.indexOf("}", open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

describe("Lua scripts in server/", () => {
  it("pass every key they touch in KEYS: each redis.call's key argument is KEYS[n], never a name built in Lua", async () => {
    const dir = new URL("../", import.meta.url);
    const files = (await readdir(dir)).filter((f) => f.endsWith(".ts"));
    const calls: string[] = [];
    for (const file of files) {
      const source = await readFile(new URL(file, dir), "utf8");
      for (const match of source.matchAll(/redis\.call\(\s*'(\w+)'\s*,\s*([^,)]+)/g)) calls.push(`${file}: ${match[1]} ${match[2]!.trim()}`);
    }
    expect(calls.length).toBeGreaterThan(5);
    expect(calls.filter((call) => !/ KEYS\[\d+\]$/.test(call))).toEqual([]);
  });
});

describe("redis keys", () => {
  it("put a session, its player's index and the player's next session in one slot, and spread players", () => {
    const tags = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const playerId = `player-${i}`;
      const first = newSessionId(playerId);
      const next = newSessionId(playerId);
      expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(next).not.toBe(first);
      const tag = hashedPart(redisKeys.playerSession(playerId));
      expect(hashedPart(redisKeys.session(first))).toBe(tag);
      expect(hashedPart(redisKeys.session(next))).toBe(tag);
      tags.add(tag);
    }
    expect(tags.size).toBeGreaterThan(190);
  });

  it("put the keys each MULTI or script uses together under one tag", () => {
    expect(new Set([redisKeys.leaderboard, redisKeys.leaderboardNames, redisKeys.leaderboardFillLock].map(hashedPart))).toEqual(new Set(["leaderboard"]));
    expect(new Set([redisKeys.outbox, redisKeys.outboxUnreadable, redisKeys.legacyOutbox].map(hashedPart))).toEqual(new Set(["outbox"]));
  });
});
