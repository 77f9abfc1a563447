import {
  DeregisterTaskDefinitionCommand, DescribeTaskDefinitionCommand, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand, TagResourceCommand,
  type ContainerDefinition, type TaskDefinition,
} from "@aws-sdk/client-ecs";
import { orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { ownedBy } from "../../aws/drivers/tags.ts";
import { gameTables, gameTableVariables, serverVariables } from "../../contract/game-server.ts";
import { replicationGroupName } from "../elasticache/redis.ts";
import { sidecarContainers, traceWriteStatements, tracingVariables } from "../observability.ts";
import { redisAuthSecretName, redisSettings } from "../elasticache/redis.ts";
import type { DesiredResource, DesiredValue, FieldChange, JsonValue, ObservedProperties, ObservedResource } from "../../plan/types.ts";
import { isReference, ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import { tableName } from "../dynamodb/table.ts";
import { executionRoleName, taskRoleName } from "../iam/roles.ts";
import type { BuildContext, Desired, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { logGroupName } from "../logs/log-group.ts";
import { changeOwned, changeOwnedUnderTheInstallationPrefix, createWithOwnershipTags, ecsTagAtCreate, installationArns, passRolesToEcsTasks, readEverything } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { ecsTags, inventoried, tagsOf } from "./common.ts";
import { deploysGameServer, gameServerSettings, taskDefinitionName } from "./game-server.ts";
import { ecsService } from "./service.ts";

/** One plain variable of a container's environment. */
export type ContainerVariableValue = { name: string; value: string };
/** One variable a container reads from Secrets Manager (or SSM) when its task starts. */
export type ContainerSecret = { name: string; valueFrom: string };
/** The container's own health check, as ECS spells it. */
export type ContainerHealthCheck = { command: string[]; interval: number; timeout: number; retries: number; startPeriod: number };
export type ContainerLogConfiguration = { logDriver: "awslogs"; options: Record<string, string> };

/**
 * The task definition as separate properties, so a plan shows which part of the container
 * definition changed (containerDefinition.environment, .image...) rather than "a new revision".
 */
export type TaskDefinitionProperties = {
  taskRoleArn: string;
  executionRoleArn: string;
  networkMode: "awsvpc";
  requiresCompatibilities: Array<"FARGATE">;
  /** CPU units and memory MiB, as strings: how ECS reports them. */
  cpu: string;
  memory: string;
  "containerDefinition.name": string;
  "containerDefinition.image": string;
  "containerDefinition.essential": boolean;
  "containerDefinition.portMappings": Array<{ containerPort: number; protocol: "tcp" }>;
  /** Sorted by name: how they are compared. */
  "containerDefinition.environment": ContainerVariableValue[];
  "containerDefinition.secrets": ContainerSecret[];
  "containerDefinition.logConfiguration": ContainerLogConfiguration;
  "containerDefinition.healthCheck": ContainerHealthCheck;
  /** The other containers (the ADOT collector when tracing is on), whole, as src/kinds/observability.ts renders them. */
  sidecars: JsonValue[];
};

/** How long a task may take to answer its first health check, and how often it is asked. */
const healthCheck = { interval: 15, timeout: 5, retries: 3, startPeriod: 20 } as const;

/**
 * The container's health check. The image has node but no curl, so node's fetch asks the server's
 * own health path on loopback; any answer but 2xx (or no answer) marks the container unhealthy.
 */
export function healthCheckCommand(port: number, path: string): string[] {
  const url = JSON.stringify(`http://127.0.0.1:${port}${path}`);
  return ["CMD", "node", "-e", `fetch(${url}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
}

/** A name/value list sorted by name: how the task definition's environment and secrets are compared. */
function byName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A variable's value: a string, or a reference resolved to one. Another kind contributing anything else is a defect in gamectl. */
function variableValue(name: string, value: DesiredValue): Desired<string> {
  if (typeof value === "string" || isReference(value)) return value;
  throw new Error(`the game server's environment variable ${name}: a kind contributed ${JSON.stringify(value)}; container variables are strings`);
}

/**
 * The container's plain environment, from the environment's own outputs: Redis (endpoint, TLS,
 * authentication), the tables, the region, the port and the environment's key, what the kinds contribute
 * (`ResourceKind.containerEnvironment`), then the user's.
 * The Redis host is a reference, resolved before the task definition is compared or registered.
 */
export function containerEnvironment(env: LoadedEnvironment, context: BuildContext): Array<Desired<ContainerVariableValue>> {
  const spec = env.manifest.spec;
  const vars: Array<{ name: string; value: Desired<string> }> = [];
  const redis = spec.redis;
  if (redis) {
    const s = redisSettings(redis);
    vars.push(
      { name: serverVariables.redisUrl, value: ref(replicationGroupName, "primaryEndpoint", { format: `${s.inTransit ? "rediss" : "redis"}://{}:${s.port}` }) },
      { name: serverVariables.redisTls, value: String(s.inTransit) },
      { name: serverVariables.redisAuthMode, value: s.authentication },
      { name: serverVariables.redisCluster, value: String(s.shards > 1) },
    );
    if (s.authentication === "iam") {
      vars.push({ name: serverVariables.redisUser, value: env.names.redisUserId }, { name: serverVariables.redisCacheName, value: env.names.replicationGroupId });
    }
  }
  const declared = new Set((spec.dynamodb?.tables ?? []).map((t) => t.name));
  for (const table of gameTables) if (declared.has(table)) vars.push({ name: gameTableVariables[table], value: env.names.tableName(table) });
  vars.push(
    { name: serverVariables.region, value: spec.region },
    { name: serverVariables.port, value: String(spec.gameServer.port) },
    { name: serverVariables.environment, value: env.key },
    ...tracingVariables(env),
    ...context.containerEnvironment.map(({ name, value }) => ({ name, value: variableValue(name, value) })),
  );
  for (const [name, value] of Object.entries(spec.gameServer.environment ?? {})) vars.push({ name, value });
  return byName(vars);
}

/** Variables read from Secrets Manager when a task starts: the Redis AUTH token (never a plain variable) and the user's. */
export function containerSecrets(env: LoadedEnvironment): Array<{ name: string; valueFrom: Desired<string> }> {
  const spec = env.manifest.spec;
  const secrets: Array<{ name: string; valueFrom: Desired<string> }> = [];
  if (spec.redis && redisSettings(spec.redis).authentication === "token") {
    secrets.push({ name: serverVariables.redisAuthToken, valueFrom: ref(redisAuthSecretName, "arn") });
  }
  for (const [name, valueFrom] of Object.entries(spec.gameServer.secrets ?? {})) secrets.push({ name, valueFrom });
  return byName(secrets);
}

/** The container-definition fields gamectl renders, read back the same way (ECS adds defaults on describe: they are left out). */
function containerProperties(container: ContainerDefinition | undefined): ObservedProperties {
  const sortByName = <T extends { name?: string | undefined }>(items: T[]) => items.sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : (a.name ?? "") > (b.name ?? "") ? 1 : 0));
  const health = container?.healthCheck;
  const log = container?.logConfiguration;
  return {
    "containerDefinition.name": container?.name ?? null,
    "containerDefinition.image": container?.image ?? null,
    "containerDefinition.essential": container?.essential ?? true,
    "containerDefinition.portMappings": (container?.portMappings ?? []).map((p) => ({ containerPort: p.containerPort ?? 0, protocol: p.protocol ?? "tcp" })),
    "containerDefinition.environment": sortByName([...(container?.environment ?? [])]).map((e) => ({ name: e.name ?? "", value: e.value ?? "" })),
    "containerDefinition.secrets": sortByName([...(container?.secrets ?? [])]).map((s) => ({ name: s.name ?? "", valueFrom: s.valueFrom ?? "" })),
    "containerDefinition.logConfiguration": log ? { logDriver: log.logDriver ?? "", options: { ...(log.options ?? {}) } } : null,
    "containerDefinition.healthCheck": health
      ? { command: [...(health.command ?? [])], interval: health.interval ?? 30, timeout: health.timeout ?? 5, retries: health.retries ?? 3, startPeriod: health.startPeriod ?? 0 }
      : null,
  };
}

/** The other containers (the tracing collector), in the shape src/kinds/observability.ts renders them. */
function sidecarProperties(containers: readonly ContainerDefinition[]): JsonValue[] {
  return containers.map((c) => ({
    name: c.name ?? "",
    image: c.image ?? "",
    essential: c.essential ?? true,
    portMappings: (c.portMappings ?? []).map((p) => ({ containerPort: p.containerPort ?? 0, protocol: p.protocol ?? "tcp" })),
    environment: [...(c.environment ?? [])].sort((a, b) => ((a.name ?? "") < (b.name ?? "") ? -1 : 1)).map((e) => ({ name: e.name ?? "", value: e.value ?? "" })),
    logConfiguration: c.logConfiguration ? { logDriver: c.logConfiguration.logDriver ?? "", options: { ...(c.logConfiguration.options ?? {}) } } : null,
  }));
}

function taskProperties(definition: TaskDefinition, containerName: string): ObservedProperties {
  const containers = definition.containerDefinitions ?? [];
  const main = containers.find((c) => c.name === containerName) ?? containers[0];
  return {
    taskRoleArn: definition.taskRoleArn ?? null,
    executionRoleArn: definition.executionRoleArn ?? null,
    networkMode: definition.networkMode ?? null,
    requiresCompatibilities: [...(definition.requiresCompatibilities ?? [])],
    cpu: definition.cpu ?? null,
    memory: definition.memory ?? null,
    ...containerProperties(main),
    sidecars: sidecarProperties(containers.filter((c) => c !== main)),
  };
}

/** The game server's container, from the task definition's separate properties. */
function gameServerContainer(p: TaskDefinitionProperties): ContainerDefinition {
  return {
    name: p["containerDefinition.name"],
    image: p["containerDefinition.image"],
    essential: p["containerDefinition.essential"],
    portMappings: p["containerDefinition.portMappings"],
    environment: p["containerDefinition.environment"],
    secrets: p["containerDefinition.secrets"],
    logConfiguration: p["containerDefinition.logConfiguration"],
    healthCheck: p["containerDefinition.healthCheck"],
  };
}

const revisionOf = (arn: string) => Number(/:(\d+)$/.exec(arn)?.[1] ?? 0);

/** Every ACTIVE revision of a family, oldest first. */
async function activeRevisions(ctx: DriverContext, family: string): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ctx.aws.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family, status: "ACTIVE", ...(nextToken ? { nextToken } : {}) }));
    // familyPrefix matches by prefix: "arena-game" would also list "arena-game-2".
    arns.push(...(page.taskDefinitionArns ?? []).filter((arn) => arn.split("/").pop()?.replace(/:\d+$/, "") === family));
    nextToken = page.nextToken;
  } while (nextToken);
  return arns.sort((a, b) => revisionOf(a) - revisionOf(b));
}

