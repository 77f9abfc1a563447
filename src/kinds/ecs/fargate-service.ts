import { CreateServiceCommand, DeleteServiceCommand, DescribeServicesCommand, TagResourceCommand, UpdateServiceCommand, type Service, type UpdateServiceCommandInput } from "@aws-sdk/client-ecs";
import { errorIs, orUndefined } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { ownedBy } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, ObservedProperties, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import { securityGroupName } from "../ec2/security-groups.ts";
import { listenerName, targetGroupLogicalName } from "../elbv2/names.ts";
import { executionRoleName } from "../iam/roles.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, createUnderTheInstallationPrefix, ecsTagAtCreate, installationArns, readEverything, serviceLinkedRole } from "../permissions.ts";
import { tagsFor } from "../tags.ts";
import { clusterName, gameServerCluster } from "./cluster.ts";
import { ecsLoadBalancersOf, ecsTags, inventoried, tagsOf, type EcsLoadBalancer } from "./common.ts";
import { deploysGameServer, gameServerSettings, gameServiceName, taskDefinitionName } from "./game-server.ts";
import { ecsService } from "./service.ts";

/** The game server's Fargate service, in the shape both the builder and the driver use. */
export type FargateServiceProperties = {
  cluster: string;
  launchType: "FARGATE";
  /** The task definition revision's ARN (a reference to the TaskDefinition kind while desired). */
  taskDefinition: string;
  desiredCount: number;
  subnets: string[];
  securityGroups: string[];
  assignPublicIp: "DISABLED" | "ENABLED";
  loadBalancers: EcsLoadBalancer[];
  deploymentCircuitBreaker: { enable: boolean; rollback: boolean };
  enableExecuteCommand: boolean;
  healthCheckGracePeriodSeconds: number;
};

/** How long ECS ignores the target group's health checks of a new task. */
const healthCheckGracePeriodSeconds = 30;

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
    loadBalancers: ecsLoadBalancersOf(svc.loadBalancers),
    deploymentCircuitBreaker: { enable: breaker?.enable ?? false, rollback: breaker?.rollback ?? false },
    enableExecuteCommand: svc.enableExecuteCommand ?? false,
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds ?? 0,
  };
}

/** The settings CreateService and UpdateService share. */
function serviceSettings(p: FargateServiceProperties) {
  return {
    taskDefinition: p.taskDefinition,
    desiredCount: p.desiredCount,
    networkConfiguration: { awsvpcConfiguration: { subnets: p.subnets, securityGroups: p.securityGroups, assignPublicIp: p.assignPublicIp } },
    loadBalancers: p.loadBalancers,
    deploymentConfiguration: { deploymentCircuitBreaker: p.deploymentCircuitBreaker, maximumPercent: 200, minimumHealthyPercent: 100 },
    enableExecuteCommand: p.enableExecuteCommand,
    healthCheckGracePeriodSeconds: p.healthCheckGracePeriodSeconds,
  };
}

/** The game server's Fargate service: private subnets, the app security group, the target group, circuit breaker with rollback. */
class FargateServiceDriver implements KindDriver<FargateServiceProperties> {
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

