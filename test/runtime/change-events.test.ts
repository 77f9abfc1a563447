import { DescribeContinuousBackupsCommand, DynamoDBClient, UpdateContinuousBackupsCommand } from "@aws-sdk/client-dynamodb";
import { DescribeSecurityGroupsCommand, EC2Client, RevokeSecurityGroupIngressCommand, type IpPermission } from "@aws-sdk/client-ec2";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { DeleteQueueCommand, GetQueueAttributesCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Counter } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { StateDirectory } from "../../src/runtime/folder/state.ts";
import { physicalNames, type PhysicalNames } from "../../src/spec/names.ts";
import type { GameEnvironmentSpec } from "../../src/spec/types.generated.ts";
import { ensureInstallation } from "../../src/runtime/events/install-aws.ts";
import { runController, type RunningController } from "../../src/runtime/run.ts";
import { createLogger } from "../../src/util/log.ts";
import { clearRecordedRequests, recordedRequests, resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { coreManifest, createNetwork } from "../support/aws-environment.ts";
import { eventBridge, putCloudTrailEvents } from "../support/change-events.ts";
import { eventually } from "./support.ts";

const target = aws();
const dynamo = new DynamoDBClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const ec2 = new EC2Client({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const sqs = new SQSClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const events = eventBridge(target);
const dir = mkdtempSync(join(tmpdir(), "gamectl-events-"));
const state = new StateDirectory(join(dir, ".gamectl"));
let running: RunningController;
let queueUrl: string;
/** games/arena's physical names, as the controller derives them. */
let arena: PhysicalNames;

async function count(counter: Counter, labels: Record<string, string>): Promise<number> {
  return (await counter.get()).values.filter((v) => Object.entries(labels).every(([k, value]) => v.labels[k] === value)).reduce((sum, v) => sum + v.value, 0);
}

/** No reconcile ran for longer than a transitional requeue (500 ms): what the last test started has finished. */
async function settled(): Promise<number> {
  let last = -1;
  return await eventually(async () => {
    await running.controller.idle();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = await count(running.metrics.reconciles, {});
    const steady = now === last;
    last = now;
    return steady ? now : undefined;
  }, (value) => value !== undefined, 20_000, "no reconcile for a second") as number;
}

async function pitr(table: string): Promise<string | undefined> {
  const answer = await dynamo.send(new DescribeContinuousBackupsCommand({ TableName: table }));
  return answer.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus;
}

async function queueEmpty(): Promise<boolean> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  return Attributes?.ApproximateNumberOfMessages === "0" && Attributes.ApproximateNumberOfMessagesNotVisible === "0";
}

beforeAll(async () => {
  await resetMoto(target.endpoint);
  const network = await createNetwork(target);
  ({ queueUrl } = await ensureInstallation(target, "test"));
  for (const name of ["arena", "lobby"]) writeFileSync(join(dir, `${name}.yaml`), stringify(coreManifest(name, network)));
  arena = physicalNames("games", "arena", (coreManifest("arena", network) as { spec: GameEnvironmentSpec }).spec);
  running = await runController({
    manifestsDir: dir, log: createLogger("silent"), transitionalMs: 500, rescanMs: 1_000,
    // A regular resync that could not repair anything within the test, relaxed further while events flow.
    resyncMs: 600_000,
    changeEvents: { queueUrl, resyncMs: 3_600_000, waitTimeSeconds: 1, healthyWindowMs: 3_000 },
    aws: { region: target.region, endpoint: target.endpoint, credentials: target.credentials },
  });
  for (const name of ["arena", "lobby"]) {
    await eventually(async () => state.readAll().find((r) => r.key === `games/${name}`), (r) => r?.status?.phase === "Ready", 60_000, `games/${name} Ready`);
  }
}, 120_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
  [dynamo, ec2, sqs, events].forEach((c) => c.destroy());
});

describe("event-driven drift detection", () => {
  it("repairs the environment whose table an out-of-band call changed, reading no other environment", async () => {
    await eventually(async () => running.changeEvents!.consumer.flowing, Boolean, 10_000, "the consumer's first poll");
    expect(running.controller.resyncMs).toBe(3_600_000);
    await running.controller.idle();
    const reconcilesBefore = await count(running.metrics.reconciles, {});

    // Someone turns point-in-time recovery off by hand: a field the periodic light look does not even read.
    const table = arena.tableName("users");
    await dynamo.send(new UpdateContinuousBackupsCommand({ TableName: table, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }));
    expect(await pitr(table)).toBe("DISABLED");
    await clearRecordedRequests(target.endpoint);
    await putCloudTrailEvents(events, [{
      service: "dynamodb", eventName: "UpdateContinuousBackups",
      requestParameters: { tableName: table, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } },
      responseElements: { continuousBackupsDescription: { continuousBackupsStatus: "ENABLED", pointInTimeRecoveryDescription: { pointInTimeRecoveryStatus: "DISABLED" } } },
    }]);

    await eventually(() => pitr(table), (status) => status === "ENABLED", 15_000, `${table} repaired`);
    await running.controller.idle();
    expect(await count(running.metrics.changeEvents, { result: "handled" })).toBe(1);
    expect((await running.metrics.eventLag.get()).values.find((v) => v.metricName === "gamectl_change_event_lag_seconds_count")?.value).toBe(1);
    expect(await count(running.metrics.reconciles, {}) - reconcilesBefore).toBeGreaterThanOrEqual(1);

    const calls = (await recordedRequests(target.endpoint)).filter((r) => r.service !== "sqs" && r.service !== "events");
    const mentions = (text: string) => calls.filter((r) => JSON.stringify(r.params).includes(text));
    expect(mentions("games-arena").length).toBeGreaterThan(0);
    expect(calls.some((r) => r.operation === "UpdateContinuousBackups")).toBe(true);
    // Not one read (or write) of the other environment: no name, no tag filter of it.
    expect(mentions("lobby").map((r) => `${r.service}:${r.operation}`)).toEqual([]);
    expect(await queueEmpty()).toBe(true);
  });

  it("restores a security-group rule revoked by hand, finding the owner by the group's id alone", async () => {
    await settled();
    const group = async () => (await ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: "group-name", Values: [arena.securityGroupName("app")] }] }))).SecurityGroups![0]!;
    const { GroupId: groupId, IpPermissions: before } = await group();
    const relay = before!.find((p) => p.UserIdGroupPairs?.some((pair) => pair.GroupId === groupId))!;
    const revoked: IpPermission = { IpProtocol: relay.IpProtocol!, FromPort: relay.FromPort!, ToPort: relay.ToPort!, UserIdGroupPairs: [{ GroupId: groupId! }] };
    await ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [revoked] }));
    const selfReferencing = (permissions: IpPermission[] | undefined) => (permissions ?? []).some((p) => p.FromPort === relay.FromPort && p.UserIdGroupPairs?.some((pair) => pair.GroupId === groupId));
    expect(selfReferencing((await group()).IpPermissions)).toBe(false);
    await clearRecordedRequests(target.endpoint);

    // As CloudTrail records the call: the group by id only, the rule in EC2's query shape.
    await putCloudTrailEvents(events, [{
      service: "ec2", eventName: "RevokeSecurityGroupIngress",
      requestParameters: { groupId, ipPermissions: { items: [{ ipProtocol: relay.IpProtocol, fromPort: relay.FromPort, toPort: relay.ToPort, groups: { items: [{ groupId }] }, ipRanges: {}, ipv6Ranges: {}, prefixListIds: {} }] } },
      responseElements: { requestId: "r-1", _return: true },
    }]);
    await eventually(async () => selfReferencing((await group()).IpPermissions), Boolean, 15_000, "the relay rule restored");
    await running.controller.idle();
    const calls = (await recordedRequests(target.endpoint)).filter((r) => r.service !== "sqs" && r.service !== "events");
    expect(calls.some((r) => r.operation === "AuthorizeSecurityGroupIngress")).toBe(true);
    expect(calls.filter((r) => JSON.stringify(r.params).includes("lobby")).map((r) => `${r.service}:${r.operation}`)).toEqual([]);
  });

  it("counts and drops a malformed message, an event for a resource no environment owns and the controller's own call", async () => {
    const reconcilesBefore = await settled();
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: "{not json" }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify({ "detail-type": "AWS API Call via CloudTrail", detail: { eventName: ["x"], requestParameters: "y" } }) }));
    await putCloudTrailEvents(events, [
      { service: "dynamodb", eventName: "DeleteTable", requestParameters: { tableName: "someone-elses-table" } },
      { service: "ec2", eventName: "RevokeSecurityGroupIngress", requestParameters: { groupId: "sg-0fedcba9876543210" } },
    ]);
    // The controller's own writes come back as events too: acting on them would read the environment twice per change.
    const sts = new STSClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
    const { Arn: own } = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    await putCloudTrailEvents(events, [{ service: "dynamodb", eventName: "UpdateContinuousBackups", principalArn: own!, requestParameters: { tableName: arena.tableName("users") } }]);
    await eventually(() => count(running.metrics.changeEvents, { result: "own" }), (n) => n === 1, 15_000, "the controller's own call counted");
    await eventually(async () => [await count(running.metrics.changeEvents, { result: "malformed" }), await count(running.metrics.changeEvents, { result: "unmatched" })],
      ([malformed, unmatched]) => malformed === 2 && unmatched === 2, 15_000, "two malformed and two unmatched events counted");
    // A busy account writes to many resources gamectl does not manage: each unknown id is looked up once, not per event.
    await putCloudTrailEvents(events, [{ service: "ec2", eventName: "AuthorizeSecurityGroupIngress", requestParameters: { groupId: "sg-0fedcba9876543210" } }]);
    await eventually(() => count(running.metrics.changeEvents, { result: "unmatched" }), (n) => n === 3, 15_000, "the repeated unknown group counted");
    const lookups = (await recordedRequests(target.endpoint, { service: "ec2", operation: "DescribeTags" })).filter((r) => JSON.stringify(r.params).includes("sg-0fedcba9876543210"));
    expect(lookups).toHaveLength(1);
    await eventually(queueEmpty, Boolean, 10_000, "the queue emptied");
    await running.controller.idle();
    expect(await count(running.metrics.reconciles, {})).toBe(reconcilesBefore);
    expect(running.changeEvents!.consumer.flowing).toBe(true);
  });

  // Last: it deletes the queue.
  it("goes back to the regular resync when the queue cannot be polled: polling stays the safety net", async () => {
    expect(running.controller.resyncMs).toBe(3_600_000);
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    await eventually(async () => running.controller.resyncMs, (ms) => ms === 600_000, 15_000, "the regular resync period");
    expect(running.changeEvents!.consumer.flowing).toBe(false);
    expect(await running.metrics.registry.getSingleMetricAsString("gamectl_change_events_flowing")).toMatch(/^gamectl_change_events_flowing 0$/m);
    expect((await running.metrics.eventPollErrors.get()).values[0]?.value).toBeGreaterThan(0);
  });
});
