import { DescribeLoadBalancersCommand, DescribeTagsCommand, type LoadBalancer } from "@aws-sdk/client-elastic-load-balancing-v2";
import { orUndefined } from "../../aws/clients.ts";
import type { DriverContext } from "../../aws/driver.ts";
import { tagMap } from "../../aws/drivers/tags.ts";
import { environmentInventory } from "../../aws/inventory.ts";

/** Load balancer and target group attributes: ELB spells every value as a string. */
export type Attributes = Record<string, string>;

/** Only the attributes the spec declares are compared: AWS reports many more. */
export function declared(all: ReadonlyArray<{ Key?: string | undefined; Value?: string | undefined }> | undefined, keys: readonly string[]): Attributes {
  const out: Attributes = {};
  for (const item of all ?? []) if (item.Key && keys.includes(item.Key)) out[item.Key] = item.Value ?? "";
  return out;
}

/** Every attribute, in the shape ELB's Modify*Attributes calls take. */
export const attributeList = (attributes: Attributes): Array<{ Key: string; Value: string }> => Object.entries(attributes).map(([Key, Value]) => ({ Key, Value }));

/** The attributes whose wanted value differs from the current one. */
export function changedAttributes(wanted: Attributes, current: Attributes): Array<{ Key: string; Value: string }> {
  return attributeList(wanted).filter(({ Key, Value }) => current[Key] !== Value);
}

/** Observed attributes as a map: observed properties are untyped JSON. */
export const observedAttributes = (value: unknown): Attributes => (value && typeof value === "object" && !Array.isArray(value) ? (value as Attributes) : {});

export async function tagsOf(ctx: DriverContext, arns: readonly string[]): Promise<Map<string, Record<string, string>>> {
  const out = new Map<string, Record<string, string>>();
  for (let i = 0; i < arns.length; i += 20) {
    const page = await ctx.aws.elbv2.send(new DescribeTagsCommand({ ResourceArns: arns.slice(i, i + 20) }));
    for (const description of page.TagDescriptions ?? []) if (description.ResourceArn) out.set(description.ResourceArn, tagMap(description.Tags));
  }
  return out;
}

/**
 * The environment's load balancers by name, with their tags: shared between the load balancer and
 * listener drivers. Tags come from the tagging inventory; only a balancer it lacks (not ours) has its tags read.
 */
export function describeLoadBalancers(ctx: DriverContext, names: readonly string[]): Promise<{ balancers: LoadBalancer[]; tags: Map<string, Record<string, string>> }> {
  return ctx.memo(`elbv2:load-balancers:${names.join(",")}`, async () => {
    const inventory = (await environmentInventory(ctx)).filter((r) => r.arn.includes(":loadbalancer/app/"));
    const byName = names.length ? (await orUndefined(ctx.aws.elbv2.send(new DescribeLoadBalancersCommand({ Names: [...names] })), "LoadBalancerNotFoundException"))?.LoadBalancers ?? [] : [];
    const known = new Set(byName.map((lb) => lb.LoadBalancerArn));
    const leftover = inventory.map((r) => r.arn).filter((arn) => !known.has(arn));
    const byArn = leftover.length ? (await ctx.aws.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: leftover }))).LoadBalancers ?? [] : [];
    const balancers = [...byName, ...byArn];
    const tags = new Map(inventory.map((r) => [r.arn, r.tags]));
    const missingTags = balancers.map((lb) => lb.LoadBalancerArn ?? "").filter((arn) => !tags.has(arn));
    if (missingTags.length) for (const [arn, more] of await tagsOf(ctx, missingTags)) tags.set(arn, more);
    return { balancers, tags };
  });
}
