import type { DesiredResource, DesiredValue, ObservedResource } from "../plan/types.ts";
import type { AttributeLookup } from "../plan/values.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import type { EnvironmentOutputs } from "../spec/types.generated.ts";
import type { AwsServiceName } from "../plan/catalog.ts";
import { taskPolicyDocument as taskPolicyDocumentWith } from "./iam/task-role.ts";
import { kinds, type AnyKind } from "./index.ts";
import type { BuildContext, ControllerPermission } from "./kind.ts";
import { readEverything } from "./permissions.ts";

/**
 * Everything below is derived from the one list of kinds (src/kinds/index.ts); nothing here names a kind.
 * Derived on first use: drivers import helpers (the tag inventory) that read these, while the list imports the drivers.
 */
function derived<T>(derive: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= derive());
}

const byName = derived(() => new Map<string, AnyKind>(kinds.map((kind) => [kind.name, kind])));

export function kindNamed(name: string): AnyKind {
  const kind = byName().get(name);
  if (!kind) throw new Error(`no resource kind "${name}"`);
  return kind;
}

/** The whole desired state of an environment, derived purely from its validated spec. */
export function desiredResources(env: LoadedEnvironment): DesiredResource[] {
  const context: BuildContext = { taskRoleStatements: taskRoleStatements(env), containerEnvironment: kinds.flatMap((kind) => kind.containerEnvironment?.(env) ?? []) };
  const resources: DesiredResource[] = kinds.flatMap((kind) => kind.build(env, context));
  const seen = new Set<string>();
  for (const resource of resources) {
    if (seen.has(resource.name)) throw new Error(`two resources share the logical name ${resource.name}`);
    seen.add(resource.name);
  }
  return resources;
}

export function environmentOutputs(env: LoadedEnvironment, lookup: AttributeLookup, observed: ReadonlyMap<string, ObservedResource>): EnvironmentOutputs {
  const outputs = { tables: {}, securityGroups: {}, vpcEndpoints: {} } as EnvironmentOutputs;
  for (const kind of kinds) kind.outputs?.(env, lookup, observed, outputs);
  return outputs;
}

/** What every kind adds to the game server's task role, in the list's order. */
export function taskRoleStatements(env: LoadedEnvironment): DesiredValue[] {
  return kinds.flatMap((kind) => kind.taskRoleStatements?.(env) ?? []);
}

/** The game server's task role policy, with what every kind contributes. */
export function taskPolicyDocument(env: LoadedEnvironment): DesiredValue {
  return taskPolicyDocumentWith(env, taskRoleStatements(env));
}

/** The tagging API's resource type filters that find everything an environment owns. */
export const taggingTypes = derived((): readonly string[] => [...new Set(kinds.flatMap((kind) => (kind.taggingType ? [kind.taggingType] : [])))]);

/** The ARN service namespace ("elasticloadbalancing") of every service some kind calls, in gamectl's names ("elbv2"). */
export const servicesByArnNamespace = derived((): ReadonlyMap<string, AwsServiceName> => new Map(kinds.map((kind) => [kind.service.arnNamespace, kind.service.name])));

/** How many calls to each service one reconcile sends at once. */
export const serviceConcurrency = derived((): ReadonlyMap<AwsServiceName, number> => new Map(kinds.map((kind) => [kind.service.name, kind.service.concurrency])));

/** The engine's own read, shared by every kind: the environment's tag inventory (src/aws/inventory.ts). */
const enginePermissions: readonly ControllerPermission[] = [
  readEverything(["tag:GetResources"]),
  // The change-event consumer (src/runtime/events): the owner of an EC2 id an event names, by its tags.
  readEverything(["ec2:DescribeTags"]),
  // ...and the installation's own queue (gamectl install), nothing else in SQS. Another --installation-id: change the name.
  { sid: "ConsumeOnlyTheInstallationsChangeEventQueue", actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility"], resources: ["arn:aws:sqs:*:*:gamectl-events-default"] },
];

type Condition = NonNullable<ControllerPermission["condition"]>;

function mergeConditions(sid: string, a: Condition | undefined, b: Condition | undefined): Condition | undefined {
  if (!a || !b) {
    if (a !== b) throw new Error(`the grants of statement ${sid} disagree on whether it has a condition`);
    return a;
  }
  const merged: Record<string, Record<string, string | readonly string[]>> = {};
  for (const operator of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const left = a[operator];
    const right = b[operator];
    if (!left || !right) throw new Error(`the grants of statement ${sid} disagree on the condition operator ${operator}`);
    const values: Record<string, string | readonly string[]> = {};
    for (const key of new Set([...Object.keys(left), ...Object.keys(right)])) {
      const l = left[key];
      const r = right[key];
      if (l === undefined || r === undefined) throw new Error(`the grants of statement ${sid} disagree on the condition key ${key}`);
      // A list (the create actions a tag-at-create grant covers) is the union of every kind's; a single value must agree.
      if (typeof l === "string" || typeof r === "string") {
        if (l !== r) throw new Error(`the grants of statement ${sid} disagree on ${operator} ${key}: ${String(l)} versus ${String(r)}`);
        values[key] = l;
      } else {
        values[key] = [...new Set([...l, ...r])];
      }
    }
    merged[operator] = values;
  }
  return merged;
}

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow";
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Condition;
}

/** A one-element list is written as its element, as in the hand-written policy this replaced. */
const single = (values: readonly string[]): string | readonly string[] => (values.length === 1 ? values[0]! : values);

/**
 * The controller's IAM policy (manifests/controller/iam-policy.json, written by `npm run gen`): every kind's grants,
 * one statement per sid, in the order the list first mentions it.
 */
export function controllerPolicy(): { readonly Version: "2012-10-17"; readonly Statement: readonly PolicyStatement[] } {
  const statements = new Map<string, { actions: string[]; resources: string[]; condition: Condition | undefined }>();
  const grants = [...kinds.flatMap((kind) => kind.permissions), ...enginePermissions];
  for (const grant of grants) {
    const statement = statements.get(grant.sid);
    if (!statement) {
      statements.set(grant.sid, { actions: [...new Set(grant.actions)], resources: [...new Set(grant.resources)], condition: grant.condition });
      continue;
    }
    statement.actions = [...new Set([...statement.actions, ...grant.actions])];
    statement.resources = [...new Set([...statement.resources, ...grant.resources])];
    statement.condition = mergeConditions(grant.sid, statement.condition, grant.condition);
  }
  return {
    Version: "2012-10-17",
    Statement: [...statements].map(([sid, { actions, resources, condition }]) => ({
      Sid: sid, Effect: "Allow" as const, Action: single(actions), Resource: single(resources), ...(condition ? { Condition: condition } : {}),
    })),
  };
}

/** manifests/controller/iam-policy.json as `npm run gen` writes it. */
export function renderControllerPolicy(): string {
  return `${JSON.stringify(controllerPolicy(), null, 2)}\n`;
}
