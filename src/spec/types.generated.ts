// Generated from schemas/gameenvironment.schema.json by `npm run gen:types`. Do not edit: edit the schema and regenerate.
// These are the types of a manifest *after loading*: every field with a default, and every field the loader
// resolves (x-gamectl-resolved), is required here because src/spec/load.ts always fills it in.

/**
 * A subnet ID, e.g. subnet-0a1b2c3d4e5f60001.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "SubnetId".
 */
export type SubnetId = string;
/**
 * A route table ID, e.g. rtb-0a1b2c3d4e5f60005.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "RouteTableId".
 */
export type RouteTableId = string;
/**
 * An IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "Cidr".
 */
export type Cidr = string;
/**
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "VpcId".
 */
export type VpcId = string;
/**
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "Port".
 */
export type Port = number;

/**
 * The AWS backend of one real-time multiplayer game environment: Redis for session state, DynamoDB tables, VPC endpoints, an Application Load Balancer for WebSockets, the game server's IAM task role and a session-latency alarm. gamectl converges AWS to this manifest.
 */
export interface GameEnvironment {
  /**
   * The API version of this manifest. Always gamectl.dev/v1alpha1.
   */
  apiVersion: "gamectl.dev/v1alpha1";
  /**
   * The kind of this manifest. Always GameEnvironment.
   */
  kind: "GameEnvironment";
  metadata: GameEnvironmentMetadata;
  spec: GameEnvironmentSpec;
  status?: GameEnvironmentStatus;
}
/**
 * Identifies the environment. namespace/name is unique and prefixes every AWS resource name.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "ObjectMeta".
 */
export interface GameEnvironmentMetadata {
  /**
   * The environment's name: a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) of at most 30 characters.
   */
  name: string;
  /**
   * The Kubernetes namespace; outside Kubernetes it only scopes the name. A DNS-1123 label of at most 63 characters.
   */
  namespace: string;
  /**
   * Kubernetes labels. gamectl does not interpret them.
   */
  labels?: {
    [k: string]: string;
  };
  /**
   * Kubernetes annotations. gamectl reads gamectl.dev/paused ("true": make no AWS calls), gamectl.dev/refresh (a new value triggers a resync) and gamectl.dev/management-policy (observe-only: report drift, change nothing).
   */
  annotations?: {
    [k: string]: string;
  };
}
/**
 * The desired AWS backend. network is required; every section after it is optional, and an absent section means that part of the backend is not created.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "GameEnvironmentSpec".
 */
export interface GameEnvironmentSpec {
  /**
   * The AWS region every resource lives in, e.g. us-east-1.
   */
  region: string;
  /**
   * Optional guard: the 12-digit AWS account ID gamectl must be running in. When set, gamectl checks the caller's account with STS before any write and refuses to act in any other account.
   */
  accountId?: string;
  /**
   * Tags put on every AWS resource, in addition to gamectl's ownership tags (gamectl.dev/environment, gamectl.dev/component, gamectl.dev/managed-by). Keys may not start with aws: or gamectl.dev/.
   */
  tags: {
    [k: string]: string;
  };
  /**
   * Take over existing resources with gamectl's deterministic names that lack gamectl's ownership tags. When false, such resources are never modified or deleted, and the plan says so.
   */
  adopt: boolean;
  /**
   * What happens to data-holding resources (DynamoDB tables, Redis and the Cognito user pool) when the environment is deleted. Retain leaves them in the account; Delete removes them (a table with deletionProtection is still never deleted).
   */
  deletionPolicy: "Retain" | "Delete";
  network: NetworkSpec;
  gameServer: GameServerSpec;
  redis?: RedisSpec;
  dynamodb?: DynamoDbSpec;
  cognito?: CognitoSpec;
  vpcEndpoints?: VpcEndpointsSpec;
  loadBalancer?: LoadBalancerSpec;
  iam: IamSpec;
  alarms?: AlarmsSpec;
  /**
   * Traces of the game server in X-Ray, and a CloudWatch dashboard of the environment.
   */
  observability: {
    /**
     * OpenTelemetry traces from the game server (HTTP, WebSocket joins, matchmaking, Redis, DynamoDB), sent over OTLP to the ADOT collector sidecar, which forwards them to X-Ray.
     */
    tracing?: {
      /**
       * Run the collector sidecar and point the server at it (OTEL_EXPORTER_OTLP_ENDPOINT). Off: no sidecar, no exporter, no X-Ray grant.
       */
      enabled?: boolean;
      /**
       * Fraction of new traces kept, from 0 to 1 (the server's OTEL_TRACES_SAMPLER_ARG). A request carrying a sampled X-Amzn-Trace-Id or traceparent keeps its caller's decision.
       */
      sampleRate?: number;
    };
    /**
     * A CloudWatch dashboard named after the environment (gameServerName's prefix + -dashboard): the four game metrics (SessionCreationLatency with the alarm's threshold), the load balancer's requests, 5xx and response time, Redis CPU, memory and evictions, and each table's consumed capacity and throttles. gamectl repairs edits made to it by hand.
     */
    dashboard?: {
      /**
       * Create and keep the dashboard; turning it off deletes it.
       */
      enabled?: boolean;
    };
  };
}
/**
 * The existing VPC the environment is placed in. gamectl never creates or changes the VPC, its subnets or its route tables.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "NetworkSpec".
 */
