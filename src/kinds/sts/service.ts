import { STSClient } from "@aws-sdk/client-sts";
import { awsService } from "../service.ts";

/** AWS STS: the engine asks it for the account (GetCallerIdentity), which needs no permission; no kind is called through it. */
export const stsService = awsService({
  name: "sts",
  iamPrefix: "sts",
  sdkPackage: "@aws-sdk/client-sts",
  // IAM and STS are global-ish; the region still selects the endpoint the SDK signs for.
  client: STSClient,
  // STS quotas: 600 requests/s per account and Region for AssumeRole and GetCallerIdentity; far below that.
  budget: { rate: 20, burst: 20 },
});
