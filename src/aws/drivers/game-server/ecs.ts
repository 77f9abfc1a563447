import {
  CreateServiceCommand, DeleteServiceCommand, DeregisterTaskDefinitionCommand,
  DescribeServicesCommand, DescribeTaskDefinitionCommand, ListTaskDefinitionsCommand, RegisterTaskDefinitionCommand, TagResourceCommand,
  UpdateServiceCommand, type ContainerDefinition, type Service, type TaskDefinition, type UpdateServiceCommandInput,
} from "@aws-sdk/client-ecs";
import type { DesiredResource, FieldChange, JsonValue, ObservedProperties, ObservedResource } from "../../../plan/types.ts";
import { errorIs, orUndefined } from "../../clients.ts";
import { strings, type DriverContext, type DriverResult, type ResolvedResource, type ResourceDriver } from "../../driver.ts";
import { ecsTags, inventoried, tagsOf } from "../../../kinds/ecs/common.ts";
import { ownedBy } from "../tags.ts";

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

/** The other containers (the tracing collector), in the shape src/plan/families/observability.ts renders them. */
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
export class TaskDefinitionDriver implements ResourceDriver {
  readonly kind = "TaskDefinition";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const wanted = new Map(desired.map((d) => [d.physicalName, { logical: d.name, container: String(d.properties["containerDefinition.name"] ?? "") }]));
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

