import {
  CreateServiceCommand, DeleteServiceCommand, DescribeServicesCommand, TagResourceCommand, UpdateServiceCommand, type Service, type UpdateServiceCommandInput,
} from "@aws-sdk/client-ecs";
import type { DesiredResource, FieldChange, ObservedProperties, ObservedResource } from "../../../plan/types.ts";
import { errorIs, orUndefined } from "../../clients.ts";
import { strings, type DriverContext, type DriverResult, type ResolvedResource, type ResourceDriver } from "../../driver.ts";
import { ecsTags, inventoried, tagsOf } from "../../../kinds/ecs/common.ts";
import { ownedBy } from "../tags.ts";

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
