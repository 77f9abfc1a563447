/**
 * Which CloudTrail events gamectl subscribes to: API calls to the services it manages whose name
 * says they may change something. Reads (Describe*, Get*, List*) are most of CloudTrail's volume and
 * never drift anything, so the rule leaves them in AWS.
 */
import { CLOUDTRAIL_DETAIL_TYPE } from "./cloudtrail.ts";

/** The EventBridge `source` and CloudTrail `eventSource` of every service gamectl manages. */
export const WATCHED_SERVICES: ReadonlyArray<{ readonly source: string; readonly eventSource: string }> = [
  { source: "aws.ec2", eventSource: "ec2.amazonaws.com" },
  { source: "aws.elasticache", eventSource: "elasticache.amazonaws.com" },
  { source: "aws.dynamodb", eventSource: "dynamodb.amazonaws.com" },
  // IAM is global: its CloudTrail events reach EventBridge in us-east-1 only.
  { source: "aws.iam", eventSource: "iam.amazonaws.com" },
  { source: "aws.elasticloadbalancing", eventSource: "elasticloadbalancing.amazonaws.com" },
  // CloudWatch's API is signed and logged as "monitoring".
  { source: "aws.cloudwatch", eventSource: "monitoring.amazonaws.com" },
  { source: "aws.ecs", eventSource: "ecs.amazonaws.com" },
  { source: "aws.logs", eventSource: "logs.amazonaws.com" },
  { source: "aws.secretsmanager", eventSource: "secretsmanager.amazonaws.com" },
  { source: "aws.sns", eventSource: "sns.amazonaws.com" },
];

/** Verbs of the calls that change a resource gamectl manages, as event-name prefixes. */
export const WRITE_EVENT_PREFIXES: readonly string[] = [
  "Create", "Delete", "Modify", "Update", "Put", "Authorize", "Revoke", "Tag", "Untag", "Add", "Remove",
  "Attach", "Detach", "Register", "Deregister", "Set", "Increase", "Decrease", "Reset", "Restore",
  "Enable", "Disable", "Replace", "Associate", "Disassociate", "Rotate", "Cancel", "Subscribe", "Unsubscribe",
];

/** The rule's event pattern, as PutRule takes it. */
export function changeEventPattern(): Record<string, unknown> {
  return {
    source: WATCHED_SERVICES.map((s) => s.source),
    "detail-type": [CLOUDTRAIL_DETAIL_TYPE],
    detail: {
      eventSource: WATCHED_SERVICES.map((s) => s.eventSource),
      eventName: WRITE_EVENT_PREFIXES.map((prefix) => ({ prefix })),
    },
  };
}
