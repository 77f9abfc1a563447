import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import type { AwsServiceName } from "../plan/catalog.ts";
import type { DriverContext } from "./driver.ts";
import { environmentTag, tagMap } from "./drivers/tags.ts";

export interface TaggedResource {
  readonly arn: string;
  readonly tags: Record<string, string>;
}

/** The resource types gamectl creates and tags; IAM roles are found by their deterministic name instead. */
const inventoryTypes = ["ec2:security-group", "ec2:vpc-endpoint", "dynamodb:table", "elasticache", "elasticloadbalancing", "cloudwatch", "sns", "secretsmanager",
  "ecs:cluster", "ecs:service", "ecs:task-definition", "logs"];

/**
 * Everything in the account tagged as this environment's, in one paginated read shared by the
 * whole reconcile: the engine uses it to skip kinds the environment has none of, drivers use it
 * instead of per-resource tag reads.
 */
export function environmentInventory(ctx: DriverContext): Promise<TaggedResource[]> {
  return ctx.memo("tagging:inventory", async () => {
    const found: TaggedResource[] = [];
    let token: string | undefined;
    do {
      const page = await ctx.aws.tagging.send(new GetResourcesCommand({
        TagFilters: [{ Key: environmentTag, Values: [ctx.environment.key] }],
        ResourceTypeFilters: inventoryTypes,
        ...(token ? { PaginationToken: token } : {}),
      }));
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (mapping.ResourceARN) found.push({ arn: mapping.ResourceARN, tags: tagMap(mapping.Tags) });
      }
      token = page.PaginationToken || undefined;
    } while (token);
    return found;
  });
}

/** The service part of an ARN, in gamectl's service names. */
const arnServices: Readonly<Record<string, AwsServiceName>> = {
  ec2: "ec2", dynamodb: "dynamodb", elasticache: "elasticache", elasticloadbalancing: "elbv2", cloudwatch: "cloudwatch",
  sns: "sns", secretsmanager: "secretsmanager", ecs: "ecs", iam: "iam", logs: "logs",
};

/**
 * What the inventory holds, both as gamectl service names ("ec2") and as tagging resource types
 * ("ec2:vpc-endpoint"), so a kind can ask for its own type rather than its whole service.
 */
export function ownedTypesIn(inventory: readonly TaggedResource[]): Set<string> {
  const types = new Set<string>();
  for (const { arn } of inventory) {
    const parts = arn.split(":");
    const service = arnServices[parts[2] ?? ""];
    if (!service) continue;
    types.add(service);
    const resourceType = parts.slice(5).join(":").split(/[/:]/)[0];
    if (resourceType) types.add(`${parts[2]}:${resourceType}`);
  }
  return types;
}
