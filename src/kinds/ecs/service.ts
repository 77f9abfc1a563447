import { ECSClient } from "@aws-sdk/client-ecs";
import { kindService } from "../service.ts";

/** Amazon ECS. */
export const ecsService = kindService({
  name: "ecs",
  arnNamespace: "ecs",
  iamPrefix: "ecs",
  sdkPackage: "@aws-sdk/client-ecs",
  client: ECSClient,
  concurrency: 2,
  // ECS developer guide, "Request throttling for the Amazon ECS API": cluster read actions bucket 50,
  // refill 20/s; service and task definition writes are lower, so the shared bucket refills at 5/s.
  budget: { rate: 5, burst: 20 },
});
