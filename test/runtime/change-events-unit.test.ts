import { describe, expect, it } from "vitest";
import { parseEventMessage, type ChangeEvent } from "../../src/runtime/events/cloudtrail.ts";
import { desiredInstallation, InstallationConflict, planInstallation, type ObservedInstallation } from "../../src/runtime/events/installation.ts";
import { matchEvent, OwnershipIndex } from "../../src/runtime/events/ownership.ts";
import { changeEventPattern, WRITE_EVENT_PREFIXES } from "../../src/runtime/events/pattern.ts";
import { cloudTrailEntry } from "../support/change-events.ts";

/** The body EventBridge puts in the queue for a PutEvents entry. */
function body(entry: ReturnType<typeof cloudTrailEntry>): string {
  return JSON.stringify({
    version: "0", id: "e-1", "detail-type": entry.DetailType, source: entry.Source, account: "123456789012", time: "2026-01-01T00:00:00Z", region: "us-east-1", resources: [],
    detail: JSON.parse(entry.Detail!) as unknown,
  });
}

function change(parsed: ReturnType<typeof parseEventMessage>): ChangeEvent {
  if (parsed.kind !== "change") throw new Error(`not a change: ${JSON.stringify(parsed)}`);
  return parsed.event;
}

describe("parsing queue messages", () => {
  it("reads the documented CloudTrail event: source, name, time and every identifier of the call", () => {
    const at = new Date("2026-01-01T10:00:00Z");
    const event = change(parseEventMessage(body(cloudTrailEntry({
      service: "ec2", eventName: "RevokeSecurityGroupIngress", at,
      requestParameters: { groupId: "sg-0123456789abcdef0", ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 6379 }] } },
      responseElements: { _return: true },
    }))));
    expect(event).toMatchObject({ id: "e-1", eventSource: "ec2.amazonaws.com", eventName: "RevokeSecurityGroupIngress", eventTimeMs: at.getTime(), region: "us-east-1" });
    expect(event.identifiers).toContain("sg-0123456789abcdef0");
    expect(event.identifiers).toContain("tcp");
  });

  it("never throws on hostile or malformed input, and bounds what it keeps", () => {
    for (const input of [undefined, "", "{", "null", "[]", "42", '"text"', JSON.stringify({ "detail-type": 1 }), JSON.stringify({ "detail-type": "AWS API Call via CloudTrail", detail: [] }),
      JSON.stringify({ "detail-type": "AWS API Call via CloudTrail", detail: { eventSource: 1, eventName: {} } }), "x".repeat(300 * 1024)]) {
      expect(parseEventMessage(input).kind).toBe("malformed");
    }
    const deep = `${'{"nested":'.repeat(10_000)}"sg-0123456789abcdef0"${"}".repeat(10_000)}`;
    const wide = Array.from({ length: 20_000 }, (_, i) => `name-${i}`);
    const hostile = change(parseEventMessage(JSON.stringify({ "detail-type": "AWS API Call via CloudTrail", detail: { eventSource: "ec2.amazonaws.com", eventName: "CreateTags", requestParameters: { deep: "shallow", wide } } })));
    expect(hostile.identifiers.length).toBeLessThanOrEqual(200);
    // Nesting deeper than anything AWS sends: read to a bounded depth, no throw, no stack overflow.
    const nested = parseEventMessage(`{"detail-type":"AWS API Call via CloudTrail","detail":{"eventSource":"e","eventName":"n","requestParameters":${deep}}}`);
    expect(nested.kind === "change" && nested.event.identifiers).toEqual([]);
  });

  it("ignores other detail-types and calls AWS refused", () => {
    expect(parseEventMessage(JSON.stringify({ "detail-type": "EC2 Instance State-change Notification", detail: {} })).kind).toBe("ignored");
    const refused = JSON.parse(body(cloudTrailEntry({ service: "dynamodb", eventName: "DeleteTable", requestParameters: { tableName: "t" } }))) as { detail: Record<string, unknown> };
    refused.detail.errorCode = "AccessDenied";
    expect(parseEventMessage(JSON.stringify(refused)).kind).toBe("ignored");
  });
});

