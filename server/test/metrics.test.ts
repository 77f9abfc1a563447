import { describe, expect, it } from "vitest";
import { gameMetricDimensionNames, gameMetricNamespace } from "../../src/contract/game-server.ts";
import { GameMetrics } from "../metrics.ts";

describe("EMF lines", () => {
  it("carry exactly the Environment and Service dimensions on every metric, and a per-player property stays a property", () => {
    const lines: string[] = [];
    const metrics = new GameMetrics({ environment: "games/arena", write: (line) => lines.push(line) });
    metrics.record("SessionCreationLatency", 12);
    metrics.record("QueueLength", 3);
    metrics.record("MatchmakingTime", 800);
    metrics.record("PlayerRating", 1216, { playerId: "p-1" });
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      const parsed = JSON.parse(line);
      expect(parsed._aws.CloudWatchMetrics).toHaveLength(1);
      expect(parsed._aws.CloudWatchMetrics[0].Namespace).toBe(gameMetricNamespace);
      expect(parsed._aws.CloudWatchMetrics[0].Dimensions).toEqual([[...gameMetricDimensionNames]]);
      expect(parsed).toMatchObject({ Environment: "games/arena", Service: "game-server" });
    }
    expect(JSON.parse(lines[3]!)).toMatchObject({ playerId: "p-1", PlayerRating: 1216 });
  });

  it("cannot be talked out of its dimensions by a property of the same name", () => {
    const lines: string[] = [];
    new GameMetrics({ write: (line) => lines.push(line) }).record("PlayerRating", 1000, { Environment: "elsewhere", Service: "other" });
    expect(JSON.parse(lines[0]!)).toMatchObject({ Environment: "local", Service: "game-server" });
  });
});
