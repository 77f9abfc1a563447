import type { AwsService } from "../kind.ts";

/** Elastic Load Balancing v2. */
export const elbv2Service: AwsService = { name: "elbv2", arnNamespace: "elasticloadbalancing", concurrency: 3 };