describe("mapping an event to its environment", () => {
  const index = new OwnershipIndex([
    { key: "games/arena", resources: [{ kind: "DynamoDBTable", physicalName: "games-arena-users" }, { kind: "SecurityGroup", physicalName: "games-arena-app" }], status: { resources: [{ kind: "SecurityGroup", name: "sg/app", id: "sg-0aaaaaaaaaaaaaaa0", state: "Ready", lastObservedTime: "" }] } },
    { key: "games/lobby", resources: [{ kind: "DynamoDBTable", physicalName: "games-lobby-users" }] },
  ]);
  const event = (identifiers: string[]): ChangeEvent => ({ id: "1", eventSource: "x", eventName: "y", identifiers });

  it("finds the owner by name, by id from its status, and by the name inside an ARN; nobody else", () => {
    expect([...matchEvent(event(["games-arena-users"]), index).owners]).toEqual([["games/arena", new Set(["DynamoDBTable"])]]);
    expect([...matchEvent(event(["sg-0aaaaaaaaaaaaaaa0", "tcp"]), index).owners.keys()]).toEqual(["games/arena"]);
    expect([...matchEvent(event(["arn:aws:dynamodb:us-east-1:123456789012:table/games-lobby-users"]), index).owners.keys()]).toEqual(["games/lobby"]);
  });

  it("leaves ARNs and EC2 ids nobody knows for a tag lookup, and plain strings out of it", () => {
    const match = matchEvent(event(["sg-0bbbbbbbbbbbbbbb0", "arn:aws:sns:us-east-1:123456789012:unknown", "0.0.0.0/0", "someone-elses-table"]), index);
    expect(match.owners.size).toBe(0);
    expect(match.unresolved).toEqual(["sg-0bbbbbbbbbbbbbbb0", "arn:aws:sns:us-east-1:123456789012:unknown"]);
  });
});

describe("the installation", () => {
  const identity = { id: "prod", region: "us-east-1", accountId: "123456789012" };
  const desired = desiredInstallation(identity);
  const installed: ObservedInstallation = {
    queue: { url: "https://sqs.us-east-1.amazonaws.com/123456789012/gamectl-events-prod", attributes: { ...desired.queueAttributes, Policy: JSON.stringify(desired.queuePolicy), QueueArn: desired.queueArn }, tags: desired.tags },
    rule: { eventPattern: JSON.stringify(desired.eventPattern), state: "ENABLED", description: desired.ruleDescription, tags: desired.tags },
    targets: [{ id: "gamectl-change-events", arn: desired.queueArn }],
  };

  it("subscribes to writes of the managed services only, and lets only its rule send to its queue", () => {
    const pattern = changeEventPattern() as { source: string[]; detail: { eventSource: string[] } };
    expect(pattern.source).toEqual(["aws.ec2", "aws.elasticache", "aws.dynamodb", "aws.iam", "aws.elasticloadbalancing", "aws.cloudwatch", "aws.ecs", "aws.logs", "aws.secretsmanager", "aws.sns"]);
    expect(WRITE_EVENT_PREFIXES.filter((p) => /^(Describe|Get|List|Query|Scan|BatchGet)/.test(p))).toEqual([]);
    expect(JSON.stringify(desired.queuePolicy)).toContain(`"aws:SourceArn":"${desired.ruleArn}"`);
    expect(desired.ruleArn).toBe("arn:aws:events:us-east-1:123456789012:rule/gamectl-events-prod");
  });

  it("plans nothing for what is installed, and exactly the field that drifted", () => {
    expect(planInstallation(desired, installed).every((a) => a.type === "noop")).toBe(true);
    const drifted = planInstallation(desired, { ...installed, rule: { ...installed.rule!, state: "DISABLED" } });
    expect(drifted.filter((a) => a.type !== "noop")).toEqual([{ type: "update", resource: "rule", name: "gamectl-events-prod", changes: [{ field: "State", from: "DISABLED", to: "ENABLED" }] }]);
  });

  it("refuses a rule of its name another installation or nobody owns", () => {
    expect(() => planInstallation(desired, { ...installed, rule: { ...installed.rule!, tags: { "gamectl.dev/managed-by": "gamectl", "gamectl.dev/installation": "staging" } } }))
      .toThrow(InstallationConflict);
    expect(() => planInstallation(desired, { ...installed, queue: { ...installed.queue!, tags: {} } })).toThrow(/not gamectl's.*--installation-id/);
  });
});
