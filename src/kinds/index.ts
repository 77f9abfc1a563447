import { cacheParameterGroup } from "./elasticache/cache-parameter-group.ts";
import { cacheSubnetGroup } from "./elasticache/cache-subnet-group.ts";
import { redisUserGroup } from "./elasticache/redis-user-group.ts";
import { redisUser } from "./elasticache/redis-user.ts";
import { replicationGroup } from "./elasticache/replication-group.ts";
import { dashboard } from "./cloudwatch/dashboard.ts";
import { cognitoAppClient } from "./cognito/app-client.ts";
import { cognitoUserPoolDomain } from "./cognito/domain.ts";
import { cognitoUserPool } from "./cognito/user-pool.ts";
import { metricAlarm } from "./cloudwatch/metric-alarm.ts";
import { dynamoTable } from "./dynamodb/table.ts";
import { securityGroupRules } from "./ec2/security-group-rules.ts";
import { securityGroup } from "./ec2/security-group.ts";
import { vpcEndpoint } from "./ec2/vpc-endpoint.ts";
import { ecsCluster } from "./ecs/cluster.ts";
import { fargateService } from "./ecs/fargate-service.ts";
import { ecsServiceAttachment } from "./ecs/service-attachment.ts";
import { taskDefinition } from "./ecs/task-definition.ts";
import { listener } from "./elbv2/listener.ts";
import { loadBalancer } from "./elbv2/load-balancer.ts";
import { targetGroup } from "./elbv2/target-group.ts";
import { executionRole } from "./iam/execution-role.ts";
import { taskRole } from "./iam/task-role.ts";
import type { KindProperties, ResourceKind } from "./kind.ts";
import { logGroup } from "./logs/log-group.ts";
import { redisAuthSecret } from "./secretsmanager/redis-auth-secret.ts";
import { snsTopic } from "./sns/topic.ts";

/**
 * Every resource kind gamectl manages, in one ordered list: the only registry. The order is the order kinds are
 * observed in and their grants appear in the controller's policy; creation order comes from each kind's tier and
 * references, not from here. To add a kind, add its module (src/kinds/<service>/<kind>.ts) and one line here.
 */
export const kindList = [
  securityGroup, securityGroupRules,
  dynamoTable,
  cognitoUserPool, cognitoAppClient, cognitoUserPoolDomain,
  taskRole,
  cacheSubnetGroup, cacheParameterGroup, redisAuthSecret, redisUser, redisUserGroup, replicationGroup,
  vpcEndpoint, loadBalancer, targetGroup, listener, snsTopic, metricAlarm, ecsServiceAttachment,
  logGroup, executionRole, ecsCluster, taskDefinition, fargateService,
  dashboard,
] as const;

/** The name of every kind, as a union: a kind is named in code only through it. */
export type KindName = (typeof kindList)[number]["name"];

/** A kind with its property and delete-option types erased: what the engine and the registries handle. */
export type AnyKind = ResourceKind<KindName, KindProperties, unknown>;

/** The list, typed for the engine. */
export const kinds: readonly AnyKind[] = kindList;
