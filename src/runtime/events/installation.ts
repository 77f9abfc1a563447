/**
 * The controller's own AWS resources, made once per installation (account and region) by
 * `gamectl install`: the SQS queue change events arrive in, its policy letting EventBridge (and only
 * the rule) send to it, and the EventBridge rule forwarding CloudTrail's write calls to it.
 * Pure: desired + observed -> actions with field-level diffs, rendered like the environment plans.
 */
import { isDeepStrictEqual } from "node:util";
import { OWNERSHIP_TAGS } from "../../spec/names.ts";
import { changeEventPattern } from "./pattern.ts";

export const INSTALLATION_TAG = "gamectl.dev/installation";
export const TARGET_ID = "gamectl-change-events";

export interface InstallationIdentity {
  /** Names this installation's resources: several controllers (staging, prod) may share an account. */
  readonly id: string;
  readonly region: string;
  readonly accountId: string;
}

export interface DesiredInstallation {
  readonly queueName: string;
  readonly queueArn: string;
  /** Without the Policy: that one is shown as a resource of its own. */
  readonly queueAttributes: Readonly<Record<string, string>>;
  readonly queuePolicy: Record<string, unknown>;
  readonly ruleName: string;
  readonly ruleArn: string;
  readonly eventPattern: Record<string, unknown>;
  readonly ruleDescription: string;
  readonly tags: Readonly<Record<string, string>>;
}

export interface ObservedInstallation {
  readonly queue?: { readonly url: string; readonly attributes: Readonly<Record<string, string>>; readonly tags: Readonly<Record<string, string>> };
  readonly rule?: { readonly eventPattern?: string; readonly state?: string; readonly description?: string; readonly tags: Readonly<Record<string, string>> };
  readonly targets: ReadonlyArray<{ readonly id: string; readonly arn: string }>;
}

export type InstallResource = "queue" | "queue-policy" | "rule" | "rule-target";

export interface InstallChange {
  readonly field: string;
  readonly from?: string;
  readonly to: string;
}

export interface InstallAction {
  readonly type: "create" | "update" | "noop";
  readonly resource: InstallResource;
  readonly name: string;
  readonly changes: readonly InstallChange[];
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,30}$/;

/** Why an installation id is unusable, naming the flag and the fix; undefined when it is fine. */
export function checkInstallationId(id: string): string | undefined {
  if (ID_PATTERN.test(id)) return undefined;
  return `--installation-id "${id}" must be 1 to 31 lowercase letters, digits or "-", starting with a letter or digit (it names the queue and rule gamectl-events-<id>); e.g. --installation-id prod`;
}

function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function desiredInstallation(identity: InstallationIdentity): DesiredInstallation {
  const name = `gamectl-events-${identity.id}`;
  const partition = partitionOf(identity.region);
  const queueArn = `arn:${partition}:sqs:${identity.region}:${identity.accountId}:${name}`;
  const ruleArn = `arn:${partition}:events:${identity.region}:${identity.accountId}:rule/${name}`;
  return {
    queueName: name, queueArn, ruleName: name, ruleArn,
    queueAttributes: {
      // Older events are worth nothing: the hourly resync has read those resources since.
      MessageRetentionPeriod: "14400",
      // Long polling by default, so even a consumer that forgets WaitTimeSeconds does not spin.
      ReceiveMessageWaitTimeSeconds: "20",
      VisibilityTimeout: "60",
      SqsManagedSseEnabled: "true",
    },
    queuePolicy: {
      Version: "2012-10-17",
      Statement: [{
        Sid: "ChangeEventsFromTheRuleOnly",
        Effect: "Allow",
        Principal: { Service: "events.amazonaws.com" },
        Action: "sqs:SendMessage",
        Resource: queueArn,
        Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
      }],
    },
    eventPattern: changeEventPattern(),
    ruleDescription: `gamectl installation ${identity.id}: CloudTrail write calls to the services gamectl manages, for drift detection`,
    tags: { [OWNERSHIP_TAGS.managedBy]: "gamectl", [INSTALLATION_TAG]: identity.id },
  };
}

/** Thrown before any write when a resource of that name exists but is not this installation's. */
export class InstallationConflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InstallationConflict";
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function tagChanges(desired: Readonly<Record<string, string>>, observed: Readonly<Record<string, string>>): InstallChange[] {
  return Object.entries(desired).filter(([key, value]) => observed[key] !== value)
    .map(([key, value]) => ({ field: `tags.${key}`, ...(observed[key] !== undefined ? { from: observed[key] } : {}), to: value }));
}

function checkOwned(what: string, name: string, tags: Readonly<Record<string, string>>, desired: DesiredInstallation): void {
  const owner = tags[INSTALLATION_TAG];
  if (tags[OWNERSHIP_TAGS.managedBy] === "gamectl" && owner === desired.tags[INSTALLATION_TAG]) return;
  const whose = tags[OWNERSHIP_TAGS.managedBy] === "gamectl" && owner ? `gamectl installation "${owner}"'s` : "not gamectl's";
  throw new InstallationConflict(`${what} ${name} exists and is ${whose} (tags ${OWNERSHIP_TAGS.managedBy}=gamectl and ${INSTALLATION_TAG}=${desired.tags[INSTALLATION_TAG]} missing): `
    + `choose another --installation-id, or tag it if it really is this installation's; gamectl changes nothing it does not own`);
}