  async create(ctx: DriverContext, resource: ResolvedResourceOf<FargateServiceProperties>): Promise<DriverResult> {
    const [cluster, serviceName] = resource.physicalName.split("/");
    try {
      const created = await ctx.aws.ecs.send(new CreateServiceCommand({
        cluster, serviceName, launchType: resource.properties.launchType, ...serviceSettings(resource.properties), propagateTags: "SERVICE", tags: ecsTags(resource.tags),
      }));
      return { attributes: { id: resource.physicalName, arn: created.service?.serviceArn ?? "" }, requeueAfterMs: 10_000 };
    } catch (error) {
      if (errorIs(error, "ClusterNotFoundException")) {
        throw new Error(`spec.gameServer.cluster.name: the ECS cluster "${cluster}" does not exist; create it first, or use cluster: {create: true}`, { cause: error });
      }
      throw error;
    }
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<FargateServiceProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
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

export const fargateService: ResourceKind<"EcsService", FargateServiceProperties> = {
  name: "EcsService",
  service: ecsService,
  taggingType: "ecs:service",
  catalog: {
    title: "ECS Fargate service",
    inventoryType: "ecs:service",
    dataHolding: false,
    tier: 4,
    fields: {
      cluster: { semantics: "replace", reason: "an ECS service cannot move to another cluster" },
      launchType: { semantics: "replace", reason: "ECS cannot change a service's launch type" },
      subnets: { semantics: "in-place", compare: "set" },
      securityGroups: { semantics: "in-place", compare: "set" },
      loadBalancers: { semantics: "in-place", compare: "set" },
    },
    readiness: {
      states: ["ACTIVE"], noun: "service",
      check: (observed) => {
        if (observed.state !== "ACTIVE") return { ready: false, message: `service is ${observed.state}` };
        // ECS's circuit breaker marks a deployment FAILED while the service itself stays ACTIVE.
        if (observed.message?.includes("deployment FAILED")) return { ready: false, message: observed.message };
        return { ready: true, ...(observed.message ? { message: observed.message } : {}) };
      },
    },
    requeueMs: { creating: 10_000, updating: 10_000, deleting: 10_000 },
  },
  build(env) {
    // Deploy mode only: attach-only mode (gameServer.ecs) is the EcsServiceAttachment kind.
    if (!deploysGameServer(env)) return [];
    const spec = env.manifest.spec;
    const gs = spec.gameServer;
    const s = gameServerSettings(gs);
    const cluster = gameServerCluster(env);
    return [{
      kind: "EcsService", name: gameServiceName, component: gameServiceName, physicalName: `${cluster.name}/${env.names.gameServerName}`,
      properties: {
        cluster: cluster.name,
        launchType: "FARGATE",
        taskDefinition: ref(taskDefinitionName, "arn"),
        desiredCount: s.desiredCount,
        subnets: [...spec.network.privateSubnetIds],
        securityGroups: [ref(securityGroupName("app"), "id")],
        assignPublicIp: "DISABLED",
        loadBalancers: [{ targetGroupArn: ref(targetGroupLogicalName(env.names.targetGroupName), "arn"), containerName: s.containerName, containerPort: gs.port }],
        deploymentCircuitBreaker: { enable: true, rollback: true },
        enableExecuteCommand: false,
        // The load balancer's failed health checks do not stop a task that is still starting.
        healthCheckGracePeriodSeconds,
      },
      // ECS refuses a target group that no listener forwards to yet.
      dependsOn: [...(cluster.created ? [clusterName] : []), ...(spec.loadBalancer?.listeners ?? []).map((l) => listenerName(l.port))],
      tags: tagsFor(env, gameServiceName),
    }];
  },
  outputs(env, lookup, _observed, outputs) {
    if (!deploysGameServer(env)) return;
    const taskDefinitionArn = lookup(taskDefinitionName, "arn");
    if (!taskDefinitionArn || !lookup(gameServiceName, "arn")) return;
    const executionRoleArn = lookup(executionRoleName, "arn");
    outputs.gameServer = {
      cluster: gameServerCluster(env).name, service: env.names.gameServerName, taskDefinitionArn, logGroupName: env.names.logGroupName,
      ...(executionRoleArn ? { executionRoleArn } : {}),
    };
  },
  driver: new FargateServiceDriver(),
  permissions: [
    readEverything(["ecs:DescribeServices"]),
    createUnderTheInstallationPrefix(["ecs:CreateService"], [installationArns.ecsService]),
    ecsTagAtCreate("CreateService"),
    changeOwnedUnderTheInstallationPrefix(["ecs:UpdateService", "ecs:TagResource", "ecs:DeleteService"], [installationArns.ecsService]),
    serviceLinkedRole("ecs.amazonaws.com", "AWSServiceRoleForECS"),
  ],
};
