import { IAMClient } from "@aws-sdk/client-iam";
import { kindService } from "../service.ts";

/** AWS IAM: roles are global and not in the tagging API. */
export const iamService = kindService({
  name: "iam",
  arnNamespace: "iam",
  iamPrefix: "iam",
  sdkPackage: "@aws-sdk/client-iam",
  client: IAMClient,
  concurrency: 2,
  // IAM publishes no request rate; IAM is a global, low-throughput control plane, so conservatively 5/s.
  budget: { rate: 5, burst: 10 },
});
