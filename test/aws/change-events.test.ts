import { PutRuleCommand, PutTargetsCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, GetQueueAttributesCommand, ListQueueTagsCommand, ReceiveMessageCommand, SetQueueAttributesCommand, SQSClient, type Message } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { desiredInstallation } from "../../src/runtime/events/installation.ts";
import { changeEventPattern } from "../../src/runtime/events/pattern.ts";
import { aws } from "../env/index.ts";
import { gamectl } from "../runtime/support.ts";
import { eventBridge, putCloudTrailEvents } from "../support/change-events.ts";
import { resetMoto } from "./admin.ts";

const target = aws();
const sqs = new SQSClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
const events = eventBridge(target);
const account = "123456789012";
const revoke = { service: "ec2", eventName: "RevokeSecurityGroupIngress", requestParameters: { groupId: "sg-0123456789abcdef0" } };

async function queueWithRule(name: string): Promise<{ url: string; arn: string; ruleArn: string }> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
  const { RuleArn } = await events.send(new PutRuleCommand({ Name: name, EventPattern: JSON.stringify(changeEventPattern()) }));
  await events.send(new PutTargetsCommand({ Rule: name, Targets: [{ Id: "queue", Arn: Attributes!.QueueArn! }] }));
  return { url: QueueUrl!, arn: Attributes!.QueueArn!, ruleArn: RuleArn! };
}

async function receive(url: string, waitSeconds = 1): Promise<Message[]> {
  return (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: waitSeconds, MaxNumberOfMessages: 10 }))).Messages ?? [];
}

function policyFor(queueArn: string, ruleArn: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "events.amazonaws.com" }, Action: "sqs:SendMessage", Resource: queueArn, Condition: { ArnEquals: { "aws:SourceArn": ruleArn } } }],
  });
}

beforeAll(async () => {
  await resetMoto(target.endpoint);
});

afterAll(() => {
  sqs.destroy();
  events.destroy();
});

describe("the launcher's EventBridge to SQS delivery", () => {
  it("delivers a CloudTrail event to a queue only when the queue policy lets the rule send, as AWS does", async () => {
    const queue = await queueWithRule("no-policy");
    await putCloudTrailEvents(events, [revoke]);
    expect(await receive(queue.url)).toEqual([]);

    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: policyFor(queue.arn, queue.ruleArn) } }));
    await putCloudTrailEvents(events, [revoke]);
    const [message, ...rest] = await receive(queue.url);
    expect(rest).toEqual([]);
    const body = JSON.parse(message!.Body!) as Record<string, unknown> & { detail: Record<string, unknown> };
    expect(body).toMatchObject({ version: "0", "detail-type": "AWS API Call via CloudTrail", source: "aws.ec2", account, region: "us-east-1" });
    expect(body.detail).toMatchObject({ eventSource: "ec2.amazonaws.com", eventName: "RevokeSecurityGroupIngress", requestParameters: revoke.requestParameters });
  });

  it("delivers nothing under a policy for another rule, or one that does not name the queue", async () => {
    const queue = await queueWithRule("other-rule");
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: policyFor(queue.arn, `${queue.ruleArn}-other`) } }));
    await putCloudTrailEvents(events, [revoke]);
    expect(await receive(queue.url)).toEqual([]);
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: policyFor(`${queue.arn}-other`, queue.ruleArn) } }));
    await putCloudTrailEvents(events, [revoke]);
    expect(await receive(queue.url)).toEqual([]);
  });

  it("leaves reads out of the rule, and wakes a long poll as soon as an event arrives", async () => {
    const queue = await queueWithRule("long-poll");
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: policyFor(queue.arn, queue.ruleArn) } }));
    await putCloudTrailEvents(events, [{ service: "ec2", eventName: "DescribeSecurityGroups" }, { service: "dynamodb", eventName: "GetItem" }]);
    expect(await receive(queue.url)).toEqual([]);

    const started = performance.now();
    const waiting = receive(queue.url, 10);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await putCloudTrailEvents(events, [{ service: "dynamodb", eventName: "UpdateTimeToLive", requestParameters: { tableName: "t" } }]);
    const messages = await waiting;
    expect(messages).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("gamectl install", () => {
  const env = { AWS_ENDPOINT_URL: target.endpoint, AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_REGION: target.region };

  it("creates the queue, its policy and the rule, tagged as the installation's, then finds nothing to change", async () => {
    const first = await gamectl(["install", "--installation-id", "ci", "--auto-approve"], env);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("+ sqs queue gamectl-events-ci");
    expect(first.stdout).toContain("+ events rule gamectl-events-ci");
    expect(first.stdout).toContain("Plan: 4 to create, 0 to change, 0 to destroy.");
    const url = /queue: (\S+)/.exec(first.stdout)![1]!;
    const { Tags } = await sqs.send(new ListQueueTagsCommand({ QueueUrl: url }));
    expect(Tags).toEqual({ "gamectl.dev/managed-by": "gamectl", "gamectl.dev/installation": "ci" });

    const again = await gamectl(["install", "--installation-id", "ci", "--dry-run"], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("No changes. The installation is up to date.");

    // What install made delivers what the controller needs, and only through its rule.
    await putCloudTrailEvents(events, [revoke]);
    expect(await receive(url)).toHaveLength(1);
    const desired = desiredInstallation({ id: "ci", region: target.region, accountId: account });
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["Policy"] }));
    expect(JSON.parse(Attributes!.Policy!)).toEqual(desired.queuePolicy);

    // Drift in the installation is planned field by field and repaired.
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: { VisibilityTimeout: "5" } }));
    const drifted = await gamectl(["install", "--installation-id", "ci", "--dry-run"], env);
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain('VisibilityTimeout: "5" -> "60"');
  });

  it("refuses a queue of its name that is not the installation's, naming the flag that fixes it", async () => {
    await sqs.send(new CreateQueueCommand({ QueueName: "gamectl-events-taken" }));
    const result = await gamectl(["install", "--installation-id", "taken", "--auto-approve"], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("SQS queue gamectl-events-taken exists and is not gamectl's");
    expect(result.stderr).toContain("--installation-id");
  });
});
