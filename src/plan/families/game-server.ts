import { ref } from "../values.ts";
import type { DesiredResource } from "../types.ts";
import { clusterName, gameServerCluster } from "../../kinds/ecs/cluster.ts";
import { deploysGameServer, gameServerSettings, gameServiceName, taskDefinitionName } from "../../kinds/ecs/game-server.ts";
import { listenerName, targetGroupLogicalName } from "../../kinds/elbv2/names.ts";
import { tagsFor, type ResourceFamily } from "./family.ts";
import { executionRoleName } from "../../kinds/iam/roles.ts";
import { securityGroupName } from "../../kinds/ec2/security-groups.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";

/** How long ECS ignores the target group's health checks of a new task. */
const healthCheckGracePeriodSeconds = 30;

function service(env: LoadedEnvironment): DesiredResource {
  const spec = env.manifest.spec;
  const gs = spec.gameServer;
  const s = gameServerSettings(gs);
  const cluster = gameServerCluster(env);
  const targetGroup = targetGroupLogicalName(env.names.targetGroupName);
  return {
    kind: "EcsService", name: gameServiceName, component: gameServiceName, physicalName: `${cluster.name}/${env.names.gameServerName}`,
    properties: {
      cluster: cluster.name,
      launchType: "FARGATE",
      taskDefinition: ref(taskDefinitionName, "arn"),
      desiredCount: s.desiredCount,
      subnets: [...spec.network.privateSubnetIds],
      securityGroups: [ref(securityGroupName("app"), "id")],
      assignPublicIp: "DISABLED",
      loadBalancers: [{ targetGroupArn: ref(targetGroup, "arn"), containerName: s.containerName, containerPort: gs.port }],
      deploymentCircuitBreaker: { enable: true, rollback: true },
      enableExecuteCommand: false,
      // The load balancer's failed health checks do not stop a task that is still starting.
      healthCheckGracePeriodSeconds,
    },
    // ECS refuses a target group that no listener forwards to yet.
    dependsOn: [...(cluster.created ? [clusterName] : []), ...(spec.loadBalancer?.listeners ?? []).map((l) => listenerName(l.port))],
    tags: tagsFor(env, gameServiceName),
  };
}

/** Deploy mode: the Fargate service (the log group, execution role, cluster and task definition are kinds of their own). */
export const gameServerFamily: ResourceFamily = {
  name: "game-server",
  desired(env) {
    if (!deploysGameServer(env)) return [];
    return [service(env)];
  },
  outputs(env, lookup, _observed, outputs) {
    if (!deploysGameServer(env)) return;
    const taskDefinitionArn = lookup(taskDefinitionName, "arn");
    if (!taskDefinitionArn || !lookup(gameServiceName, "arn")) return;
    const executionRoleArn = lookup(executionRoleName, "arn");
    outputs.gameServer = {
      cluster: gameServerCluster(env).name, service: env.names.gameServerName, taskDefinitionArn, logGroupName: env.names.logGroupName,
      ...(executionRoleArn ? { executionRoleArn } : {}),
    };
  },
};
