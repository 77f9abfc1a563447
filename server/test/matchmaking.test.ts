import { describe, expect, it } from "vitest";
import { formGroups, type MatchmakingRules } from "../matchmaking.ts";
import { eloUpdate } from "../elo.ts";

const rules: MatchmakingRules = { groupSize: 2, initialWindow: 50, widenPerSecond: 100, maxWindow: 500 };

describe("matchmaking", () => {
  it("groups close ratings at once and keeps distant ones waiting", () => {
    const queue = [
      { id: "a", rating: 1200, enqueuedAt: 0 }, { id: "b", rating: 1230, enqueuedAt: 0 }, { id: "c", rating: 1500, enqueuedAt: 0 },
    ];
    expect(formGroups(queue, 0, rules).map((g) => g.map((p) => p.id))).toEqual([["a", "b"]]);
  });

  it("widens the window with waiting time until a distant pair matches", () => {
    const queue = [{ id: "low", rating: 1000, enqueuedAt: 0 }, { id: "high", rating: 1300, enqueuedAt: 0 }];
    expect(formGroups(queue, 1_000, rules)).toEqual([]);
    expect(formGroups(queue, 2_600, rules).map((g) => g.map((p) => p.id))).toEqual([["low", "high"]]);
  });

  it("prefers the nearest rating for the longest-waiting player", () => {
    const queue = [
      { id: "old", rating: 1200, enqueuedAt: 0 }, { id: "far", rating: 1240, enqueuedAt: 10 }, { id: "near", rating: 1205, enqueuedAt: 20 },
    ];
    expect(formGroups(queue, 100, rules)[0]!.map((p) => p.id)).toEqual(["old", "near"]);
  });
});

describe("elo", () => {
  it("moves equal ratings by K/2 and keeps the sum", () => {
    const ratings = eloUpdate([{ playerId: "w", rating: 1200, score: 3 }, { playerId: "l", rating: 1200, score: 1 }]);
    expect(ratings.get("w")).toBe(1216);
    expect(ratings.get("l")).toBe(1184);
  });
});
