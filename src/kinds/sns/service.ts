import { SNSClient } from "@aws-sdk/client-sns";
import { kindService } from "../service.ts";

/** Amazon SNS. */
export const snsService = kindService({
  name: "sns",
  arnNamespace: "sns",
  iamPrefix: "sns",
  sdkPackage: "@aws-sdk/client-sns",
  client: SNSClient,
  concurrency: 2,
  // SNS quotas: CreateTopic/SetTopicAttributes/... are ~10 TPS in the smaller Regions; 10/s.
  budget: { rate: 10, burst: 10 },
});
