import { CreateQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EventConsumer } from "../../src/runtime/events/consumer.ts";
import type { EnvironmentIdentifiers } from "../../src/runtime/events/ownership.ts";
import { ControllerMetrics } from "../../src/runtime/metrics.ts";
import { createLogger } from "../../src/util/log.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { cloudTrailEntry } from "../support/change-events.ts";
import { eventually } from "./support.ts";

const target = aws();
const sqs = new SQSClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
let queueUrl: string;

/** Both replicas see both environments (every replica watches every GameEnvironment); each owns one. */
const environments: EnvironmentIdentifiers[] = [
  { key: "games/arena", resources: [{ kind: "DynamoDBTable", physicalName: "games-arena-users" }] },
  { key: "games/lobby", resources: [{ kind: "DynamoDBTable", physicalName: "games-lobby-users" }] },
];

/** The body EventBridge puts in the queue for a CloudTrail event naming one table. */
function tableEvent(id: string, table: string): string {
  const entry = cloudTrailEntry({ service: "dynamodb", eventName: "UpdateContinuousBackups", requestParameters: { tableName: table } });
  return JSON.stringify({
    version: "0", id, "detail-type": entry.DetailType, source: entry.Source, account: "123456789012", time: new Date().toISOString(), region: target.region, resources: [],
    detail: JSON.parse(entry.Detail!) as unknown,
  });
}

function replica(owned: string): { consumer: EventConsumer; refreshed: string[] } {
  const refreshed: string[] = [];
  const consumer = new EventConsumer({
    sqs, queueUrl, environments: () => environments, metrics: new ControllerMetrics(), log: createLogger("silent"),
    refresh: (key) => refreshed.push(key), owns: (key) => key === owned, waitTimeSeconds: 1,
  });
  return { consumer, refreshed };
}

beforeAll(async () => {
  await resetMoto(target.endpoint);
  ({ QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "gamectl-events-shards", Attributes: { VisibilityTimeout: "30" } })) as { QueueUrl: string });
});

afterAll(() => sqs.destroy());

describe("change events with shards: replicas share one queue", () => {
  it("each event reaches the replica that owns its environment, none is lost to another replica's delete, and the queue drains", async () => {
    const arena = replica("games/arena");
    const lobby = replica("games/lobby");
    for (let i = 0; i < 6; i++) {
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: tableEvent(`arena-${i}`, "games-arena-users") }));
      await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: tableEvent(`lobby-${i}`, "games-lobby-users") }));
    }
    arena.consumer.start();
    lobby.consumer.start();
    try {
      await eventually(async () => [arena.refreshed.length, lobby.refreshed.length], ([a, l]) => a === 6 && l === 6, 30_000, "each replica refreshed its own environment once per event");
      expect(new Set(arena.refreshed)).toEqual(new Set(["games/arena"]));
      expect(new Set(lobby.refreshed)).toEqual(new Set(["games/lobby"]));
      await eventually(async () => (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }))).Attributes,
        (a) => a?.ApproximateNumberOfMessages === "0" && a.ApproximateNumberOfMessagesNotVisible === "0", 30_000, "the queue drained");
    } finally {
      await Promise.all([arena.consumer.stop(), lobby.consumer.stop()]);
    }
  }, 90_000);
});
