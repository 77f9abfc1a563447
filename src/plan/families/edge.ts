import type { ResourceFamily } from "./family.ts";

/** VPC endpoints, the load balancer, the alarm and the ECS service wiring. */
export const edgeFamilies: readonly ResourceFamily[] = [];