/** Revisions kept ACTIVE: the newest (the service's target) and the one before (what a rollback returns to). */
const keptRevisions = 2;

/**
 * A task-definition family. Observe compares the latest ACTIVE revision with what gamectl renders;
 * any difference registers exactly one new revision, so a steady environment registers nothing.
 */
class TaskDefinitionDriver implements KindDriver<TaskDefinitionProperties> {
  readonly kind = "TaskDefinition";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const wanted = new Map(desired.map((d) => {
      const container = d.properties["containerDefinition.name"];
      return [d.physicalName, { logical: d.name, container: typeof container === "string" ? container : "" }];
    }));
    for (const { arn, logical } of await inventoried(ctx, "task-definition")) {
      const family = arn.split("/").pop()?.replace(/:\d+$/, "") ?? "";
      if (!wanted.has(family)) wanted.set(family, { logical, container: "" });
    }
    const found = await Promise.all([...wanted].map(async ([family, { logical, container }]): Promise<ObservedResource | undefined> => {
      let described = await orUndefined(ctx.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: family, include: ["TAGS"] })), "ClientException");
      if (described?.taskDefinition && described.taskDefinition.status !== "ACTIVE") {
        // The family's newest revision is deregistered: the latest ACTIVE one (if any) is the live definition.
        const latest = (await activeRevisions(ctx, family)).pop();
        described = latest ? await ctx.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: latest, include: ["TAGS"] })) : undefined;
      }
      const definition = described?.taskDefinition;
      if (!definition || definition.status !== "ACTIVE") return undefined;
      const tags = tagsOf(described?.tags);
      const arn = definition.taskDefinitionArn ?? "";
      return {
        kind: this.kind, name: logical, id: arn, owned: ownedBy(tags, ctx.environment.key), state: "ACTIVE",
        properties: taskProperties(definition, container), attributes: { id: arn, arn, family }, tags,
      };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  private async register(ctx: DriverContext, resource: ResolvedResourceOf<TaskDefinitionProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const registered = await ctx.aws.ecs.send(new RegisterTaskDefinitionCommand({
      family: resource.physicalName,
      taskRoleArn: p.taskRoleArn,
      ...(p.executionRoleArn ? { executionRoleArn: p.executionRoleArn } : {}),
      networkMode: p.networkMode,
      requiresCompatibilities: p.requiresCompatibilities,
      cpu: p.cpu,
      memory: p.memory,
      // The sidecars are registered as observability renders them: the same plain shape ECS reads back.
      containerDefinitions: [gameServerContainer(p), ...(p.sidecars as ContainerDefinition[])],
      tags: ecsTags(resource.tags),
    }));
    const arn = registered.taskDefinition?.taskDefinitionArn ?? "";
    // Older revisions are deregistered once two newer ones exist, so applies do not pile up revisions.
    const active = await activeRevisions(ctx, resource.physicalName);
    for (const old of active.slice(0, Math.max(0, active.length - keptRevisions))) {
      await orUndefined(ctx.aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: old })), "ClientException");
    }
    return { attributes: { id: arn, arn, family: resource.physicalName }, message: `registered ${arn}` };
  }

  create(ctx: DriverContext, resource: ResolvedResourceOf<TaskDefinitionProperties>): Promise<DriverResult> {
    return this.register(ctx, resource);
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<TaskDefinitionProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    // Tags alone do not need a revision.
    if (changes.every((c) => c.field === "tags")) {
      await ctx.aws.ecs.send(new TagResourceCommand({ resourceArn: observed.attributes.arn ?? "", tags: ecsTags(resource.tags) }));
      return { attributes: observed.attributes };
    }
    return this.register(ctx, resource);
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    const family = observed.attributes.family ?? observed.id.split("/").pop()?.replace(/:\d+$/, "") ?? "";
    for (const arn of await activeRevisions(ctx, family)) {
      await orUndefined(ctx.aws.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn })), "ClientException");
    }
    return {};
  }
}

