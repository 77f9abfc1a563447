import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { kindService } from "../service.ts";

/** AWS Secrets Manager. */
export const secretsmanagerService = kindService({
  name: "secretsmanager",
  arnNamespace: "secretsmanager",
  iamPrefix: "secretsmanager",
  sdkPackage: "@aws-sdk/client-secrets-manager",
  client: SecretsManagerClient,
  concurrency: 2,
  // Secrets Manager quotas: CreateSecret/UpdateSecret/TagResource 50 TPS (DescribeSecret far more); 20/s.
  budget: { rate: 20, burst: 20 },
});