export interface NetworkSpec {
  /**
   * The VPC's ID, e.g. vpc-0a1b2c3d4e5f60718.
   */
  vpcId: string;
  /**
   * Private subnets for Redis, interface endpoints and an internal load balancer. Use subnets in at least two Availability Zones for multiAZ Redis or a load balancer.
   *
   * @minItems 1
   * @maxItems 16
   */
  privateSubnetIds: SubnetId[];
  /**
   * Public subnets for an internet-facing load balancer, in at least two Availability Zones.
   *
   * @maxItems 16
   */
  publicSubnetIds: SubnetId[];
  /**
   * The private subnets' route tables; gateway VPC endpoints (DynamoDB) are attached to them.
   *
   * @maxItems 16
   */
  privateRouteTableIds: RouteTableId[];
}
/**
 * An ElastiCache Redis replication group for session state and Colyseus presence, with its subnet group, parameter group and security group. Absent: no Redis.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "RedisSpec".
 */
export interface RedisSpec {
  /**
   * The Redis engine version, e.g. "7.1". It decides the parameter-group family (7.x: redis7). Quote it in YAML.
   */
  engineVersion: string;
  /**
   * The cache node type, e.g. cache.t4g.small or cache.r7g.large.
   */
  nodeType: string;
  /**
   * The number of shards (node groups). More than 1 turns cluster mode on.
   */
  shards: number;
  /**
   * Read replicas per shard, 0 to 5. multiAZ needs at least 1.
   */
  replicasPerShard: number;
  /**
   * Place replicas in other Availability Zones and fail over automatically. Needs replicasPerShard >= 1 and at least two private subnets.
   */
  multiAZ: boolean;
  /**
   * The port Redis listens on. Immutable: changing it needs allowReplacement.
   */
  port: number;
  /**
   * Redis parameters for the environment's parameter group, values as strings. maxmemory-policy defaults to volatile-lru. A parameter removed from this map is reset to its default.
   */
  parameters: {
    [k: string]: string;
  };
  encryption: RedisEncryption;
  /**
   * How clients authenticate. none: no authentication; token: an AUTH token that gamectl generates and keeps in a Secrets Manager secret; iam: an ElastiCache user and user group with IAM authentication (the task role gets elasticache:Connect). token and iam need encryption.inTransit.
   */
  authentication: "none" | "token" | "iam";
  /**
   * Days automatic snapshots are kept, 0 (no snapshots) to 35.
   */
  snapshotRetentionDays: number;
  /**
   * Daily UTC time range for automatic snapshots, hh24:mi-hh24:mi (e.g. 03:00-04:00). AWS picks one when absent.
   */
  snapshotWindow?: string;
  /**
   * Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi (e.g. sun:05:00-sun:06:00). AWS picks one when absent.
   */
  maintenanceWindow?: string;
  /**
   * Extra CIDR blocks allowed to reach Redis (for example a bastion subnet), besides the game server's security group. 0.0.0.0/0 and ::/0 are never allowed.
   *
   * @maxItems 50
   */
  allowedCidrs: Cidr[];
  /**
   * Opt in to replacing the replication group when an immutable field (port, encryption.atRest, engine, subnet group) changes: gamectl takes a final snapshot and creates the new group from it. Without it such changes are blocked.
   */
  allowReplacement: boolean;
  /**
   * Take a final snapshot before the replication group is deleted or replaced.
   */
  finalSnapshot: boolean;
}
/**
 * Encryption of the Redis data.
 */
