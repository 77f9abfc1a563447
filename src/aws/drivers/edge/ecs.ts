import { DescribeServicesCommand, DescribeTaskDefinitionCommand, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import type { DesiredResource, JsonValue, ObservedResource } from "../../../plan/types.ts";
import type { DriverContext, DriverResult, ResolvedResource, ResourceDriver } from "../../driver.ts";

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
export class EcsServiceAttachmentDriver implements ResourceDriver {
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
        properties: {
          loadBalancers: (svc.loadBalancers ?? []).map((lb) => ({ targetGroupArn: lb.targetGroupArn ?? "", containerName: lb.containerName ?? "", containerPort: lb.containerPort ?? 0 })) as JsonValue,
        },
        attributes: { id: svc.serviceArn ?? "", taskDefinition: svc.taskDefinition ?? "", taskRoleArn },
        ...(svc.taskDefinition ? { message: `task definition ${svc.taskDefinition}${taskRoleArn ? `, task role ${taskRoleArn}` : ", no task role"}` } : {}),
      };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  async create(_ctx: DriverContext, resource: ResolvedResource): Promise<DriverResult> {
    throw new Error(`spec.gameServer.ecs: the ECS service ${resource.physicalName} does not exist; create it first or remove gameServer.ecs`);
  }

  async update(ctx: DriverContext, resource: ResolvedResource, observed: ObservedResource): Promise<DriverResult> {
    const [cluster, service] = resource.physicalName.split("/");
    const loadBalancers = (resource.properties.loadBalancers as Array<{ targetGroupArn: string; containerName: string; containerPort: number }>);
    await ctx.aws.ecs.send(new UpdateServiceCommand({ cluster, service, loadBalancers }));
    return { attributes: observed.attributes, requeueAfterMs: 10_000 };
  }

  async delete(): Promise<DriverResult> {
    return {};
  }
}
