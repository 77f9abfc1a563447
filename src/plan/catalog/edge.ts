import type { KindCatalogEntry } from "../catalog.ts";

/** VPC endpoints, the load balancer with its target group and listeners, the alarm and its topic, ECS wiring. */
export const edgeKinds: Readonly<Record<string, KindCatalogEntry>> = {};