export interface RedisEncryption {
  /**
   * Encrypt data at rest. Immutable: changing it needs allowReplacement.
   */
  atRest: boolean;
  /**
   * TLS between clients and Redis. Required by the token and iam authentication modes.
   */
  inTransit: boolean;
}
/**
 * DynamoDB tables for players, game history and game state. Absent: no tables.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "DynamoDbSpec".
 */
export interface DynamoDbSpec {
  /**
   * How every table is billed. PROVISIONED needs provisionedThroughput here or on every table and index.
   */
  billingMode: "PAY_PER_REQUEST" | "PROVISIONED";
  /**
   * Default read and write capacity of every table and index when billingMode is PROVISIONED.
   */
  provisionedThroughput?: ProvisionedThroughput;
  /**
   * Point-in-time recovery for every table, unless a table overrides it.
   */
  pointInTimeRecovery: boolean;
  sse: TableEncryption;
  /**
   * The tables, by logical name. Each becomes <namespace>-<environment>-<name> in AWS.
   *
   * @minItems 1
   * @maxItems 100
   */
  tables: TableSpec[];
}
/**
 * Server-side encryption of every table.
 */
export interface TableEncryption {
  /**
   * AWS_OWNED: a key owned by DynamoDB, at no cost. KMS: a KMS key, the AWS managed aws/dynamodb key or kmsKeyArn.
   */
  type: "AWS_OWNED" | "KMS";
  /**
   * A customer managed KMS key, only with type KMS.
   */
  kmsKeyArn?: string;
}
/**
 * A DynamoDB table.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "TableSpec".
 */
export interface TableSpec {
  /**
   * The table's logical name, unique in the environment: letters, digits, '_', '.' and '-'. The physical name adds the environment prefix.
   */
  name: string;
  /**
   * The partition (hash) key. Immutable.
   */
  partitionKey: KeyAttribute;
  /**
   * The optional sort (range) key. Immutable.
   */
  sortKey?: KeyAttribute;
  /**
   * A Number attribute holding an epoch-seconds expiry time; DynamoDB deletes expired items.
   */
  ttlAttribute?: string;
  /**
   * DynamoDB deletion protection. A protected table is never deleted by gamectl.
   */
  deletionProtection: boolean;
  /**
   * Overrides dynamodb.pointInTimeRecovery for this table. Always set after loading.
   */
  pointInTimeRecovery: boolean;
  /**
   * Overrides dynamodb.provisionedThroughput for this table (PROVISIONED only). Always set after loading when billingMode is PROVISIONED.
   */
  provisionedThroughput?: ProvisionedThroughput;
  /**
   * Global secondary indexes, at most 20. DynamoDB creates or deletes one per pass.
   *
   * @maxItems 20
   */
  globalSecondaryIndexes: GlobalSecondaryIndexSpec[];
}
/**
 * A global secondary index.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "GlobalSecondaryIndexSpec".
 */
export interface GlobalSecondaryIndexSpec {
  /**
   * The index name, unique within its table: 3 to 255 letters, digits, '_', '.' and '-'.
   */
  name: string;
  /**
   * The index's partition key.
   */
  partitionKey: KeyAttribute;
  /**
   * The index's optional sort key.
   */
  sortKey?: KeyAttribute;
  /**
   * Which attributes the index copies: ALL, KEYS_ONLY, or INCLUDE (the keys plus nonKeyAttributes).
   */
  projection: "ALL" | "KEYS_ONLY" | "INCLUDE";
  /**
   * The attributes projected besides the keys, only with projection INCLUDE.
   *
   * @maxItems 100
   */
  nonKeyAttributes?: string[];
  /**
   * Overrides the table's throughput for this index (PROVISIONED only). Always set after loading when billingMode is PROVISIONED.
   */
  provisionedThroughput?: ProvisionedThroughput;
}
/**
 * Player accounts: an Amazon Cognito user pool, the game's public app client and optionally a hosted-UI domain. The pool holds every player's account, so it follows deletionPolicy like a table. Absent: no user pool (the game server uses development tokens).
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "CognitoSpec".
 */
export interface CognitoSpec {
  userPool: CognitoUserPoolSpec;
  appClient: CognitoAppClientSpec;
  domain?: CognitoDomainSpec;
}
/**
 * A hosted-UI domain, <prefix>.auth.<region>.amazoncognito.com. Absent: no domain.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "CognitoDomainSpec".
 */
