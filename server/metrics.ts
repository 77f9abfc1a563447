import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

export type EmfMetricName = "SessionCreationLatency" | "QueueLength" | "MatchmakingTime" | "PlayerRating";

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
  readonly #service: string;

  constructor(options: { write?: (line: string) => void; service?: string; environment?: string } = {}) {
    collectDefaultMetrics({ register: this.registry });
    this.#write = options.write ?? ((line) => process.stdout.write(`${line}\n`));
    this.#service = options.service ?? "game-server";
  }

  record(name: EmfMetricName, value: number, dimensions: Record<string, string> = {}): void {
    if (name === "SessionCreationLatency") this.sessionCreation.observe(value);
    else if (name === "QueueLength") this.queueLength.set(value);
    else if (name === "MatchmakingTime") this.matchmakingTime.observe(value);
    else this.playerRating.observe(value);
    const dims = { Service: this.#service, ...dimensions };
    this.#write(JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [{ Namespace: "GameMetrics", Dimensions: [Object.keys(dims)], Metrics: [{ Name: name, Unit: UNITS[name] }] }],
      },
      ...dims,
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
