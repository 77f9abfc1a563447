import type { AwsService } from "../kind.ts";

/** Amazon ECS. */
export const ecsService: AwsService = { name: "ecs", arnNamespace: "ecs", concurrency: 2 };
