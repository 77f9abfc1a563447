import type { DriverContext } from "../../aws/driver.ts";
import { componentTag } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";

/** ECS spells tags key/value, in lowercase. */
export const ecsTags = (tags: Readonly<Record<string, string>>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

export function tagsOf(tags: ReadonlyArray<{ key?: string | undefined; value?: string | undefined }> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key !== undefined) out[tag.key] = tag.value ?? "";
  return out;
}

/** Resources of one ECS type the environment's tags reveal, by ARN and logical name (leftovers the spec no longer declares). */
export async function inventoried(ctx: DriverContext, type: "cluster" | "service" | "task-definition"): Promise<Array<{ arn: string; logical: string }>> {
  const out: Array<{ arn: string; logical: string }> = [];
  for (const { arn, tags } of await environmentInventory(ctx)) {
    if (arn.includes(":ecs:") && arn.split(":")[5]?.startsWith(`${type}/`) && tags[componentTag]) out.push({ arn, logical: tags[componentTag] });
  }
  return out;
}

/** One target group an ECS service registers its tasks with, as ECS spells it. */
export type EcsLoadBalancer = { targetGroupArn: string; containerName: string; containerPort: number };

/** The load balancers an ECS service reports, in the shape both kinds that manage them compare. */
export const ecsLoadBalancersOf = (loadBalancers: ReadonlyArray<{ targetGroupArn?: string | undefined; containerName?: string | undefined; containerPort?: number | undefined }> | undefined): EcsLoadBalancer[] =>
  (loadBalancers ?? []).map((lb) => ({ targetGroupArn: lb.targetGroupArn ?? "", containerName: lb.containerName ?? "", containerPort: lb.containerPort ?? 0 }));