export const taskDefinition: ResourceKind<"TaskDefinition", TaskDefinitionProperties> = {
  name: "TaskDefinition",
  service: ecsService,
  taggingType: "ecs:task-definition",
  catalog: {
    title: "ECS task definition",
    inventoryType: "ecs:task-definition",
    dataHolding: false,
    tier: 3,
    // Every field is in-place: a change registers a new revision of the family, and the service moves to it.
    fields: {},
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build(env, context) {
    if (!deploysGameServer(env)) return [];
    const spec = env.manifest.spec;
    const gs = spec.gameServer;
    const s = gameServerSettings(gs);
    return [{
      kind: "TaskDefinition", name: taskDefinitionName, component: taskDefinitionName, physicalName: env.names.gameServerName,
      properties: {
        taskRoleArn: ref(taskRoleName, "arn"),
        executionRoleArn: ref(executionRoleName, "arn"),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        cpu: String(s.cpu),
        memory: String(s.memory),
        "containerDefinition.name": s.containerName,
        "containerDefinition.image": gs.image ?? "",
        "containerDefinition.essential": true,
        "containerDefinition.portMappings": [{ containerPort: gs.port, protocol: "tcp" }],
        "containerDefinition.environment": containerEnvironment(env, context),
        "containerDefinition.secrets": containerSecrets(env),
        "containerDefinition.logConfiguration": {
          logDriver: "awslogs",
          options: { "awslogs-group": env.names.logGroupName, "awslogs-region": spec.region, "awslogs-stream-prefix": s.containerName },
        },
        "containerDefinition.healthCheck": { command: healthCheckCommand(gs.port, gs.healthCheckPath), ...healthCheck },
        // The ADOT collector when spec.observability.tracing is on; an empty list otherwise.
        sidecars: sidecarContainers(env, env.names.logGroupName),
      },
      // The log group must exist before a task starts; the tables before the server reads them.
      dependsOn: [logGroupName, ...(spec.dynamodb?.tables ?? []).map((t) => tableName(t.name))],
      tags: tagsFor(env, taskDefinitionName),
    }];
  },
  driver: new TaskDefinitionDriver(),
  taskRoleStatements: traceWriteStatements,
  permissions: [
    readEverything(["ecs:DescribeTaskDefinition", "ecs:ListTaskDefinitions"]),
    createWithOwnershipTags(["ecs:RegisterTaskDefinition"]),
    ecsTagAtCreate("RegisterTaskDefinition"),
    changeOwned(["ecs:DeregisterTaskDefinition"]),
    changeOwnedUnderTheInstallationPrefix(["ecs:TagResource"], [installationArns.taskDefinition]),
    passRolesToEcsTasks,
  ],
};
