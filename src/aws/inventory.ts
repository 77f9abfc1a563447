import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import type { AwsServiceName } from "../plan/catalog.ts";
import type { DriverContext } from "./driver.ts";
import { byEnvironment } from "./shared-observation.ts";
import { environmentTag, managedByTag, tagMap } from "./drivers/tags.ts";

export interface TaggedResource {
  readonly arn: string;
  readonly tags: Record<string, string>;
}


/**
 * Everything in the account tagged as this environment's, in one paginated read shared by the
 * whole reconcile: the engine uses it to skip kinds the environment has none of, drivers use it
 * instead of per-resource tag reads.
 */
export function environmentInventory(ctx: DriverContext): Promise<TaggedResource[]> {
  return ctx.memo("tagging:inventory", async () => {
    // A light resync takes its share of one read of everything gamectl manages, made for all environments.
    const shared = ctx.shared;
    if (shared?.batched) return (await shared.wave("tagging:managed-by", () => managedInventory(ctx))).get(ctx.environment.key) ?? [];
    return await taggedResources(ctx, { Key: environmentTag, Values: [ctx.environment.key] });
  });
}

/** Everything tagged as managed by gamectl, by environment: one paginated read for the whole controller. */
async function managedInventory(ctx: DriverContext): Promise<Map<string, TaggedResource[]>> {
  return byEnvironment(await taggedResources(ctx, { Key: managedByTag, Values: ["gamectl"] }), (resource) => resource.tags);
}

async function taggedResources(ctx: DriverContext, filter: { Key: string; Values: string[] }): Promise<TaggedResource[]> {
  const found: TaggedResource[] = [];
  let token: string | undefined;
  do {
    const page = await ctx.aws.tagging.send(new GetResourcesCommand({
      TagFilters: [filter],
      ResourceTypeFilters: [...ctx.inventoryTypes],
      ...(token ? { PaginationToken: token } : {}),
    }));
    for (const mapping of page.ResourceTagMappingList ?? []) {
      if (mapping.ResourceARN) found.push({ arn: mapping.ResourceARN, tags: tagMap(mapping.Tags) });
    }
    token = page.PaginationToken || undefined;
  } while (token);
  return found;
}

/**
 * What the inventory holds, both as gamectl service names ("ec2") and as tagging resource types
 * ("ec2:vpc-endpoint"), so a kind can ask for its own type rather than its whole service.
 */
export function ownedTypesIn(inventory: readonly TaggedResource[], servicesByArnNamespace: ReadonlyMap<string, AwsServiceName>): Set<string> {
  const types = new Set<string>();
  for (const { arn } of inventory) {
    const parts = arn.split(":");
    const service = servicesByArnNamespace.get(parts[2] ?? "");
    if (!service) continue;
    types.add(service);
    const resourceType = parts.slice(5).join(":").split(/[/:]/)[0];
    if (resourceType) types.add(`${parts[2]}:${resourceType}`);
  }
  return types;
}