export interface CognitoDomainSpec {
  /**
   * The domain prefix: lowercase letters, digits and -, unique in the region; it may not contain aws, amazon or cognito. Changing it replaces the domain.
   */
  prefix: string;
}
/**
 * VPC endpoints so the game server reaches AWS services without a NAT gateway. Absent: no endpoints.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "VpcEndpointsSpec".
 */
export interface VpcEndpointsSpec {
  /**
   * Gateway endpoints, attached to network.privateRouteTableIds: dynamodb and/or s3.
   *
   * @maxItems 2
   */
  gateway: ("dynamodb" | "s3")[];
  /**
   * Interface endpoints by service name (e.g. elasticache, logs, monitoring, ecr.api, ecr.dkr, sts), in the private subnets with private DNS, admitting 443 from the game server's security group only.
   *
   * @maxItems 30
   */
  interface: string[];
}
/**
 * An Application Load Balancer with a target group (target type ip) for the game server; it carries WebSockets. Absent: no load balancer.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "LoadBalancerSpec".
 */
export interface LoadBalancerSpec {
  /**
   * internet-facing (in the public subnets) or internal (in the private subnets).
   */
  scheme: "internet-facing" | "internal";
  /**
   * CIDR blocks allowed to reach the listener ports.
   *
   * @minItems 1
   * @maxItems 50
   */
  allowedCidrs: Cidr[];
  /**
   * Seconds an idle connection (including a quiet WebSocket) stays open, 1 to 4000.
   */
  idleTimeoutSeconds: number;
  /**
   * ALB deletion protection. Defaults to true when spec.tags.stage is prod. Always set after loading.
   */
  deletionProtection: boolean;
  /**
   * Enable HTTP/2 on the load balancer.
   */
  http2: boolean;
  /**
   * Drop HTTP headers with invalid names instead of forwarding them.
   */
  dropInvalidHeaderFields: boolean;
  /**
   * The listeners, one per port.
   *
   * @minItems 1
   * @maxItems 10
   */
  listeners: ListenerSpec[];
  healthCheck: HealthCheckSpec;
  stickiness: StickinessSpec;
  /**
   * Seconds a deregistering target keeps its connections, 0 to 3600.
   */
  deregistrationDelaySeconds: number;
}
/**
 * A load-balancer listener.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "ListenerSpec".
 */
export interface ListenerSpec {
  /**
   * The listener port.
   */
  port: number;
  /**
   * HTTP or HTTPS.
   */
  protocol: "HTTP" | "HTTPS";
  /**
   * The ACM certificate of an HTTPS listener (required for HTTPS).
   */
  certificateArn?: string;
  /**
   * The TLS policy of an HTTPS listener. Defaults to ELBSecurityPolicy-TLS13-1-2-2021-06 for HTTPS; always set after loading for HTTPS listeners.
   */
  sslPolicy?: string;
  /**
   * On an HTTP listener: redirect every request to the HTTPS listener (301) instead of forwarding it. Needs an HTTPS listener.
   */
  redirectToHttps: boolean;
}
/**
 * The target group's HTTP health check on gameServer.healthCheckPath.
 */
export interface HealthCheckSpec {
  /**
   * Seconds between health checks, 5 to 300.
   */
  intervalSeconds: number;
  /**
   * Seconds to wait for a response, 2 to 120, less than intervalSeconds.
   */
  timeoutSeconds: number;
  /**
   * Consecutive successes before a target is healthy, 2 to 10.
   */
  healthyThreshold: number;
  /**
   * Consecutive failures before a target is unhealthy, 2 to 10.
   */
  unhealthyThreshold: number;
  /**
   * HTTP codes that count as healthy, e.g. 200 or 200-299.
   */
  matcher: string;
}
/**
 * Load-balancer cookie stickiness. Colyseus rooms do not need it: a WebSocket stays on its target.
 */
export interface StickinessSpec {
  /**
   * Enable lb_cookie stickiness.
   */
  enabled: boolean;
  /**
   * Cookie lifetime in seconds, 1 to 604800.
   */
  durationSeconds: number;
}
/**
 * CloudWatch alarms. Absent: no alarms.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "AlarmsSpec".
 */
export interface AlarmsSpec {
  /**
   * Threshold of the SessionCreationLatency alarm (namespace GameMetrics, average over 2 periods of 60 s), in milliseconds.
   */
  sessionCreationLatencyMs: number;
  /**
   * The SNS topic the alarm notifies. When absent gamectl creates one.
   */
  snsTopicArn?: string;
}
/**
 * What gamectl last observed and did. Written by the controller (the status subresource, or a status file in folder mode); never edited by hand.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "GameEnvironmentStatus".
 */