  private async register(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const p = resource.properties;
    const container: Record<string, JsonValue> = {};
    for (const [field, value] of Object.entries(p)) {
      if (field.startsWith("containerDefinition.")) container[field.slice("containerDefinition.".length)] = value;
    }
    const executionRoleArn = String(p.executionRoleArn ?? "");
    const registered = await ctx.aws.ecs.send(new RegisterTaskDefinitionCommand({
      family: resource.physicalName,
      taskRoleArn: String(p.taskRoleArn ?? ""),
      ...(executionRoleArn ? { executionRoleArn } : {}),
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: String(p.cpu),
      memory: String(p.memory),
      containerDefinitions: [container as unknown as ContainerDefinition, ...((p.sidecars ?? []) as unknown as ContainerDefinition[])],
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

  create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    return this.register(ctx, resource);
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
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

function serviceProperties(svc: Service): ObservedProperties {
  const network = svc.networkConfiguration?.awsvpcConfiguration;
  const breaker = svc.deploymentConfiguration?.deploymentCircuitBreaker;
  return {
    cluster: svc.clusterArn?.split("/").pop() ?? "",
    launchType: svc.launchType ?? null,
    taskDefinition: svc.taskDefinition ?? null,
    desiredCount: svc.desiredCount ?? 0,
    subnets: [...(network?.subnets ?? [])],
    securityGroups: [...(network?.securityGroups ?? [])],
    assignPublicIp: network?.assignPublicIp ?? "DISABLED",
    loadBalancers: (svc.loadBalancers ?? []).map((lb) => ({ targetGroupArn: lb.targetGroupArn ?? "", containerName: lb.containerName ?? "", containerPort: lb.containerPort ?? 0 })),
    deploymentCircuitBreaker: { enable: breaker?.enable ?? false, rollback: breaker?.rollback ?? false },
    enableExecuteCommand: svc.enableExecuteCommand ?? false,
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds ?? 0,
  };
}

/** The settings CreateService and UpdateService share, from resolved properties. */
function serviceSettings(p: ObservedProperties) {
  return {
    taskDefinition: String(p.taskDefinition),
    desiredCount: Number(p.desiredCount),
    networkConfiguration: { awsvpcConfiguration: { subnets: strings(p.subnets), securityGroups: strings(p.securityGroups), assignPublicIp: String(p.assignPublicIp) as "DISABLED" | "ENABLED" } },
    loadBalancers: (p.loadBalancers as Array<{ targetGroupArn: string; containerName: string; containerPort: number }>),
    deploymentConfiguration: { deploymentCircuitBreaker: p.deploymentCircuitBreaker as { enable: boolean; rollback: boolean }, maximumPercent: 200, minimumHealthyPercent: 100 },
    enableExecuteCommand: p.enableExecuteCommand === true,
    healthCheckGracePeriodSeconds: Number(p.healthCheckGracePeriodSeconds ?? 0),
  };
}

/** The game server's Fargate service: private subnets, the app security group, the target group, circuit breaker with rollback. */
export class EcsServiceDriver implements ResourceDriver {
  readonly kind = "EcsService";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const wanted = new Map(desired.map((d) => [d.physicalName, d.name]));
    for (const { arn, logical } of await inventoried(ctx, "service")) {
      // Only the long ARN format (service/CLUSTER/NAME) says which cluster a leftover is in.
      const [, cluster, name] = (arn.split(":")[5] ?? "").split("/");
      if (cluster && name && !wanted.has(`${cluster}/${name}`)) wanted.set(`${cluster}/${name}`, logical);
    }
    const found = await Promise.all([...wanted].map(async ([physical, logical]): Promise<ObservedResource | undefined> => {
      const [cluster, service] = physical.split("/");
      const described = await orUndefined(ctx.aws.ecs.send(new DescribeServicesCommand({ cluster, services: [service ?? ""], include: ["TAGS"] })), "ClusterNotFoundException");
      // A deleted service stays visible as INACTIVE for a while: it is gone.
      const svc = described?.services?.find((s) => s.status !== "INACTIVE");
      if (!svc) return undefined;
      const tags = tagsOf(svc.tags);
      const primary = svc.deployments?.find((d) => d.status === "PRIMARY");
      return {
        kind: this.kind, name: logical, id: physical, owned: ownedBy(tags, ctx.environment.key), state: svc.status ?? "ACTIVE",
        properties: serviceProperties(svc), attributes: { id: physical, arn: svc.serviceArn ?? "", taskDefinition: svc.taskDefinition ?? "" }, tags,
        message: `${svc.runningCount ?? 0}/${svc.desiredCount ?? 0} tasks running${primary?.rolloutState ? `, deployment ${primary.rolloutState}` : ""}`,
      };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  async create(ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    const [cluster, serviceName] = resource.physicalName.split("/");
    try {
      const created = await ctx.aws.ecs.send(new CreateServiceCommand({
        cluster, serviceName, launchType: "FARGATE", ...serviceSettings(resource.properties), propagateTags: "SERVICE", tags: ecsTags(resource.tags),
      }));
      return { attributes: { id: resource.physicalName, arn: created.service?.serviceArn ?? "" }, requeueAfterMs: 10_000 };
    } catch (error) {
      if (errorIs(error, "ClusterNotFoundException")) {
        throw new Error(`spec.gameServer.cluster.name: the ECS cluster "${cluster}" does not exist; create it first, or use cluster: {create: true}`, { cause: error });
      }
      throw error;
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const [cluster, service] = resource.physicalName.split("/");
    const changed = new Set(changes.map((c) => c.field));
    const all = serviceSettings(resource.properties);
    // Only what changed is sent: an UpdateService with the same task definition would still start a deployment.
    const input: UpdateServiceCommandInput = { cluster, service };
    if (changed.has("taskDefinition")) input.taskDefinition = all.taskDefinition;
    if (changed.has("desiredCount")) input.desiredCount = all.desiredCount;
    if (changed.has("subnets") || changed.has("securityGroups") || changed.has("assignPublicIp")) input.networkConfiguration = all.networkConfiguration;
    if (changed.has("loadBalancers")) input.loadBalancers = all.loadBalancers;
    if (changed.has("deploymentCircuitBreaker")) input.deploymentConfiguration = all.deploymentConfiguration;
    if (changed.has("enableExecuteCommand")) input.enableExecuteCommand = all.enableExecuteCommand;
    if (changed.has("healthCheckGracePeriodSeconds")) input.healthCheckGracePeriodSeconds = all.healthCheckGracePeriodSeconds;
    if (Object.keys(input).length > 2) await ctx.aws.ecs.send(new UpdateServiceCommand(input));
    if (changed.has("tags")) await ctx.aws.ecs.send(new TagResourceCommand({ resourceArn: observed.attributes.arn ?? "", tags: ecsTags(resource.tags) }));
    return { attributes: observed.attributes, requeueAfterMs: 10_000 };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    // DRAINING: ECS is already stopping the tasks; the service turns INACTIVE (gone) by itself.
    if (observed.state === "DRAINING") return { requeueAfterMs: 10_000, message: "service is draining" };
    const [cluster, service] = observed.id.split("/");
    // force: the tasks are stopped without first scaling to zero in a separate call.
    await orUndefined(ctx.aws.ecs.send(new DeleteServiceCommand({ cluster, service, force: true })), "ServiceNotFoundException", "ClusterNotFoundException");
    return { requeueAfterMs: 10_000 };
  }
}
