import { EC2Client } from "@aws-sdk/client-ec2";
import { kindService } from "../service.ts";

/** Amazon EC2: security groups and VPC endpoints. */
export const ec2Service = kindService({
  name: "ec2",
  arnNamespace: "ec2",
  iamPrefix: "ec2",
  sdkPackage: "@aws-sdk/client-ec2",
  client: EC2Client,
  concurrency: 4,
  // EC2 developer guide, "Request throttling for the Amazon EC2 API": non-mutating actions (Describe*,
  // List*, Get*) bucket 100, refill 20/s; mutating actions bucket 50, refill 5/s.
  budget: { rate: 20, burst: 100 },
  mutatingBudget: { rate: 5, burst: 50 },
});