/** What `gamectl install` would do; throws InstallationConflict when a name is taken by something else. */
export function planInstallation(desired: DesiredInstallation, observed: ObservedInstallation): InstallAction[] {
  const actions: InstallAction[] = [];
  const policy = JSON.stringify(desired.queuePolicy);
  if (!observed.queue) {
    actions.push({ type: "create", resource: "queue", name: desired.queueName, changes: [
      ...Object.entries(desired.queueAttributes).map(([field, to]) => ({ field, to })), ...tagChanges(desired.tags, {}),
    ] });
    actions.push({ type: "create", resource: "queue-policy", name: desired.queueName, changes: [{ field: "Policy", to: policy }] });
  } else {
    checkOwned("SQS queue", desired.queueName, observed.queue.tags, desired);
    const attributes = observed.queue.attributes;
    const changes = [
      ...Object.entries(desired.queueAttributes).filter(([field, value]) => attributes[field] !== value)
        .map(([field, to]) => ({ field, ...(attributes[field] !== undefined ? { from: attributes[field] } : {}), to })),
      ...tagChanges(desired.tags, observed.queue.tags),
    ];
    actions.push({ type: changes.length > 0 ? "update" : "noop", resource: "queue", name: desired.queueName, changes });
    const samePolicy = isDeepStrictEqual(parseJson(attributes.Policy), desired.queuePolicy);
    actions.push({
      type: samePolicy ? "noop" : attributes.Policy ? "update" : "create", resource: "queue-policy", name: desired.queueName,
      changes: samePolicy ? [] : [{ field: "Policy", ...(attributes.Policy ? { from: attributes.Policy } : {}), to: policy }],
    });
  }
  const pattern = JSON.stringify(desired.eventPattern);
  if (!observed.rule) {
    actions.push({ type: "create", resource: "rule", name: desired.ruleName, changes: [
      { field: "EventPattern", to: pattern }, { field: "State", to: "ENABLED" }, { field: "Description", to: desired.ruleDescription }, ...tagChanges(desired.tags, {}),
    ] });
  } else {
    checkOwned("EventBridge rule", desired.ruleName, observed.rule.tags, desired);
    const rule = observed.rule;
    const changes: InstallChange[] = [];
    if (!isDeepStrictEqual(parseJson(rule.eventPattern), desired.eventPattern)) changes.push({ field: "EventPattern", ...(rule.eventPattern ? { from: rule.eventPattern } : {}), to: pattern });
    if (rule.state !== "ENABLED") changes.push({ field: "State", ...(rule.state ? { from: rule.state } : {}), to: "ENABLED" });
    if (rule.description !== desired.ruleDescription) changes.push({ field: "Description", ...(rule.description ? { from: rule.description } : {}), to: desired.ruleDescription });
    changes.push(...tagChanges(desired.tags, rule.tags));
    actions.push({ type: changes.length > 0 ? "update" : "noop", resource: "rule", name: desired.ruleName, changes });
  }
  const target = observed.targets.find((t) => t.id === TARGET_ID);
  actions.push(target?.arn === desired.queueArn
    ? { type: "noop", resource: "rule-target", name: TARGET_ID, changes: [] }
    : { type: target ? "update" : "create", resource: "rule-target", name: TARGET_ID, changes: [{ field: "Arn", ...(target ? { from: target.arn } : {}), to: desired.queueArn }] });
  return actions;
}

export function installationHasChanges(actions: readonly InstallAction[]): boolean {
  return actions.some((a) => a.type !== "noop");
}

const labels: Record<InstallResource, string> = { "queue": "sqs queue", "queue-policy": "sqs queue policy", "rule": "events rule", "rule-target": "events rule target" };

/** Terraform-like, as the environment plans render. */
export function renderInstallation(identity: InstallationIdentity, actions: readonly InstallAction[]): string {
  const lines = [`gamectl installation "${identity.id}" (account ${identity.accountId}, ${identity.region})`, ""];
  for (const action of actions) {
    const sign = action.type === "create" ? "+" : action.type === "update" ? "~" : " ";
    lines.push(`  ${sign} ${labels[action.resource]} ${action.name}${action.type === "noop" ? " (no changes)" : ""}`);
    for (const change of action.changes) lines.push(`      ${change.field}: ${change.from !== undefined ? `${JSON.stringify(change.from)} -> ` : ""}${JSON.stringify(change.to)}`);
  }
  const created = actions.filter((a) => a.type === "create").length;
  const updated = actions.filter((a) => a.type === "update").length;
  lines.push("", created + updated === 0 ? "No changes. The installation is up to date." : `Plan: ${created} to create, ${updated} to change, 0 to destroy.`);
  return lines.join("\n") + "\n";
}
