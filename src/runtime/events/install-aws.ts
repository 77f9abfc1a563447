/** Observes and applies the installation's resources (see installation.ts for what and why). */
import { DescribeRuleCommand, EventBridgeClient, ListTagsForResourceCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, TagResourceCommand } from "@aws-sdk/client-eventbridge";
import { CreateQueueCommand, GetQueueAttributesCommand, GetQueueUrlCommand, ListQueueTagsCommand, SetQueueAttributesCommand, SQSClient, TagQueueCommand } from "@aws-sdk/client-sqs";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { desiredInstallation, planInstallation, TARGET_ID, type DesiredInstallation, type InstallAction, type InstallationIdentity, type ObservedInstallation } from "./installation.ts";

export interface InstallClients {
  readonly sqs: SQSClient;
  readonly events: EventBridgeClient;
  readonly sts: STSClient;
}

export function installClients(connection: { region: string; endpoint?: string; credentials?: { accessKeyId: string; secretAccessKey: string } }): InstallClients & { destroy(): void } {
  const sqs = new SQSClient(connection);
  const events = new EventBridgeClient(connection);
  const sts = new STSClient(connection);
  return { sqs, events, sts, destroy: () => [sqs, events, sts].forEach((c) => c.destroy()) };
}

function errorName(error: unknown): string {
  return (error as { name?: string }).name ?? "";
}

export async function installationIdentity(clients: InstallClients, id: string, region: string): Promise<InstallationIdentity> {
  const caller = await clients.sts.send(new GetCallerIdentityCommand({}));
  if (!caller.Account) throw new Error("STS GetCallerIdentity returned no account: check the AWS credentials gamectl uses");
  return { id, region, accountId: caller.Account };
}

export async function observeInstallation(clients: InstallClients, desired: DesiredInstallation): Promise<ObservedInstallation> {
  let queue: ObservedInstallation["queue"];
  try {
    const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: desired.queueName }));
    const [{ Attributes }, { Tags }] = await Promise.all([
      clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["All"] })),
      clients.sqs.send(new ListQueueTagsCommand({ QueueUrl })),
    ]);
    queue = { url: QueueUrl!, attributes: Attributes ?? {}, tags: Tags ?? {} };
  } catch (error) {
    if (!/QueueDoesNotExist|NonExistentQueue/.test(errorName(error))) throw error;
  }
  let rule: ObservedInstallation["rule"];
  let targets: ObservedInstallation["targets"] = [];
  try {
    const found = await clients.events.send(new DescribeRuleCommand({ Name: desired.ruleName }));
    const [{ Tags }, listed] = await Promise.all([
      clients.events.send(new ListTagsForResourceCommand({ ResourceARN: found.Arn ?? desired.ruleArn })),
      clients.events.send(new ListTargetsByRuleCommand({ Rule: desired.ruleName })),
    ]);
    rule = {
      ...(found.EventPattern ? { eventPattern: found.EventPattern } : {}), ...(found.State ? { state: found.State } : {}), ...(found.Description ? { description: found.Description } : {}),
      tags: Object.fromEntries((Tags ?? []).map((t) => [t.Key!, t.Value ?? ""])),
    };
    targets = (listed.Targets ?? []).map((t) => ({ id: t.Id ?? "", arn: t.Arn ?? "" }));
  } catch (error) {
    if (errorName(error) !== "ResourceNotFoundException") throw error;
  }
  return { ...(queue ? { queue } : {}), ...(rule ? { rule } : {}), targets };
}

/** Applies a plan in dependency order: the queue and its policy before the rule that sends to it. */
export async function applyInstallation(clients: InstallClients, desired: DesiredInstallation, observed: ObservedInstallation, actions: readonly InstallAction[]): Promise<{ queueUrl: string }> {
  const action = (resource: InstallAction["resource"]) => actions.find((a) => a.resource === resource && a.type !== "noop");
  let queueUrl = observed.queue?.url;
  const policy = JSON.stringify(desired.queuePolicy);
  if (!queueUrl) {
    const created = await clients.sqs.send(new CreateQueueCommand({ QueueName: desired.queueName, Attributes: { ...desired.queueAttributes, Policy: policy }, tags: { ...desired.tags } }));
    queueUrl = created.QueueUrl!;
  } else {
    const queue = action("queue");
    const attributes = Object.fromEntries((queue?.changes ?? []).filter((c) => !c.field.startsWith("tags.")).map((c) => [c.field, c.to]));
    if (action("queue-policy")) attributes.Policy = policy;
    if (Object.keys(attributes).length > 0) await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: queueUrl, Attributes: attributes }));
    const tags = Object.fromEntries((queue?.changes ?? []).filter((c) => c.field.startsWith("tags.")).map((c) => [c.field.slice("tags.".length), c.to]));
    if (Object.keys(tags).length > 0) await clients.sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: tags }));
  }
  const rule = action("rule");
  if (rule) {
    const tags = Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value }));
    const put = await clients.events.send(new PutRuleCommand({
      Name: desired.ruleName, EventPattern: JSON.stringify(desired.eventPattern), State: "ENABLED", Description: desired.ruleDescription,
      ...(observed.rule ? {} : { Tags: tags }),
    }));
    if (observed.rule && rule.changes.some((c) => c.field.startsWith("tags."))) await clients.events.send(new TagResourceCommand({ ResourceARN: put.RuleArn ?? desired.ruleArn, Tags: tags }));
  }
  if (action("rule-target")) {
    const answer = await clients.events.send(new PutTargetsCommand({ Rule: desired.ruleName, Targets: [{ Id: TARGET_ID, Arn: desired.queueArn }] }));
    if ((answer.FailedEntryCount ?? 0) > 0) throw new Error(`PutTargets failed for the rule ${desired.ruleName}: ${JSON.stringify(answer.FailedEntries)}`);
  }
  return { queueUrl };
}

/** `gamectl install --auto-approve` as a function (tests, benchmarks, automation): observe, plan, apply; returns the queue's URL. */
export async function ensureInstallation(connection: Parameters<typeof installClients>[0], id: string): Promise<{ queueUrl: string; actions: InstallAction[] }> {
  const clients = installClients(connection);
  try {
    const desired = desiredInstallation(await installationIdentity(clients, id, connection.region));
    const observed = await observeInstallation(clients, desired);
    const actions = planInstallation(desired, observed);
    return { ...(await applyInstallation(clients, desired, observed, actions)), actions };
  } finally {
    clients.destroy();
  }
}