export interface GameEnvironmentStatus {
  /**
   * The metadata.generation the status describes.
   */
  observedGeneration?: number;
  /**
   * A one-word summary: Pending, Provisioning, Ready, Degraded, Deleting or Failed.
   */
  phase?: "Pending" | "Provisioning" | "Ready" | "Degraded" | "Deleting" | "Failed";
  /**
   * kstatus-compatible conditions: Ready, Synced, Progressing and Degraded.
   *
   * @maxItems 16
   */
  conditions?: Condition[];
  /**
   * One entry per AWS resource of the environment.
   *
   * @maxItems 500
   */
  resources?: ResourceStatusEntry[];
  outputs?: EnvironmentOutputs;
  lastPlan?: PlanSummary;
  /**
   * A human-readable summary of the last reconcile, e.g. the error that stopped it.
   */
  message?: string;
}
/**
 * A kstatus-compatible condition.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "Condition".
 */
export interface Condition {
  /**
   * The condition type: Ready, Synced, Progressing or Degraded.
   */
  type: string;
  /**
   * True, False or Unknown.
   */
  status: "True" | "False" | "Unknown";
  /**
   * A CamelCase reason, e.g. Converged or WaitingForResources.
   */
  reason?: string;
  /**
   * A human-readable explanation.
   */
  message?: string;
  /**
   * When status last changed (RFC 3339).
   */
  lastTransitionTime?: string;
  /**
   * The metadata.generation the condition describes.
   */
  observedGeneration?: number;
}
/**
 * The observed state of one AWS resource.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "ResourceStatusEntry".
 */
export interface ResourceStatusEntry {
  /**
   * The resource kind, e.g. DynamoDBTable or ReplicationGroup.
   */
  kind: string;
  /**
   * The logical name in the manifest.
   */
  name: string;
  /**
   * The physical ID or ARN in AWS.
   */
  id?: string;
  /**
   * gamectl's state of the resource, e.g. Ready, Pending, Blocked, Failed, Retained.
   */
  state: string;
  /**
   * When the resource was last observed (RFC 3339).
   */
  lastObservedTime?: string;
  /**
   * Details, e.g. AWS's state or an asynchronous failure.
   */
  message?: string;
}
/**
 * What the game server needs to connect: endpoints, names and ARNs. Also written to the ConfigMap <name>-outputs.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "EnvironmentOutputs".
 */
export interface EnvironmentOutputs {
  redis?: RedisOutputs;
  loadBalancer?: LoadBalancerOutputs;
  /**
   * The game server's target group.
   */
  targetGroupArn?: string;
  /**
   * Tables by logical name.
   */
  tables: {
    [k: string]: TableOutput;
  };
  cognito?: CognitoOutputs;
  /**
   * The game server's task role.
   */
  taskRoleArn?: string;
  gameServer?: GameServerOutputs;
  securityGroups: SecurityGroupOutputs;
  /**
   * VPC endpoint IDs by service name.
   */
  vpcEndpoints: {
    [k: string]: string;
  };
  /**
   * The SessionCreationLatency alarm.
   */
  alarmArn?: string;
  /**
   * The topic the alarm notifies.
   */
  snsTopicArn?: string;
}
/**
 * How to reach Redis.
 */
export interface RedisOutputs {
  /**
   * The primary (or cluster configuration) endpoint's host name.
   */
  primaryEndpoint: string;
  /**
   * The reader endpoint's host name.
   */
  readerEndpoint: string;
  /**
   * The Redis port.
   */
  port: number;
  /**
   * Whether clients must use TLS.
   */
  tls: boolean;
  /**
   * none, token or iam.
   */
  authMode: "none" | "token" | "iam";
  /**
   * The Secrets Manager secret holding the AUTH token (authMode token).
   */
  secretArn?: string;
  /**
   * The ElastiCache user group (authMode iam).
   */
  userGroupId?: string;
  /**
   * The ElastiCache user, also the IAM auth user name (authMode iam).
   */
  userId?: string;
}
/**
 * The load balancer.
 */
export interface LoadBalancerOutputs {
  /**
   * The DNS name clients connect to.
   */
  dnsName: string;
  /**
   * The load balancer's ARN.
   */
  arn: string;
}
export interface TableOutput {
  /**
   * The physical table name.
   */
  name: string;
  /**
   * The table's ARN.
   */
  arn: string;
}
/**
 * The user pool players sign in with.
 */
