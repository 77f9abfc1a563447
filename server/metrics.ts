import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { gameMetricDimensionNames, gameMetricDimensions, gameMetricNamespace, type GameMetricName } from "../src/contract/game-server.ts";

export type EmfMetricName = GameMetricName;

const UNITS: Record<EmfMetricName, string> = {
  SessionCreationLatency: "Milliseconds",
  QueueLength: "Count",
  MatchmakingTime: "Milliseconds",
  PlayerRating: "None",
};

/**
 * The same four game metrics as CloudWatch Embedded Metric Format lines on stdout (the awslogs driver ships
 * them; no API call on the hot path) and as Prometheus series on /metrics.
 */
export class GameMetrics {
  readonly registry = new Registry();
  readonly sessionCreation = new Histogram({ name: "game_session_creation_latency_ms", help: "SessionCreationLatency", buckets: [0.5, 1, 2, 5, 10, 25, 50, 100], registers: [this.registry] });
  readonly queueLength = new Gauge({ name: "game_queue_length", help: "QueueLength: players waiting for a match", registers: [this.registry] });
  readonly matchmakingTime = new Histogram({ name: "game_matchmaking_time_ms", help: "MatchmakingTime", buckets: [100, 500, 1000, 2000, 5000, 10000, 30000], registers: [this.registry] });
  readonly playerRating = new Histogram({ name: "game_player_rating", help: "PlayerRating after a game", buckets: [800, 1000, 1100, 1200, 1300, 1400, 1600, 2000], registers: [this.registry] });
  readonly droppedMessages = new Counter({ name: "game_dropped_messages_total", help: "Client messages dropped", labelNames: ["reason"] as const, registers: [this.registry] });
  readonly connectedPlayers = new Gauge({ name: "game_connected_players", help: "Players in rooms of this process", registers: [this.registry] });
  readonly outboxLength = new Gauge({ name: "game_outbox_length", help: "Game results waiting in the Redis outbox", registers: [this.registry] });
  readonly relayedConnections = new Counter({ name: "game_relayed_connections_total", help: "WebSockets piped to the process owning the room", registers: [this.registry] });
  readonly #write: (line: string) => void;
  readonly #dimensions: Record<string, string>;

  /**
   * `environment` is the environment's key (namespace/name) the controller passes in: the alarms it
   * makes watch exactly the series with these dimensions, so every line carries them and no other.
   */
  constructor(options: { write?: (line: string) => void; environment?: string } = {}) {
    collectDefaultMetrics({ register: this.registry });
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#dimensions = gameMetricDimensions(options.environment ?? "local");
  }

  /**
   * `properties` ride along in the log line (searchable in Logs Insights) without becoming dimensions:
   * a dimension per player would make a series per player, which no alarm watches and which CloudWatch bills.
   */
  record(name: EmfMetricName, value: number, properties: Record<string, string | number> = {}): void {
    if (name === "SessionCreationLatency") this.sessionCreation.observe(value);
    else if (name === "QueueLength") this.queueLength.set(value);
    else if (name === "MatchmakingTime") this.matchmakingTime.observe(value);
    else this.playerRating.observe(value);
    this.#write(JSON.stringify({
      ...properties,
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: gameMetricNamespace, Dimensions: [[...gameMetricDimensionNames]], Metrics: [{ Name: name, Unit: UNITS[name] }] }],
      },
      ...this.#dimensions,
      [name]: value,
    }));
  }

  dropped(reason: "oversized" | "malformed" | "invalid" | "rate_limited"): void {
    this.droppedMessages.inc({ reason });
  }

  async droppedCount(reason: string): Promise<number> {
    const values = (await this.droppedMessages.get()).values;
    return values.find((v) => v.labels.reason === reason)?.value ?? 0;
  }
}
