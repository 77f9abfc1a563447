import { gameTables, gameTableVariables, serverVariables } from "../../contract/game-server.ts";
import type { BuildContext } from "../../kinds/kind.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { GameServerSpec } from "../../spec/types.generated.ts";
import type { DesiredResource, DesiredValue } from "../types.ts";
import { ref } from "../values.ts";
import { tableName } from "../../kinds/dynamodb/table.ts";
import { clusterName, gameServerCluster } from "../../kinds/ecs/cluster.ts";
import { listenerName, targetGroupLogicalName } from "../../kinds/elbv2/names.ts";
import { replicationGroupName, tagsFor, type ResourceFamily } from "./family.ts";
import { executionRoleName, taskRoleName } from "../../kinds/iam/roles.ts";
import { redisAuthSecretName, redisSettings } from "../../kinds/elasticache/redis.ts";
import { sidecarContainers, tracingVariables } from "./observability.ts";
import { securityGroupName } from "../../kinds/ec2/security-groups.ts";

export const logGroupName = "logs/game-server";
export const taskDefinitionName = "ecs/task-definition";
export const gameServiceName = "ecs/game-server";

/** What a deploy-mode spec leaves out, as the schema's descriptions document it. */
export const deployDefaults = { cpu: 256, memory: 512, desiredCount: 2, logRetentionDays: 30, containerName: "game" } as const;

/** How long ECS ignores the target group's health checks of a new task. */
const healthCheckGracePeriodSeconds = 30;

/** How long a task may take to answer its first health check, and how often it is asked. */
const healthCheck = { interval: 15, timeout: 5, retries: 3, startPeriod: 20 } as const;

/** Deploy mode: gamectl runs the server itself (gameServer.image); attach-only mode is gameServer.ecs. */
export function deploysGameServer(env: LoadedEnvironment): boolean {
  return typeof env.manifest.spec.gameServer?.image === "string";
}

/**
 * The container's health check. The image has node but no curl, so node's fetch asks the server's
 * own health path on loopback; any answer but 2xx (or no answer) marks the container unhealthy.
 */
export function healthCheckCommand(port: number, path: string): string[] {
  const url = JSON.stringify(`http://127.0.0.1:${port}${path}`);
  return ["CMD", "node", "-e", `fetch(${url}).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`];
}