export interface CognitoOutputs {
  /**
   * The user pool's id (COGNITO_USER_POOL_ID).
   */
  userPoolId: string;
  /**
   * The user pool's ARN.
   */
  userPoolArn: string;
  /**
   * The game's public app client (COGNITO_CLIENT_ID).
   */
  clientId: string;
  /**
   * The iss claim of the pool's tokens (COGNITO_ISSUER).
   */
  issuer: string;
  /**
   * Where the pool's signing keys are published (COGNITO_JWKS_URI).
   */
  jwksUri: string;
  /**
   * The hosted UI's domain, when spec.cognito.domain is set.
   */
  domain?: string;
}
/**
 * Deploy mode: where the game server runs and what its tasks are started from.
 */
export interface GameServerOutputs {
  /**
   * The ECS cluster's name.
   */
  cluster: string;
  /**
   * The ECS service's name.
   */
  service: string;
  /**
   * The task-definition revision the service runs.
   */
  taskDefinitionArn: string;
  /**
   * The CloudWatch Logs group of the containers.
   */
  logGroupName: string;
  /**
   * The task execution role.
   */
  executionRoleArn?: string;
}
/**
 * Security group IDs by component.
 */
export interface SecurityGroupOutputs {
  /**
   * The load balancer's group.
   */
  alb?: string;
  /**
   * The game server's group; attach it to the game server's tasks.
   */
  app?: string;
  /**
   * Redis's group.
   */
  redis?: string;
  /**
   * The interface endpoints' group.
   */
  endpoints?: string;
}
/**
 * A summary of the last plan.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "PlanSummary".
 */
export interface PlanSummary {
  /**
   * Resources to create.
   */
  add?: number;
  /**
   * Resources to change in place.
   */
  change?: number;
  /**
   * Resources to delete (a replacement counts here and in add).
   */
  destroy?: number;
  /**
   * Changes refused because the field is immutable without an opt-in.
   */
  blocked?: number;
  /**
   * The rendered plan.
   */
  text?: string;
}
/**
 * The game server the load balancer forwards to and the security groups admit. Three modes: deploy (image set: gamectl runs the server on ECS Fargate with its own task definition, execution role, log group and service, optionally its own cluster), attach-only (ecs set: the user runs the service, gamectl only attaches the target group), or neither (gamectl manages no ECS at all). A manifest sets at most one of image and ecs.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "GameServerSpec".
 */
export interface GameServerSpec {
  /**
   * The TCP port the game server listens on (HTTP and WebSocket).
   */
  port: number;
  /**
   * The HTTP path the load balancer's health check requests; it must answer 200.
   */
  healthCheckPath: string;
  /**
   * Extra CIDR blocks allowed to reach the game port directly (for example an office VPN), besides the load balancer. 0.0.0.0/0 and ::/0 are never allowed.
   *
   * @maxItems 50
   */
  allowedCidrs: Cidr[];
  /**
   * Let the game server's tasks open HTTPS (TCP 443) connections to any address, through the private subnets' NAT gateway. Off by default: the game server's security group then reaches only Redis, its own tasks (the relay), the interface endpoints and the gateway endpoints' prefix lists. A deployed game server needs it unless its image is in ECR and vpcEndpoints has interface ecr.api, ecr.dkr and logs (and secretsmanager when it reads secrets) and gateway s3 and dynamodb.
   */
  internetEgress: boolean;
  /**
   * Deploy mode: the container image gamectl runs on ECS Fargate, e.g. ghcr.io/example/gamectl-server:0.1.0 or an ECR image URI. Setting it turns deploy mode on.
   */
  image?: string;
  /**
   * Deploy mode: the task's CPU units (256 = 0.25 vCPU). Default 256. Must form a Fargate-valid pair with memory.
   */
  cpu?: 256 | 512 | 1024 | 2048 | 4096 | 8192 | 16384;
  /**
   * Deploy mode: the task's memory in MiB. Default 512. Fargate allows per cpu: 256: 512, 1024, 2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384 (steps of 1024); 4096: 8192-30720 (steps of 1024); 8192: 16384-61440 (steps of 4096); 16384: 32768-122880 (steps of 8192).
   */
  memory?: number;
  /**
   * Deploy mode: how many tasks the ECS service runs. Default 2.
   */
  desiredCount?: number;
  cluster?: GameServerClusterSpec;
  /**
   * Deploy mode: extra plain environment variables for the container. Names gamectl sets (REDIS_*, TABLE_*, AWS_REGION, PORT, GAMECTL_ENVIRONMENT) are refused. Never put a secret here: use secrets.
   */
  environment?: {
    [k: string]: string;
  };
  /**
   * Deploy mode: environment variables read from Secrets Manager when a task starts (e.g. JWT_SECRET), by name: the secret's ARN. The execution role may read exactly these secrets (and the Redis AUTH token).
   */
  secrets?: {
    [k: string]: string;
  };
  /**
   * Deploy mode: how long CloudWatch Logs keeps the container's logs, in days (one of CloudWatch Logs' allowed values). Default 30.
   */
  logRetentionDays?:
    1 | 3 | 5 | 7 | 14 | 30 | 60 | 90 | 120 | 150 | 180 | 365 | 400 | 545 | 731 | 1096 | 1827 | 2192 | 2557 | 2922 | 3288 | 3653;
  /**
   * Deploy mode: the container's name in the task definition. Default game.
   */
  containerName?: string;
  /**
   * Attach-only mode: an existing ECS service running the game server. gamectl attaches the target group to it and reports its task role; it never creates, changes or deletes the service. Excludes image and the other deploy fields.
   */
  ecs?: EcsServiceRef;
}
/**
 * Deploy mode: the ECS cluster. {create: true} (the default): gamectl creates and owns one. {name: arena}: an existing cluster, never changed or deleted.
 */
