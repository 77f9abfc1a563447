/**
 * CloudTrail "AWS API Call via CloudTrail" events as EventBridge delivers them, for tests that stand in
 * for CloudTrail with PutEvents. The detail follows the CloudTrail record AWS documents (eventVersion,
 * userIdentity, eventTime, eventSource, eventName, awsRegion, sourceIPAddress, userAgent,
 * requestParameters, responseElements, requestID, eventID, readOnly, eventType, managementEvent,
 * recipientAccountId, eventCategory); PutEvents adds the envelope (version, id, account, time, region, resources).
 */
import { randomUUID } from "node:crypto";
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from "@aws-sdk/client-eventbridge";
import type { AwsTestTarget } from "../env/index.ts";

export interface ApiCall {
  /** e.g. "ec2" (source aws.ec2, eventSource ec2.amazonaws.com); CloudWatch is "monitoring" in CloudTrail. */
  readonly service: string;
  readonly eventName: string;
  readonly requestParameters?: Record<string, unknown> | null;
  readonly responseElements?: Record<string, unknown> | null;
  readonly region?: string;
  readonly account?: string;
  readonly at?: Date;
  /** The caller's ARN (userIdentity.arn); an operator's assumed role by default. */
  readonly principalArn?: string;
}

export function cloudTrailEntry(call: ApiCall): PutEventsRequestEntry {
  const at = call.at ?? new Date();
  const account = call.account ?? "123456789012";
  const region = call.region ?? "us-east-1";
  const eventSource = `${call.service === "cloudwatch" ? "monitoring" : call.service}.amazonaws.com`;
  return {
    Source: `aws.${call.service}`,
    DetailType: "AWS API Call via CloudTrail",
    Time: at,
    Detail: JSON.stringify({
      eventVersion: "1.09",
      userIdentity: {
        type: "AssumedRole", principalId: "AROAEXAMPLE:operator", arn: call.principalArn ?? `arn:aws:sts::${account}:assumed-role/operator/someone`, accountId: account, accessKeyId: "ASIAEXAMPLE",
        sessionContext: { sessionIssuer: { type: "Role", principalId: "AROAEXAMPLE", arn: `arn:aws:iam::${account}:role/operator`, accountId: account, userName: "operator" }, attributes: { creationDate: at.toISOString(), mfaAuthenticated: "false" } },
      },
      eventTime: at.toISOString().replace(/\.\d{3}Z$/, "Z"),
      eventSource,
      eventName: call.eventName,
      awsRegion: region,
      sourceIPAddress: "192.0.2.10",
      userAgent: "aws-cli/2.15.0",
      requestParameters: call.requestParameters ?? null,
      responseElements: call.responseElements ?? null,
      requestID: randomUUID(),
      eventID: randomUUID(),
      readOnly: false,
      eventType: "AwsApiCall",
      managementEvent: true,
      recipientAccountId: account,
      eventCategory: "Management",
    }),
  };
}

/** Puts events on the default bus as CloudTrail would; returns when EventBridge accepted them. */
export async function putCloudTrailEvents(client: EventBridgeClient, calls: readonly ApiCall[]): Promise<void> {
  const answer = await client.send(new PutEventsCommand({ Entries: calls.map(cloudTrailEntry) }));
  if ((answer.FailedEntryCount ?? 0) > 0) throw new Error(`PutEvents failed: ${JSON.stringify(answer.Entries)}`);
}

export function eventBridge(target: AwsTestTarget): EventBridgeClient {
  return new EventBridgeClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
}
