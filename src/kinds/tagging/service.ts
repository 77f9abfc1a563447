import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { awsService } from "../service.ts";

/** The Resource Groups Tagging API: one tag-filtered read finds every resource an environment owns, across many kinds. */
export const taggingService = awsService({
  name: "tagging",
  iamPrefix: "tag",
  sdkPackage: "@aws-sdk/client-resource-groups-tagging-api",
  client: ResourceGroupsTaggingAPIClient,
  // The tagging API's GetResources is paginated and expensive; AWS documents no rate, so 5/s.
  budget: { rate: 5, burst: 5 },
});