export interface GameServerClusterSpec {
  /**
   * gamectl creates the cluster (and deletes it with the environment).
   */
  create?: boolean;
  /**
   * The name of an existing ECS cluster.
   */
  name?: string;
}
/**
 * Optional: an existing ECS service running the game server. gamectl attaches the target group to it and reports its task role.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "EcsServiceRef".
 */
export interface EcsServiceRef {
  /**
   * The ECS cluster's name or ARN.
   */
  cluster: string;
  /**
   * The ECS service's name.
   */
  service: string;
  /**
   * The container in the task definition that listens on gameServer.port.
   */
  containerName: string;
}
/**
 * The user pool players sign up in and sign in to.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "CognitoUserPoolSpec".
 */
export interface CognitoUserPoolSpec {
  /**
   * What players sign in with: a username, or their email address. Immutable: Cognito cannot change it on an existing pool (replacing the pool loses every account; see allowReplacement).
   */
  signInAttribute: "username" | "email";
  passwordPolicy: CognitoPasswordPolicy;
  /**
   * Multi-factor authentication with an authenticator app (TOTP): off, optional (players may turn it on) or required.
   */
  mfa: "off" | "optional" | "required";
  /**
   * How a player who forgot their password recovers the account: email (a code to their verified email) or admin-only (an administrator resets it).
   */
  accountRecovery: "email" | "admin-only";
  /**
   * Send each new player a code to their email, which they enter to confirm the sign-up (production). false: no code is sent and the deployed game server confirms players itself (development only; its task role may then call AdminConfirmSignUp on this pool).
   */
  verifyEmail: boolean;
  /**
   * Cognito refuses to delete the pool while this is on; gamectl then never deletes it, even with deletionPolicy Delete, until it is turned off here.
   */
  deletionProtection: boolean;
  /**
   * Custom player attributes (custom:<name> in tokens). Attributes can be added to an existing pool, but Cognito can neither remove nor change one: the plan blocks that.
   *
   * @maxItems 50
   */
  customAttributes: CognitoCustomAttribute[];
  /**
   * Opt in to replacing the user pool when an immutable field (signInAttribute, a custom attribute removed or changed) changes. A new pool starts empty: every player account is lost. Honoured only with deletionPolicy Delete; under Retain such changes are always blocked.
   */
  allowReplacement: boolean;
}
/**
 * What a password must contain.
 */
