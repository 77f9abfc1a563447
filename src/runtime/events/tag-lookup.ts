import { DescribeTagsCommand } from "@aws-sdk/client-ec2";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import type { AwsClients } from "../../aws/clients.ts";
import { OWNERSHIP_TAGS } from "../../spec/names.ts";
import type { TagLookup } from "./consumer.ts";

/** The tagging API takes at most 100 ARNs per call, EC2's DescribeTags 200 filter values. */
const ARN_BATCH = 100;
const EC2_BATCH = 200;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Reads the ownership tags of resources an event names but no environment's names or status know,
 * with the controller's instrumented clients (counted and under the API budget). Only resources
 * gamectl manages count: the managed-by tag must say so.
 */
export function awsTagLookup(aws: Pick<AwsClients, "tagging" | "ec2">): TagLookup {
  return async (identifiers) => {
    const owners = new Map<string, string>();
    const arns = identifiers.filter((i) => i.type === "arn").map((i) => i.id);
    const ec2Ids = identifiers.filter((i) => i.type === "ec2").map((i) => i.id);
    for (const batch of chunks(arns, ARN_BATCH)) {
      const page = await aws.tagging.send(new GetResourcesCommand({ ResourceARNList: batch }));
      for (const mapping of page.ResourceTagMappingList ?? []) {
        const tags = new Map((mapping.Tags ?? []).map((t) => [t.Key, t.Value]));
        const key = tags.get(OWNERSHIP_TAGS.environment);
        if (mapping.ResourceARN && key && tags.get(OWNERSHIP_TAGS.managedBy) === "gamectl") owners.set(mapping.ResourceARN, key);
      }
    }
    for (const batch of chunks(ec2Ids, EC2_BATCH)) {
      const answer = await aws.ec2.send(new DescribeTagsCommand({
        Filters: [{ Name: "resource-id", Values: batch }, { Name: "key", Values: [OWNERSHIP_TAGS.environment, OWNERSHIP_TAGS.managedBy] }],
      }));
      const byResource = new Map<string, Map<string, string>>();
      for (const tag of answer.Tags ?? []) {
        if (!tag.ResourceId || !tag.Key) continue;
        const tags = byResource.get(tag.ResourceId) ?? new Map<string, string>();
        tags.set(tag.Key, tag.Value ?? "");
        byResource.set(tag.ResourceId, tags);
      }
      for (const [id, tags] of byResource) {
        const key = tags.get(OWNERSHIP_TAGS.environment);
        if (key && tags.get(OWNERSHIP_TAGS.managedBy) === "gamectl") owners.set(id, key);
      }
    }
    return owners;
  };
}
