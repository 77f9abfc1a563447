import { DescribeServicesCommand, DescribeTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import type { DesiredResource, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import { targetGroupLogicalName } from "../elbv2/names.ts";
import type { KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwnedUnderTheInstallationPrefix, installationArns, readEverything } from "../permissions.ts";
import { ecsLoadBalancersOf, type EcsLoadBalancer } from "./common.ts";
import { ecsService } from "./service.ts";

/** The load balancers of the user's ECS service: the one property gamectl manages on it. */
export type EcsServiceAttachmentProperties = { loadBalancers: EcsLoadBalancer[] };

/** The attachment's logical name. */
export const ecsAttachmentName = "ecs/service";

/**
 * Task roles by task-definition revision ARN. A revision is immutable, so what it says never goes
 * stale: the read is made once per revision rather than on every pass. Bounded, oldest out first.
 */
const taskRoles = new Map<string, string>();
const taskRolesKept = 256;

/** The role the service's tasks run as: with an existing role, the user can check it is the one gamectl put its policy on. */
function taskRoleOf(ctx: DriverContext, taskDefinition: string): Promise<string> {
  return ctx.memo(`ecs:task-role:${taskDefinition}`, async () => {
    const known = taskRoles.get(taskDefinition);
    if (known !== undefined) return known;
    const role = (await ctx.aws.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition }))).taskDefinition?.taskRoleArn ?? "";
    // Only a full revision ARN names one immutable revision; a family name means "the latest".
    if (/:task-definition\/[^:]+:\d+$/.test(taskDefinition)) {
      taskRoles.set(taskDefinition, role);
      if (taskRoles.size > taskRolesKept) taskRoles.delete(taskRoles.keys().next().value!);
    }
    return role;
  });
}

/** Attaches the target group to the user's ECS service. The service is theirs: never created or deleted. */
class EcsServiceAttachmentDriver implements KindDriver<EcsServiceAttachmentProperties> {
  readonly kind = "EcsServiceAttachment";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const found = await Promise.all(desired.map(async (resource): Promise<ObservedResource | undefined> => {
      const [cluster, service] = resource.physicalName.split("/");
      const described = await ctx.aws.ecs.send(new DescribeServicesCommand({ cluster, services: [service ?? ""] }));
      const svc = described.services?.find((s) => s.status !== "INACTIVE");
      if (!svc) return undefined;
      const taskRoleArn = svc.taskDefinition ? await taskRoleOf(ctx, svc.taskDefinition) : "";
      return {
        kind: this.kind, name: resource.name, id: svc.serviceArn ?? "", owned: false, state: svc.status ?? "ACTIVE", tags: {},
        properties: { loadBalancers: ecsLoadBalancersOf(svc.loadBalancers) },
        attributes: { id: svc.serviceArn ?? "", taskDefinition: svc.taskDefinition ?? "", taskRoleArn },
        ...(svc.taskDefinition ? { message: `task definition ${svc.taskDefinition}${taskRoleArn ? `, task role ${taskRoleArn}` : ", no task role"}` } : {}),
      };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  async create(_ctx: DriverContext, resource: ResolvedResourceOf<EcsServiceAttachmentProperties>): Promise<DriverResult> {
    throw new Error(`spec.gameServer.ecs: the ECS service ${resource.physicalName} does not exist; create it first or remove gameServer.ecs`);
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<EcsServiceAttachmentProperties>, observed: ObservedResource): Promise<DriverResult> {
    const [cluster, service] = resource.physicalName.split("/");
    await ctx.aws.ecs.send(new UpdateServiceCommand({ cluster, service, loadBalancers: resource.properties.loadBalancers }));
    return { attributes: observed.attributes, requeueAfterMs: 10_000 };
  }

  async delete(): Promise<DriverResult> {
    return {};
  }
}

export const ecsServiceAttachment: ResourceKind<"EcsServiceAttachment", EcsServiceAttachmentProperties> = {
  name: "EcsServiceAttachment",
  service: ecsService,
  catalog: {
    title: "ECS service load-balancer attachment",
    dataHolding: false,
    tier: 4,
    fields: { loadBalancers: { semantics: "in-place", compare: "set" } },
    readiness: { states: ["ACTIVE"], noun: "service" },
    requeueMs: { creating: 10_000, updating: 10_000, deleting: 10_000 },
  },
  build(env) {
    // Attach-only mode: the user's ECS service gets the target group of the environment's load balancer.
    const spec = env.manifest.spec;
    const ecs = spec.gameServer.ecs;
    if (!spec.loadBalancer || !ecs) return [];
    return [{
      kind: "EcsServiceAttachment", name: ecsAttachmentName, component: ecsAttachmentName, physicalName: `${ecs.cluster}/${ecs.service}`,
      properties: { loadBalancers: [{ targetGroupArn: ref(targetGroupLogicalName(env.names.targetGroupName), "arn"), containerName: ecs.containerName, containerPort: spec.gameServer.port }] },
      tags: {}, external: true,
    }];
  },
  outputs(env, lookup, _observed, outputs) {
    // With an existing role the IAM kinds may not know its ARN; the ECS service's task definition does.
    const serviceTaskRole = env.manifest.spec.iam?.taskRole.existingRoleName ? lookup(ecsAttachmentName, "taskRoleArn") : undefined;
    if (serviceTaskRole && !outputs.taskRoleArn) outputs.taskRoleArn = serviceTaskRole;
  },
  driver: new EcsServiceAttachmentDriver(),
  permissions: [
    readEverything(["ecs:DescribeServices", "ecs:DescribeTaskDefinition"]),
    changeOwnedUnderTheInstallationPrefix(["ecs:UpdateService"], [installationArns.ecsService]),
  ],
};