export interface CognitoPasswordPolicy {
  /**
   * The minimum length, 6 to 99.
   */
  minimumLength: number;
  /**
   * At least one lowercase letter.
   */
  requireLowercase: boolean;
  /**
   * At least one uppercase letter.
   */
  requireUppercase: boolean;
  /**
   * At least one digit.
   */
  requireNumbers: boolean;
  /**
   * At least one symbol.
   */
  requireSymbols: boolean;
  /**
   * How long a temporary password set by an administrator is valid, in days.
   */
  temporaryPasswordValidityDays: number;
}
export interface CognitoCustomAttribute {
  /**
   * The name without custom:, 1 to 20 letters, digits or _.
   */
  name: string;
  /**
   * String or Number.
   */
  type: "String" | "Number";
  /**
   * Whether the value can change after sign-up.
   */
  mutable: boolean;
  /**
   * String: the minimum length.
   */
  minLength?: number;
  /**
   * String: the maximum length.
   */
  maxLength?: number;
  /**
   * Number: the minimum value.
   */
  minValue?: number;
  /**
   * Number: the maximum value.
   */
  maxValue?: number;
}
/**
 * The game's app client: public (no secret), for the browser and the game server's sign-in endpoint. Refresh tokens are always allowed.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "CognitoAppClientSpec".
 */
export interface CognitoAppClientSpec {
  /**
   * How players sign in: USER_PASSWORD_AUTH (the password goes to Cognito over TLS; the game server's /players/sign-in uses it) and/or USER_SRP_AUTH (Secure Remote Password, from a browser SDK).
   *
   * @minItems 1
   */
  authFlows: ("USER_PASSWORD_AUTH" | "USER_SRP_AUTH")[];
  /**
   * How long access tokens are valid, in minutes (Cognito allows 5 to 1440).
   */
  accessTokenValidityMinutes: number;
  /**
   * How long ID tokens are valid, in minutes (Cognito allows 5 to 1440).
   */
  idTokenValidityMinutes: number;
  /**
   * How long refresh tokens are valid, in days (1 to 3650).
   */
  refreshTokenValidityDays: number;
  /**
   * Answer a sign-in or recovery for an unknown user as for a wrong password, so nobody can probe which accounts exist.
   */
  preventUserExistenceErrors: boolean;
}
/**
 * A key attribute: its name and scalar type.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "KeyAttribute".
 */
export interface KeyAttribute {
  /**
   * The attribute name.
   */
  name: string;
  /**
   * The attribute type: S (string), N (number) or B (binary).
   */
  type: "S" | "N" | "B";
}
/**
 * Provisioned read and write capacity units.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "ProvisionedThroughput".
 */
export interface ProvisionedThroughput {
  /**
   * Read capacity units, at least 1.
   */
  readCapacityUnits: number;
  /**
   * Write capacity units, at least 1.
   */
  writeCapacityUnits: number;
}
/**
 * The game server's IAM task role.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "IamSpec".
 */
export interface IamSpec {
  taskRole: TaskRoleSpec;
}
/**
 * Either {create: true}: gamectl creates a role trusted by ecs-tasks.amazonaws.com; or {existingRoleName: NAME}: gamectl only puts its inline policy on that role and leaves the trust policy alone.
 */
export interface TaskRoleSpec {
  /**
   * Create and own the task role. Always set after loading: false when existingRoleName is given.
   */
  create: boolean;
  /**
   * An existing role to put gamectl's inline policy on, instead of creating one.
   */
  existingRoleName?: string;
}
/**
 * Traces of the game server in X-Ray, and a CloudWatch dashboard of the environment.
 *
 * This interface was referenced by `GameEnvironment`'s JSON-Schema
 * via the `definition` "ObservabilitySpec".
 */
export interface ObservabilitySpec {
  /**
   * OpenTelemetry traces from the game server (HTTP, WebSocket joins, matchmaking, Redis, DynamoDB), sent over OTLP to the ADOT collector sidecar, which forwards them to X-Ray.
   */
  tracing: {
    /**
     * Run the collector sidecar and point the server at it (OTEL_EXPORTER_OTLP_ENDPOINT). Off: no sidecar, no exporter, no X-Ray grant.
     */
    enabled: boolean;
    /**
     * Fraction of new traces kept, from 0 to 1 (the server's OTEL_TRACES_SAMPLER_ARG). A request carrying a sampled X-Amzn-Trace-Id or traceparent keeps its caller's decision.
     */
    sampleRate: number;
  };
  /**
   * A CloudWatch dashboard named after the environment (gameServerName's prefix + -dashboard): the four game metrics (SessionCreationLatency with the alarm's threshold), the load balancer's requests, 5xx and response time, Redis CPU, memory and evictions, and each table's consumed capacity and throttles. gamectl repairs edits made to it by hand.
   */
  dashboard: {
    /**
     * Create and keep the dashboard; turning it off deletes it.
     */
    enabled: boolean;
  };
}
