import type { AwsService } from "../kind.ts";

/** Amazon EC2: security groups and VPC endpoints. */
export const ec2Service: AwsService = { name: "ec2", arnNamespace: "ec2", concurrency: 4 };