/** A name/value list sorted by name: how the task definition's environment and secrets are compared. */
function byName<T extends { name: string }>(items: T[]): T[] {
  return items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The container's plain environment, from the environment's own outputs: Redis (endpoint, TLS,
 * authentication), the tables, the region, the port and the environment's key, what the kinds contribute
 * (`ResourceKind.containerEnvironment`), then the user's.
 * The Redis host is a reference, resolved before the task definition is compared or registered.
 */
export function containerEnvironment(env: LoadedEnvironment, context: BuildContext): Array<{ name: string; value: DesiredValue }> {
  const spec = env.manifest.spec;
  const vars: Array<{ name: string; value: DesiredValue }> = [];
  const redis = spec.redis;
  if (redis) {
    const s = redisSettings(redis);
    vars.push(
      { name: serverVariables.redisUrl, value: ref(replicationGroupName, "primaryEndpoint", { format: `${s.inTransit ? "rediss" : "redis"}://{}:${s.port}` }) },
      { name: serverVariables.redisTls, value: String(s.inTransit) },
      { name: serverVariables.redisAuthMode, value: s.authentication },
      { name: serverVariables.redisCluster, value: String(s.shards > 1) },
    );
    if (s.authentication === "iam") {
      vars.push({ name: serverVariables.redisUser, value: env.names.redisUserId }, { name: serverVariables.redisCacheName, value: env.names.replicationGroupId });
    }
  }
  const declared = new Set((spec.dynamodb?.tables ?? []).map((t) => t.name));
  for (const table of gameTables) if (declared.has(table)) vars.push({ name: gameTableVariables[table], value: env.names.tableName(table) });
  vars.push(
    { name: serverVariables.region, value: spec.region },
    { name: serverVariables.port, value: String(spec.gameServer.port) },
    { name: serverVariables.environment, value: env.key },
    ...tracingVariables(env),
    ...context.containerEnvironment,
  );
  for (const [name, value] of Object.entries(spec.gameServer.environment ?? {})) vars.push({ name, value });
  return byName(vars);
}

/** Variables read from Secrets Manager when a task starts: the Redis AUTH token (never a plain variable) and the user's. */
export function containerSecrets(env: LoadedEnvironment): Array<{ name: string; valueFrom: DesiredValue }> {
  const spec = env.manifest.spec;
  const secrets: Array<{ name: string; valueFrom: DesiredValue }> = [];
  if (spec.redis && redisSettings(spec.redis).authentication === "token") {
    secrets.push({ name: serverVariables.redisAuthToken, valueFrom: ref(redisAuthSecretName, "arn") });
  }
  for (const [name, valueFrom] of Object.entries(spec.gameServer.secrets ?? {})) secrets.push({ name, valueFrom });
  return byName(secrets);
}

/** Deploy mode's settings, with the defaults the schema does not hold (they apply to deploy mode only). */
export function gameServerSettings(spec: GameServerSpec) {
  return {
    cpu: spec.cpu ?? deployDefaults.cpu,
    memory: spec.memory ?? deployDefaults.memory,
    desiredCount: spec.desiredCount ?? deployDefaults.desiredCount,
    logRetentionDays: spec.logRetentionDays ?? deployDefaults.logRetentionDays,
    containerName: spec.containerName ?? deployDefaults.containerName,
  };
}

/**
 * The task definition as separate properties, so a plan shows which part of the container
 * definition changed (containerDefinition.environment, .image...) rather than "a new revision".
 */
function taskDefinition(env: LoadedEnvironment, context: BuildContext): DesiredResource {
  const spec = env.manifest.spec;
  const gs = spec.gameServer;
  const s = gameServerSettings(gs);
  return {
    kind: "TaskDefinition", name: taskDefinitionName, component: taskDefinitionName, physicalName: env.names.gameServerName,
    properties: {
      taskRoleArn: ref(taskRoleName, "arn"),
      executionRoleArn: ref(executionRoleName, "arn"),
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      cpu: String(s.cpu),
      memory: String(s.memory),
      "containerDefinition.name": s.containerName,
      "containerDefinition.image": gs.image ?? "",
      "containerDefinition.essential": true,
      "containerDefinition.portMappings": [{ containerPort: gs.port, protocol: "tcp" }],
      "containerDefinition.environment": containerEnvironment(env, context),
      "containerDefinition.secrets": containerSecrets(env),
      "containerDefinition.logConfiguration": {
        logDriver: "awslogs",
        options: { "awslogs-group": env.names.logGroupName, "awslogs-region": spec.region, "awslogs-stream-prefix": s.containerName },
      },
      "containerDefinition.healthCheck": { command: healthCheckCommand(gs.port, gs.healthCheckPath), ...healthCheck },
      // The ADOT collector when spec.observability.tracing is on; an empty list otherwise.
      sidecars: sidecarContainers(env, env.names.logGroupName),
    },
    // The log group must exist before a task starts; the tables before the server reads them.
    dependsOn: [logGroupName, ...(spec.dynamodb?.tables ?? []).map((t) => tableName(t.name))],
    tags: tagsFor(env, taskDefinitionName),
  };
}

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

/** Deploy mode: the task definition and the Fargate service (the log group, execution role and cluster are kinds of their own). */
export const gameServerFamily: ResourceFamily = {
  name: "game-server",
  desired(env, context) {
    if (!deploysGameServer(env)) return [];
    const out: DesiredResource[] = [
      taskDefinition(env, context),
      service(env),
    ];
    return out;
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
