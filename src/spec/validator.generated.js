/* eslint-disable */
// Generated from schemas/gameenvironment.schema.json by `npm run gen` (ajv standalone). Do not edit: edit the schema and regenerate.
import ajvRuntime_ucs2length_module from "ajv/dist/runtime/ucs2length.js";
const ajvRuntime_ucs2length = { default: typeof ajvRuntime_ucs2length_module === "function" ? ajvRuntime_ucs2length_module : ajvRuntime_ucs2length_module.default };
import ajvRuntime_equal_module from "ajv/dist/runtime/equal.js";
const ajvRuntime_equal = { default: typeof ajvRuntime_equal_module === "function" ? ajvRuntime_equal_module : ajvRuntime_equal_module.default };

export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"https://gamectl.dev/schemas/gameenvironment.schema.json","title":"GameEnvironment","description":"The AWS backend of one real-time multiplayer game environment: Redis for session state, DynamoDB tables, VPC endpoints, an Application Load Balancer for WebSockets, the game server's IAM task role and a session-latency alarm. gamectl converges AWS to this manifest.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"description":"The API version of this manifest. Always gamectl.dev/v1alpha1.","type":"string","const":"gamectl.dev/v1alpha1"},"kind":{"description":"The kind of this manifest. Always GameEnvironment.","type":"string","const":"GameEnvironment"},"metadata":{"$ref":"#/$defs/ObjectMeta"},"spec":{"$ref":"#/$defs/GameEnvironmentSpec"},"status":{"$ref":"#/$defs/GameEnvironmentStatus"}},"$defs":{"ObjectMeta":{"title":"GameEnvironmentMetadata","description":"Identifies the environment. namespace/name is unique and prefixes every AWS resource name.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"description":"The environment's name: a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) of at most 30 characters.","type":"string","minLength":1,"maxLength":30,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","x-error":"a DNS-1123 label (lowercase letters, digits and '-') such as arena-prod"},"namespace":{"description":"The Kubernetes namespace; outside Kubernetes it only scopes the name. A DNS-1123 label of at most 63 characters.","type":"string","default":"default","minLength":1,"maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","x-error":"a DNS-1123 label such as games"},"labels":{"description":"Kubernetes labels. gamectl does not interpret them.","type":"object","additionalProperties":{"type":"string"}},"annotations":{"description":"Kubernetes annotations. gamectl reads gamectl.dev/paused (\"true\": make no AWS calls), gamectl.dev/refresh (a new value triggers a resync) and gamectl.dev/management-policy (observe-only: report drift, change nothing).","type":"object","additionalProperties":{"type":"string"}}}},"GameEnvironmentSpec":{"title":"GameEnvironmentSpec","description":"The desired AWS backend. network is required; every section after it is optional, and an absent section means that part of the backend is not created.","type":"object","additionalProperties":false,"required":["region","network"],"properties":{"region":{"description":"The AWS region every resource lives in, e.g. us-east-1.","type":"string","maxLength":32,"pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]$","x-error":"an AWS region such as us-east-1"},"accountId":{"description":"Optional guard: the 12-digit AWS account ID gamectl must be running in. When set, gamectl checks the caller's account with STS before any write and refuses to act in any other account.","type":"string","pattern":"^[0-9]{12}$","x-error":"a 12-digit AWS account ID in quotes, such as \"123456789012\""},"tags":{"description":"Tags put on every AWS resource, in addition to gamectl's ownership tags (gamectl.dev/environment, gamectl.dev/component, gamectl.dev/managed-by). Keys may not start with aws: or gamectl.dev/.","type":"object","default":{},"maxProperties":40,"additionalProperties":{"type":"string","maxLength":256}},"adopt":{"description":"Take over existing resources with gamectl's deterministic names that lack gamectl's ownership tags. When false, such resources are never modified or deleted, and the plan says so.","type":"boolean","default":false},"deletionPolicy":{"description":"What happens to data-holding resources (DynamoDB tables, Redis and the Cognito user pool) when the environment is deleted. Retain leaves them in the account; Delete removes them (a table with deletionProtection is still never deleted).","type":"string","enum":["Retain","Delete"],"default":"Retain"},"network":{"$ref":"#/$defs/NetworkSpec"},"gameServer":{"$ref":"#/$defs/GameServerSpec","default":{}},"redis":{"$ref":"#/$defs/RedisSpec"},"dynamodb":{"$ref":"#/$defs/DynamoDbSpec"},"cognito":{"$ref":"#/$defs/CognitoSpec"},"vpcEndpoints":{"$ref":"#/$defs/VpcEndpointsSpec"},"loadBalancer":{"$ref":"#/$defs/LoadBalancerSpec"},"iam":{"$ref":"#/$defs/IamSpec","default":{}},"alarms":{"$ref":"#/$defs/AlarmsSpec"},"observability":{"$ref":"#/$defs/ObservabilitySpec","default":{}}}},"NetworkSpec":{"title":"NetworkSpec","description":"The existing VPC the environment is placed in. gamectl never creates or changes the VPC, its subnets or its route tables.","type":"object","additionalProperties":false,"required":["vpcId","privateSubnetIds"],"properties":{"vpcId":{"description":"The VPC's ID, e.g. vpc-0a1b2c3d4e5f60718.","$ref":"#/$defs/VpcId"},"privateSubnetIds":{"description":"Private subnets for Redis, interface endpoints and an internal load balancer. Use subnets in at least two Availability Zones for multiAZ Redis or a load balancer.","type":"array","minItems":1,"maxItems":16,"uniqueItems":true,"items":{"$ref":"#/$defs/SubnetId"}},"publicSubnetIds":{"description":"Public subnets for an internet-facing load balancer, in at least two Availability Zones.","type":"array","default":[],"maxItems":16,"uniqueItems":true,"items":{"$ref":"#/$defs/SubnetId"}},"privateRouteTableIds":{"description":"The private subnets' route tables; gateway VPC endpoints (DynamoDB) are attached to them.","type":"array","default":[],"maxItems":16,"uniqueItems":true,"items":{"$ref":"#/$defs/RouteTableId"}}}},"GameServerSpec":{"title":"GameServerSpec","description":"The game server the load balancer forwards to and the security groups admit. Three modes: deploy (image set: gamectl runs the server on ECS Fargate with its own task definition, execution role, log group and service, optionally its own cluster), attach-only (ecs set: the user runs the service, gamectl only attaches the target group), or neither (gamectl manages no ECS at all). A manifest sets at most one of image and ecs.","type":"object","additionalProperties":false,"properties":{"port":{"description":"The TCP port the game server listens on (HTTP and WebSocket).","$ref":"#/$defs/Port","default":2567},"healthCheckPath":{"description":"The HTTP path the load balancer's health check requests; it must answer 200.","type":"string","default":"/health","maxLength":1024,"pattern":"^/[^\\s?#]*$","x-error":"an absolute URL path such as /health"},"allowedCidrs":{"description":"Extra CIDR blocks allowed to reach the game port directly (for example an office VPN), besides the load balancer. 0.0.0.0/0 and ::/0 are never allowed.","type":"array","default":[],"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/$defs/Cidr"},"x-kubernetes-validations":[{"rule":"self.all(c, !c.endsWith('/0'))","message":"0.0.0.0/0 can never reach Redis or the game port"}]},"internetEgress":{"description":"Let the game server's tasks open HTTPS (TCP 443) connections to any address, through the private subnets' NAT gateway. Off by default: the game server's security group then reaches only Redis, its own tasks (the relay), the interface endpoints and the gateway endpoints' prefix lists. A deployed game server needs it unless its image is in ECR and vpcEndpoints has interface ecr.api, ecr.dkr and logs (and secretsmanager when it reads secrets) and gateway s3 and dynamodb.","type":"boolean","default":false},"image":{"description":"Deploy mode: the container image gamectl runs on ECS Fargate, e.g. ghcr.io/example/gamectl-server:0.1.0 or an ECR image URI. Setting it turns deploy mode on.","type":"string","minLength":1,"maxLength":255,"pattern":"^[^\\s]+$","x-error":"a container image reference such as ghcr.io/example/gamectl-server:0.1.0"},"cpu":{"description":"Deploy mode: the task's CPU units (256 = 0.25 vCPU). Default 256. Must form a Fargate-valid pair with memory.","type":"integer","enum":[256,512,1024,2048,4096,8192,16384]},"memory":{"description":"Deploy mode: the task's memory in MiB. Default 512. Fargate allows per cpu: 256: 512, 1024, 2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384 (steps of 1024); 4096: 8192-30720 (steps of 1024); 8192: 16384-61440 (steps of 4096); 16384: 32768-122880 (steps of 8192).","type":"integer","minimum":512,"maximum":122880},"desiredCount":{"description":"Deploy mode: how many tasks the ECS service runs. Default 2.","type":"integer","minimum":0,"maximum":1000},"cluster":{"title":"GameServerClusterSpec","description":"Deploy mode: the ECS cluster. {create: true} (the default): gamectl creates and owns one. {name: arena}: an existing cluster, never changed or deleted.","type":"object","additionalProperties":false,"properties":{"create":{"description":"gamectl creates the cluster (and deletes it with the environment).","type":"boolean"},"name":{"description":"The name of an existing ECS cluster.","type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_-]+$","x-error":"an ECS cluster name (letters, digits, - and _)"}}},"environment":{"description":"Deploy mode: extra plain environment variables for the container. Names gamectl sets (REDIS_*, TABLE_*, AWS_REGION, PORT, GAMECTL_ENVIRONMENT) are refused. Never put a secret here: use secrets.","type":"object","maxProperties":100,"propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":255},"additionalProperties":{"type":"string","maxLength":4096}},"secrets":{"description":"Deploy mode: environment variables read from Secrets Manager when a task starts (e.g. JWT_SECRET), by name: the secret's ARN. The execution role may read exactly these secrets (and the Redis AUTH token).","type":"object","maxProperties":50,"propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":255},"additionalProperties":{"type":"string","maxLength":2048,"pattern":"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$","x-error":"a Secrets Manager secret ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:arena/jwt-AbCdEf"}},"logRetentionDays":{"description":"Deploy mode: how long CloudWatch Logs keeps the container's logs, in days (one of CloudWatch Logs' allowed values). Default 30.","type":"integer","enum":[1,3,5,7,14,30,60,90,120,150,180,365,400,545,731,1096,1827,2192,2557,2922,3288,3653]},"containerName":{"description":"Deploy mode: the container's name in the task definition. Default game.","type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_-]+$","x-error":"letters, digits, - and _"},"ecs":{"$ref":"#/$defs/EcsServiceRef","description":"Attach-only mode: an existing ECS service running the game server. gamectl attaches the target group to it and reports its task role; it never creates, changes or deletes the service. Excludes image and the other deploy fields."}}},"EcsServiceRef":{"title":"EcsServiceRef","description":"Optional: an existing ECS service running the game server. gamectl attaches the target group to it and reports its task role.","type":"object","additionalProperties":false,"required":["cluster","service"],"properties":{"cluster":{"description":"The ECS cluster's name or ARN.","type":"string","minLength":1,"maxLength":255},"service":{"description":"The ECS service's name.","type":"string","minLength":1,"maxLength":255},"containerName":{"description":"The container in the task definition that listens on gameServer.port.","type":"string","default":"game","minLength":1,"maxLength":255}}},"RedisSpec":{"title":"RedisSpec","description":"An ElastiCache Redis replication group for session state and Colyseus presence, with its subnet group, parameter group and security group. Absent: no Redis.","type":"object","additionalProperties":false,"properties":{"engineVersion":{"description":"The Redis engine version, e.g. \"7.1\". It decides the parameter-group family (7.x: redis7). Quote it in YAML.","type":"string","default":"7.1","pattern":"^[0-9]+\\.[0-9x]+(\\.[0-9]+)?$","x-error":"a Redis engine version in quotes, such as \"7.1\""},"nodeType":{"description":"The cache node type, e.g. cache.t4g.small or cache.r7g.large.","type":"string","default":"cache.t4g.small","pattern":"^cache\\.[a-z0-9]+\\.[a-z0-9]+$","x-error":"a cache node type such as cache.t4g.small"},"shards":{"description":"The number of shards (node groups). More than 1 turns cluster mode on.","type":"integer","default":1,"minimum":1,"maximum":500},"replicasPerShard":{"description":"Read replicas per shard, 0 to 5. multiAZ needs at least 1.","type":"integer","default":1,"minimum":0,"maximum":5},"multiAZ":{"description":"Place replicas in other Availability Zones and fail over automatically. Needs replicasPerShard >= 1 and at least two private subnets.","type":"boolean","default":false},"port":{"description":"The port Redis listens on. Immutable: changing it needs allowReplacement.","$ref":"#/$defs/Port","default":6379},"parameters":{"description":"Redis parameters for the environment's parameter group, values as strings. maxmemory-policy defaults to volatile-lru. A parameter removed from this map is reset to its default.","type":"object","default":{},"maxProperties":100,"propertyNames":{"pattern":"^[a-z0-9-]+$"},"additionalProperties":{"type":"string","maxLength":1024}},"encryption":{"title":"RedisEncryption","description":"Encryption of the Redis data.","type":"object","default":{},"additionalProperties":false,"properties":{"atRest":{"description":"Encrypt data at rest. Immutable: changing it needs allowReplacement.","type":"boolean","default":true},"inTransit":{"description":"TLS between clients and Redis. Required by the token and iam authentication modes.","type":"boolean","default":true}}},"authentication":{"description":"How clients authenticate. none: no authentication; token: an AUTH token that gamectl generates and keeps in a Secrets Manager secret; iam: an ElastiCache user and user group with IAM authentication (the task role gets elasticache:Connect). token and iam need encryption.inTransit.","type":"string","enum":["none","token","iam"],"default":"token"},"snapshotRetentionDays":{"description":"Days automatic snapshots are kept, 0 (no snapshots) to 35.","type":"integer","default":1,"minimum":0,"maximum":35},"snapshotWindow":{"description":"Daily UTC time range for automatic snapshots, hh24:mi-hh24:mi (e.g. 03:00-04:00). AWS picks one when absent.","type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$","x-error":"a UTC time range such as 03:00-04:00"},"maintenanceWindow":{"description":"Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi (e.g. sun:05:00-sun:06:00). AWS picks one when absent.","type":"string","pattern":"^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]$","x-error":"a weekly UTC window such as sun:05:00-sun:06:00"},"allowedCidrs":{"description":"Extra CIDR blocks allowed to reach Redis (for example a bastion subnet), besides the game server's security group. 0.0.0.0/0 and ::/0 are never allowed.","type":"array","default":[],"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/$defs/Cidr"},"x-kubernetes-validations":[{"rule":"self.all(c, !c.endsWith('/0'))","message":"0.0.0.0/0 can never reach Redis or the game port"}]},"allowReplacement":{"description":"Opt in to replacing the replication group when an immutable field (port, encryption.atRest, engine, subnet group) changes: gamectl takes a final snapshot and creates the new group from it. Without it such changes are blocked.","type":"boolean","default":false},"finalSnapshot":{"description":"Take a final snapshot before the replication group is deleted or replaced.","type":"boolean","default":true}},"x-kubernetes-validations":[{"rule":"!has(self.multiAZ) || !self.multiAZ || (has(self.replicasPerShard) && self.replicasPerShard >= 1)","message":"multiAZ needs replicasPerShard >= 1"}]},"DynamoDbSpec":{"title":"DynamoDbSpec","description":"DynamoDB tables for players, game history and game state. Absent: no tables.","type":"object","additionalProperties":false,"required":["tables"],"properties":{"billingMode":{"description":"How every table is billed. PROVISIONED needs provisionedThroughput here or on every table and index.","type":"string","enum":["PAY_PER_REQUEST","PROVISIONED"],"default":"PAY_PER_REQUEST"},"provisionedThroughput":{"description":"Default read and write capacity of every table and index when billingMode is PROVISIONED.","$ref":"#/$defs/ProvisionedThroughput"},"pointInTimeRecovery":{"description":"Point-in-time recovery for every table, unless a table overrides it.","type":"boolean","default":true},"sse":{"title":"TableEncryption","description":"Server-side encryption of every table.","type":"object","default":{},"additionalProperties":false,"properties":{"type":{"description":"AWS_OWNED: a key owned by DynamoDB, at no cost. KMS: a KMS key, the AWS managed aws/dynamodb key or kmsKeyArn.","type":"string","enum":["AWS_OWNED","KMS"],"default":"AWS_OWNED"},"kmsKeyArn":{"description":"A customer managed KMS key, only with type KMS.","type":"string","maxLength":2048,"pattern":"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$","x-error":"a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666"}}},"tables":{"description":"The tables, by logical name. Each becomes <namespace>-<environment>-<name> in AWS.","type":"array","minItems":1,"maxItems":100,"items":{"$ref":"#/$defs/TableSpec"}}}},"CognitoSpec":{"title":"CognitoSpec","description":"Player accounts: an Amazon Cognito user pool, the game's public app client and optionally a hosted-UI domain. The pool holds every player's account, so it follows deletionPolicy like a table. Absent: no user pool (the game server uses development tokens).","type":"object","additionalProperties":false,"properties":{"userPool":{"$ref":"#/$defs/CognitoUserPoolSpec","default":{}},"appClient":{"$ref":"#/$defs/CognitoAppClientSpec","default":{}},"domain":{"$ref":"#/$defs/CognitoDomainSpec"}}},"CognitoUserPoolSpec":{"title":"CognitoUserPoolSpec","description":"The user pool players sign up in and sign in to.","type":"object","additionalProperties":false,"properties":{"signInAttribute":{"description":"What players sign in with: a username, or their email address. Immutable: Cognito cannot change it on an existing pool (replacing the pool loses every account; see allowReplacement).","type":"string","enum":["username","email"],"default":"username"},"passwordPolicy":{"title":"CognitoPasswordPolicy","description":"What a password must contain.","type":"object","additionalProperties":false,"default":{},"properties":{"minimumLength":{"description":"The minimum length, 6 to 99.","type":"integer","minimum":6,"maximum":99,"default":8},"requireLowercase":{"description":"At least one lowercase letter.","type":"boolean","default":true},"requireUppercase":{"description":"At least one uppercase letter.","type":"boolean","default":true},"requireNumbers":{"description":"At least one digit.","type":"boolean","default":true},"requireSymbols":{"description":"At least one symbol.","type":"boolean","default":false},"temporaryPasswordValidityDays":{"description":"How long a temporary password set by an administrator is valid, in days.","type":"integer","minimum":0,"maximum":365,"default":7}}},"mfa":{"description":"Multi-factor authentication with an authenticator app (TOTP): off, optional (players may turn it on) or required.","type":"string","enum":["off","optional","required"],"default":"off"},"accountRecovery":{"description":"How a player who forgot their password recovers the account: email (a code to their verified email) or admin-only (an administrator resets it).","type":"string","enum":["email","admin-only"],"default":"email"},"verifyEmail":{"description":"Send each new player a code to their email, which they enter to confirm the sign-up (production). false: no code is sent and the deployed game server confirms players itself (development only; its task role may then call AdminConfirmSignUp on this pool).","type":"boolean","default":true},"deletionProtection":{"description":"Cognito refuses to delete the pool while this is on; gamectl then never deletes it, even with deletionPolicy Delete, until it is turned off here.","type":"boolean","default":true},"customAttributes":{"description":"Custom player attributes (custom:<name> in tokens). Attributes can be added to an existing pool, but Cognito can neither remove nor change one: the plan blocks that.","type":"array","default":[],"maxItems":50,"items":{"title":"CognitoCustomAttribute","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"description":"The name without custom:, 1 to 20 letters, digits or _.","type":"string","pattern":"^[A-Za-z0-9_]{1,20}$","x-error":"1 to 20 letters, digits or _, such as favouriteMap"},"type":{"description":"String or Number.","type":"string","enum":["String","Number"],"default":"String"},"mutable":{"description":"Whether the value can change after sign-up.","type":"boolean","default":true},"minLength":{"description":"String: the minimum length.","type":"integer","minimum":0,"maximum":2048},"maxLength":{"description":"String: the maximum length.","type":"integer","minimum":0,"maximum":2048},"minValue":{"description":"Number: the minimum value.","type":"integer"},"maxValue":{"description":"Number: the maximum value.","type":"integer"}}}},"allowReplacement":{"description":"Opt in to replacing the user pool when an immutable field (signInAttribute, a custom attribute removed or changed) changes. A new pool starts empty: every player account is lost. Honoured only with deletionPolicy Delete; under Retain such changes are always blocked.","type":"boolean","default":false}}},"CognitoAppClientSpec":{"title":"CognitoAppClientSpec","description":"The game's app client: public (no secret), for the browser and the game server's sign-in endpoint. Refresh tokens are always allowed.","type":"object","additionalProperties":false,"properties":{"authFlows":{"description":"How players sign in: USER_PASSWORD_AUTH (the password goes to Cognito over TLS; the game server's /players/sign-in uses it) and/or USER_SRP_AUTH (Secure Remote Password, from a browser SDK).","type":"array","minItems":1,"uniqueItems":true,"default":["USER_PASSWORD_AUTH"],"items":{"type":"string","enum":["USER_PASSWORD_AUTH","USER_SRP_AUTH"]}},"accessTokenValidityMinutes":{"description":"How long access tokens are valid, in minutes (Cognito allows 5 to 1440).","type":"integer","minimum":5,"maximum":1440,"default":60},"idTokenValidityMinutes":{"description":"How long ID tokens are valid, in minutes (Cognito allows 5 to 1440).","type":"integer","minimum":5,"maximum":1440,"default":60},"refreshTokenValidityDays":{"description":"How long refresh tokens are valid, in days (1 to 3650).","type":"integer","minimum":1,"maximum":3650,"default":30},"preventUserExistenceErrors":{"description":"Answer a sign-in or recovery for an unknown user as for a wrong password, so nobody can probe which accounts exist.","type":"boolean","default":true}}},"CognitoDomainSpec":{"title":"CognitoDomainSpec","description":"A hosted-UI domain, <prefix>.auth.<region>.amazoncognito.com. Absent: no domain.","type":"object","additionalProperties":false,"required":["prefix"],"properties":{"prefix":{"description":"The domain prefix: lowercase letters, digits and -, unique in the region; it may not contain aws, amazon or cognito. Changing it replaces the domain.","type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$","x-error":"lowercase letters, digits and - such as arena-players"}}},"TableSpec":{"title":"TableSpec","description":"A DynamoDB table.","type":"object","additionalProperties":false,"required":["name","partitionKey"],"properties":{"name":{"description":"The table's logical name, unique in the environment: letters, digits, '_', '.' and '-'. The physical name adds the environment prefix.","type":"string","minLength":1,"maxLength":128,"pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","x-error":"a table name of letters, digits, '_', '.' and '-', such as game-history"},"partitionKey":{"description":"The partition (hash) key. Immutable.","$ref":"#/$defs/KeyAttribute"},"sortKey":{"description":"The optional sort (range) key. Immutable.","$ref":"#/$defs/KeyAttribute"},"ttlAttribute":{"description":"A Number attribute holding an epoch-seconds expiry time; DynamoDB deletes expired items.","type":"string","minLength":1,"maxLength":255},"deletionProtection":{"description":"DynamoDB deletion protection. A protected table is never deleted by gamectl.","type":"boolean","default":false},"pointInTimeRecovery":{"description":"Overrides dynamodb.pointInTimeRecovery for this table. Always set after loading.","type":"boolean","x-gamectl-resolved":true},"provisionedThroughput":{"description":"Overrides dynamodb.provisionedThroughput for this table (PROVISIONED only). Always set after loading when billingMode is PROVISIONED.","$ref":"#/$defs/ProvisionedThroughput"},"globalSecondaryIndexes":{"description":"Global secondary indexes, at most 20. DynamoDB creates or deletes one per pass.","type":"array","default":[],"maxItems":20,"items":{"$ref":"#/$defs/GlobalSecondaryIndexSpec"}}}},"GlobalSecondaryIndexSpec":{"title":"GlobalSecondaryIndexSpec","description":"A global secondary index.","type":"object","additionalProperties":false,"required":["name","partitionKey"],"properties":{"name":{"description":"The index name, unique within its table: 3 to 255 letters, digits, '_', '.' and '-'.","type":"string","minLength":3,"maxLength":255,"pattern":"^[A-Za-z0-9_.-]+$","x-error":"an index name of 3 to 255 letters, digits, '_', '.' and '-', such as by-player"},"partitionKey":{"description":"The index's partition key.","$ref":"#/$defs/KeyAttribute"},"sortKey":{"description":"The index's optional sort key.","$ref":"#/$defs/KeyAttribute"},"projection":{"description":"Which attributes the index copies: ALL, KEYS_ONLY, or INCLUDE (the keys plus nonKeyAttributes).","type":"string","enum":["ALL","KEYS_ONLY","INCLUDE"],"default":"ALL"},"nonKeyAttributes":{"description":"The attributes projected besides the keys, only with projection INCLUDE.","type":"array","maxItems":100,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":255}},"provisionedThroughput":{"description":"Overrides the table's throughput for this index (PROVISIONED only). Always set after loading when billingMode is PROVISIONED.","$ref":"#/$defs/ProvisionedThroughput"}}},"KeyAttribute":{"title":"KeyAttribute","description":"A key attribute: its name and scalar type.","type":"object","additionalProperties":false,"required":["name","type"],"properties":{"name":{"description":"The attribute name.","type":"string","minLength":1,"maxLength":255},"type":{"description":"The attribute type: S (string), N (number) or B (binary).","type":"string","enum":["S","N","B"]}}},"ProvisionedThroughput":{"title":"ProvisionedThroughput","description":"Provisioned read and write capacity units.","type":"object","additionalProperties":false,"required":["readCapacityUnits","writeCapacityUnits"],"properties":{"readCapacityUnits":{"description":"Read capacity units, at least 1.","type":"integer","minimum":1,"maximum":1000000},"writeCapacityUnits":{"description":"Write capacity units, at least 1.","type":"integer","minimum":1,"maximum":1000000}}},"VpcEndpointsSpec":{"title":"VpcEndpointsSpec","description":"VPC endpoints so the game server reaches AWS services without a NAT gateway. Absent: no endpoints.","type":"object","additionalProperties":false,"properties":{"gateway":{"description":"Gateway endpoints, attached to network.privateRouteTableIds: dynamodb and/or s3.","type":"array","default":[],"maxItems":2,"uniqueItems":true,"items":{"type":"string","enum":["dynamodb","s3"]}},"interface":{"description":"Interface endpoints by service name (e.g. elasticache, logs, monitoring, ecr.api, ecr.dkr, sts), in the private subnets with private DNS, admitting 443 from the game server's security group only.","type":"array","default":[],"maxItems":30,"uniqueItems":true,"items":{"type":"string","maxLength":64,"pattern":"^[a-z0-9]+([.-][a-z0-9]+)*$","x-error":"an AWS service's endpoint name such as logs or ecr.api"}}}},"LoadBalancerSpec":{"title":"LoadBalancerSpec","description":"An Application Load Balancer with a target group (target type ip) for the game server; it carries WebSockets. Absent: no load balancer.","type":"object","additionalProperties":false,"properties":{"scheme":{"description":"internet-facing (in the public subnets) or internal (in the private subnets).","type":"string","enum":["internet-facing","internal"],"default":"internet-facing"},"allowedCidrs":{"description":"CIDR blocks allowed to reach the listener ports.","type":"array","default":["0.0.0.0/0"],"minItems":1,"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/$defs/Cidr"}},"idleTimeoutSeconds":{"description":"Seconds an idle connection (including a quiet WebSocket) stays open, 1 to 4000.","type":"integer","default":120,"minimum":1,"maximum":4000},"deletionProtection":{"description":"ALB deletion protection. Defaults to true when spec.tags.stage is prod. Always set after loading.","type":"boolean","x-gamectl-resolved":true},"http2":{"description":"Enable HTTP/2 on the load balancer.","type":"boolean","default":true},"dropInvalidHeaderFields":{"description":"Drop HTTP headers with invalid names instead of forwarding them.","type":"boolean","default":true},"listeners":{"description":"The listeners, one per port.","type":"array","default":[{"port":80,"protocol":"HTTP"}],"minItems":1,"maxItems":10,"items":{"$ref":"#/$defs/ListenerSpec"}},"healthCheck":{"title":"HealthCheckSpec","description":"The target group's HTTP health check on gameServer.healthCheckPath.","type":"object","default":{},"additionalProperties":false,"properties":{"intervalSeconds":{"description":"Seconds between health checks, 5 to 300.","type":"integer","default":15,"minimum":5,"maximum":300},"timeoutSeconds":{"description":"Seconds to wait for a response, 2 to 120, less than intervalSeconds.","type":"integer","default":5,"minimum":2,"maximum":120},"healthyThreshold":{"description":"Consecutive successes before a target is healthy, 2 to 10.","type":"integer","default":2,"minimum":2,"maximum":10},"unhealthyThreshold":{"description":"Consecutive failures before a target is unhealthy, 2 to 10.","type":"integer","default":3,"minimum":2,"maximum":10},"matcher":{"description":"HTTP codes that count as healthy, e.g. 200 or 200-299.","type":"string","default":"200","pattern":"^[0-9]{3}([,-][0-9]{3})*$","x-error":"HTTP status codes such as 200 or 200-299"}}},"stickiness":{"title":"StickinessSpec","description":"Load-balancer cookie stickiness. Colyseus rooms do not need it: a WebSocket stays on its target.","type":"object","default":{},"additionalProperties":false,"properties":{"enabled":{"description":"Enable lb_cookie stickiness.","type":"boolean","default":false},"durationSeconds":{"description":"Cookie lifetime in seconds, 1 to 604800.","type":"integer","default":86400,"minimum":1,"maximum":604800}}},"deregistrationDelaySeconds":{"description":"Seconds a deregistering target keeps its connections, 0 to 3600.","type":"integer","default":30,"minimum":0,"maximum":3600}}},"ListenerSpec":{"title":"ListenerSpec","description":"A load-balancer listener.","type":"object","additionalProperties":false,"required":["port","protocol"],"properties":{"port":{"description":"The listener port.","$ref":"#/$defs/Port"},"protocol":{"description":"HTTP or HTTPS.","type":"string","enum":["HTTP","HTTPS"]},"certificateArn":{"description":"The ACM certificate of an HTTPS listener (required for HTTPS).","type":"string","maxLength":2048,"pattern":"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$","x-error":"an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"},"sslPolicy":{"description":"The TLS policy of an HTTPS listener. Defaults to ELBSecurityPolicy-TLS13-1-2-2021-06 for HTTPS; always set after loading for HTTPS listeners.","type":"string","maxLength":128,"pattern":"^ELBSecurityPolicy-[A-Za-z0-9-]+$","x-error":"an ELB security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06"},"redirectToHttps":{"description":"On an HTTP listener: redirect every request to the HTTPS listener (301) instead of forwarding it. Needs an HTTPS listener.","type":"boolean","default":false}},"x-kubernetes-validations":[{"rule":"self.protocol != 'HTTPS' || has(self.certificateArn)","message":"an HTTPS listener needs certificateArn"},{"rule":"self.protocol == 'HTTPS' || !has(self.certificateArn)","message":"certificateArn is only used by an HTTPS listener"}]},"IamSpec":{"title":"IamSpec","description":"The game server's IAM task role.","type":"object","additionalProperties":false,"properties":{"taskRole":{"title":"TaskRoleSpec","description":"Either {create: true}: gamectl creates a role trusted by ecs-tasks.amazonaws.com; or {existingRoleName: NAME}: gamectl only puts its inline policy on that role and leaves the trust policy alone.","type":"object","default":{"create":true},"additionalProperties":false,"properties":{"create":{"description":"Create and own the task role. Always set after loading: false when existingRoleName is given.","type":"boolean","x-gamectl-resolved":true},"existingRoleName":{"description":"An existing role to put gamectl's inline policy on, instead of creating one.","type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9+=,.@_-]+$","x-error":"an IAM role name such as arena-task"}}}}},"AlarmsSpec":{"title":"AlarmsSpec","description":"CloudWatch alarms. Absent: no alarms.","type":"object","additionalProperties":false,"properties":{"sessionCreationLatencyMs":{"description":"Threshold of the SessionCreationLatency alarm (namespace GameMetrics, average over 2 periods of 60 s), in milliseconds.","type":"integer","default":1000,"minimum":1,"maximum":600000},"snsTopicArn":{"description":"The SNS topic the alarm notifies. When absent gamectl creates one.","type":"string","maxLength":1024,"pattern":"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$","x-error":"an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:arena-alerts"}}},"ObservabilitySpec":{"description":"Traces of the game server in X-Ray, and a CloudWatch dashboard of the environment.","type":"object","additionalProperties":false,"properties":{"tracing":{"description":"OpenTelemetry traces from the game server (HTTP, WebSocket joins, matchmaking, Redis, DynamoDB), sent over OTLP to the ADOT collector sidecar, which forwards them to X-Ray.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"Run the collector sidecar and point the server at it (OTEL_EXPORTER_OTLP_ENDPOINT). Off: no sidecar, no exporter, no X-Ray grant.","type":"boolean","default":false},"sampleRate":{"description":"Fraction of new traces kept, from 0 to 1 (the server's OTEL_TRACES_SAMPLER_ARG). A request carrying a sampled X-Amzn-Trace-Id or traceparent keeps its caller's decision.","type":"number","minimum":0,"maximum":1,"default":0.05}},"default":{}},"dashboard":{"description":"A CloudWatch dashboard named after the environment (gameServerName's prefix + -dashboard): the four game metrics (SessionCreationLatency with the alarm's threshold), the load balancer's requests, 5xx and response time, Redis CPU, memory and evictions, and each table's consumed capacity and throttles. gamectl repairs edits made to it by hand.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"Create and keep the dashboard; turning it off deletes it.","type":"boolean","default":false}},"default":{}}}},"VpcId":{"type":"string","maxLength":21,"pattern":"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$","x-error":"a VPC ID such as vpc-0a1b2c3d4e5f60718"},"SubnetId":{"description":"A subnet ID, e.g. subnet-0a1b2c3d4e5f60001.","type":"string","maxLength":24,"pattern":"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$","x-error":"a subnet ID such as subnet-0a1b2c3d4e5f60001"},"RouteTableId":{"description":"A route table ID, e.g. rtb-0a1b2c3d4e5f60005.","type":"string","maxLength":21,"pattern":"^rtb-([0-9a-f]{8}|[0-9a-f]{17})$","x-error":"a route table ID such as rtb-0a1b2c3d4e5f60005"},"Cidr":{"description":"An IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16.","type":"string","maxLength":43,"pattern":"^[0-9A-Fa-f:.]+/[0-9]{1,3}$","x-error":"a CIDR block such as 10.0.0.0/16"},"Port":{"type":"integer","minimum":1,"maximum":65535},"GameEnvironmentStatus":{"title":"GameEnvironmentStatus","description":"What gamectl last observed and did. Written by the controller (the status subresource, or a status file in folder mode); never edited by hand.","type":"object","additionalProperties":false,"properties":{"observedGeneration":{"description":"The metadata.generation the status describes.","type":"integer","minimum":0},"phase":{"description":"A one-word summary: Pending, Provisioning, Ready, Degraded, Deleting or Failed.","type":"string","enum":["Pending","Provisioning","Ready","Degraded","Deleting","Failed"]},"conditions":{"description":"kstatus-compatible conditions: Ready, Synced, Progressing and Degraded.","type":"array","maxItems":16,"items":{"$ref":"#/$defs/Condition"}},"resources":{"description":"One entry per AWS resource of the environment.","type":"array","maxItems":500,"items":{"$ref":"#/$defs/ResourceStatusEntry"}},"outputs":{"$ref":"#/$defs/EnvironmentOutputs"},"lastPlan":{"$ref":"#/$defs/PlanSummary"},"message":{"description":"A human-readable summary of the last reconcile, e.g. the error that stopped it.","type":"string","maxLength":4096}}},"Condition":{"title":"Condition","description":"A kstatus-compatible condition.","type":"object","additionalProperties":false,"required":["type","status"],"properties":{"type":{"description":"The condition type: Ready, Synced, Progressing or Degraded.","type":"string","maxLength":64},"status":{"description":"True, False or Unknown.","type":"string","enum":["True","False","Unknown"]},"reason":{"description":"A CamelCase reason, e.g. Converged or WaitingForResources.","type":"string","maxLength":128},"message":{"description":"A human-readable explanation.","type":"string","maxLength":4096},"lastTransitionTime":{"description":"When status last changed (RFC 3339).","type":"string","format":"date-time"},"observedGeneration":{"description":"The metadata.generation the condition describes.","type":"integer","minimum":0}}},"ResourceStatusEntry":{"title":"ResourceStatusEntry","description":"The observed state of one AWS resource.","type":"object","additionalProperties":false,"required":["kind","name","state"],"properties":{"kind":{"description":"The resource kind, e.g. DynamoDBTable or ReplicationGroup.","type":"string","maxLength":64},"name":{"description":"The logical name in the manifest.","type":"string","maxLength":255},"id":{"description":"The physical ID or ARN in AWS.","type":"string","maxLength":2048},"state":{"description":"gamectl's state of the resource, e.g. Ready, Pending, Blocked, Failed, Retained.","type":"string","maxLength":64},"lastObservedTime":{"description":"When the resource was last observed (RFC 3339).","type":"string","format":"date-time"},"message":{"description":"Details, e.g. AWS's state or an asynchronous failure.","type":"string","maxLength":4096}}},"PlanSummary":{"title":"PlanSummary","description":"A summary of the last plan.","type":"object","additionalProperties":false,"properties":{"add":{"description":"Resources to create.","type":"integer","minimum":0},"change":{"description":"Resources to change in place.","type":"integer","minimum":0},"destroy":{"description":"Resources to delete (a replacement counts here and in add).","type":"integer","minimum":0},"blocked":{"description":"Changes refused because the field is immutable without an opt-in.","type":"integer","minimum":0},"text":{"description":"The rendered plan.","type":"string","maxLength":32768}}},"EnvironmentOutputs":{"title":"EnvironmentOutputs","description":"What the game server needs to connect: endpoints, names and ARNs. Also written to the ConfigMap <name>-outputs.","type":"object","additionalProperties":false,"required":["tables","securityGroups","vpcEndpoints"],"properties":{"redis":{"title":"RedisOutputs","description":"How to reach Redis.","type":"object","additionalProperties":false,"required":["primaryEndpoint","readerEndpoint","port","tls","authMode"],"properties":{"primaryEndpoint":{"description":"The primary (or cluster configuration) endpoint's host name.","type":"string","maxLength":255},"readerEndpoint":{"description":"The reader endpoint's host name.","type":"string","maxLength":255},"port":{"description":"The Redis port.","type":"integer","minimum":1,"maximum":65535},"tls":{"description":"Whether clients must use TLS.","type":"boolean"},"authMode":{"description":"none, token or iam.","type":"string","enum":["none","token","iam"]},"secretArn":{"description":"The Secrets Manager secret holding the AUTH token (authMode token).","type":"string","maxLength":2048},"userGroupId":{"description":"The ElastiCache user group (authMode iam).","type":"string","maxLength":255},"userId":{"description":"The ElastiCache user, also the IAM auth user name (authMode iam).","type":"string","maxLength":255}}},"loadBalancer":{"title":"LoadBalancerOutputs","description":"The load balancer.","type":"object","additionalProperties":false,"required":["dnsName","arn"],"properties":{"dnsName":{"description":"The DNS name clients connect to.","type":"string","maxLength":255},"arn":{"description":"The load balancer's ARN.","type":"string","maxLength":2048}}},"targetGroupArn":{"description":"The game server's target group.","type":"string","maxLength":2048},"tables":{"description":"Tables by logical name.","type":"object","default":{},"additionalProperties":{"title":"TableOutput","type":"object","additionalProperties":false,"required":["name","arn"],"properties":{"name":{"description":"The physical table name.","type":"string","maxLength":255},"arn":{"description":"The table's ARN.","type":"string","maxLength":2048}}}},"cognito":{"title":"CognitoOutputs","description":"The user pool players sign in with.","type":"object","additionalProperties":false,"required":["userPoolId","userPoolArn","clientId","issuer","jwksUri"],"properties":{"userPoolId":{"description":"The user pool's id (COGNITO_USER_POOL_ID).","type":"string","maxLength":55},"userPoolArn":{"description":"The user pool's ARN.","type":"string","maxLength":2048},"clientId":{"description":"The game's public app client (COGNITO_CLIENT_ID).","type":"string","maxLength":128},"issuer":{"description":"The iss claim of the pool's tokens (COGNITO_ISSUER).","type":"string","maxLength":2048},"jwksUri":{"description":"Where the pool's signing keys are published (COGNITO_JWKS_URI).","type":"string","maxLength":2048},"domain":{"description":"The hosted UI's domain, when spec.cognito.domain is set.","type":"string","maxLength":255}}},"taskRoleArn":{"description":"The game server's task role.","type":"string","maxLength":2048},"gameServer":{"title":"GameServerOutputs","description":"Deploy mode: where the game server runs and what its tasks are started from.","type":"object","additionalProperties":false,"required":["cluster","service","taskDefinitionArn","logGroupName"],"properties":{"cluster":{"description":"The ECS cluster's name.","type":"string","maxLength":255},"service":{"description":"The ECS service's name.","type":"string","maxLength":255},"taskDefinitionArn":{"description":"The task-definition revision the service runs.","type":"string","maxLength":2048},"logGroupName":{"description":"The CloudWatch Logs group of the containers.","type":"string","maxLength":512},"executionRoleArn":{"description":"The task execution role.","type":"string","maxLength":2048}}},"securityGroups":{"title":"SecurityGroupOutputs","description":"Security group IDs by component.","type":"object","default":{},"additionalProperties":false,"properties":{"alb":{"description":"The load balancer's group.","type":"string","maxLength":64},"app":{"description":"The game server's group; attach it to the game server's tasks.","type":"string","maxLength":64},"redis":{"description":"Redis's group.","type":"string","maxLength":64},"endpoints":{"description":"The interface endpoints' group.","type":"string","maxLength":64}}},"vpcEndpoints":{"description":"VPC endpoint IDs by service name.","type":"object","default":{},"additionalProperties":{"type":"string","maxLength":64}},"alarmArn":{"description":"The SessionCreationLatency alarm.","type":"string","maxLength":2048},"snsTopicArn":{"description":"The topic the alarm notifies.","type":"string","maxLength":2048}}}}};
const schema32 = {"title":"GameEnvironmentMetadata","description":"Identifies the environment. namespace/name is unique and prefixes every AWS resource name.","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"description":"The environment's name: a DNS-1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit) of at most 30 characters.","type":"string","minLength":1,"maxLength":30,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","x-error":"a DNS-1123 label (lowercase letters, digits and '-') such as arena-prod"},"namespace":{"description":"The Kubernetes namespace; outside Kubernetes it only scopes the name. A DNS-1123 label of at most 63 characters.","type":"string","default":"default","minLength":1,"maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","x-error":"a DNS-1123 label such as games"},"labels":{"description":"Kubernetes labels. gamectl does not interpret them.","type":"object","additionalProperties":{"type":"string"}},"annotations":{"description":"Kubernetes annotations. gamectl reads gamectl.dev/paused (\"true\": make no AWS calls), gamectl.dev/refresh (a new value triggers a resync) and gamectl.dev/management-policy (observe-only: report drift, change nothing).","type":"object","additionalProperties":{"type":"string"}}}};
const func1 = ajvRuntime_ucs2length.default;
const pattern4 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const schema33 = {"title":"GameEnvironmentSpec","description":"The desired AWS backend. network is required; every section after it is optional, and an absent section means that part of the backend is not created.","type":"object","additionalProperties":false,"required":["region","network"],"properties":{"region":{"description":"The AWS region every resource lives in, e.g. us-east-1.","type":"string","maxLength":32,"pattern":"^[a-z]{2}(-[a-z]+)+-[0-9]$","x-error":"an AWS region such as us-east-1"},"accountId":{"description":"Optional guard: the 12-digit AWS account ID gamectl must be running in. When set, gamectl checks the caller's account with STS before any write and refuses to act in any other account.","type":"string","pattern":"^[0-9]{12}$","x-error":"a 12-digit AWS account ID in quotes, such as \"123456789012\""},"tags":{"description":"Tags put on every AWS resource, in addition to gamectl's ownership tags (gamectl.dev/environment, gamectl.dev/component, gamectl.dev/managed-by). Keys may not start with aws: or gamectl.dev/.","type":"object","default":{},"maxProperties":40,"additionalProperties":{"type":"string","maxLength":256}},"adopt":{"description":"Take over existing resources with gamectl's deterministic names that lack gamectl's ownership tags. When false, such resources are never modified or deleted, and the plan says so.","type":"boolean","default":false},"deletionPolicy":{"description":"What happens to data-holding resources (DynamoDB tables, Redis and the Cognito user pool) when the environment is deleted. Retain leaves them in the account; Delete removes them (a table with deletionProtection is still never deleted).","type":"string","enum":["Retain","Delete"],"default":"Retain"},"network":{"$ref":"#/$defs/NetworkSpec"},"gameServer":{"$ref":"#/$defs/GameServerSpec","default":{}},"redis":{"$ref":"#/$defs/RedisSpec"},"dynamodb":{"$ref":"#/$defs/DynamoDbSpec"},"cognito":{"$ref":"#/$defs/CognitoSpec"},"vpcEndpoints":{"$ref":"#/$defs/VpcEndpointsSpec"},"loadBalancer":{"$ref":"#/$defs/LoadBalancerSpec"},"iam":{"$ref":"#/$defs/IamSpec","default":{}},"alarms":{"$ref":"#/$defs/AlarmsSpec"},"observability":{"$ref":"#/$defs/ObservabilitySpec","default":{}}}};
const schema60 = {"title":"VpcEndpointsSpec","description":"VPC endpoints so the game server reaches AWS services without a NAT gateway. Absent: no endpoints.","type":"object","additionalProperties":false,"properties":{"gateway":{"description":"Gateway endpoints, attached to network.privateRouteTableIds: dynamodb and/or s3.","type":"array","default":[],"maxItems":2,"uniqueItems":true,"items":{"type":"string","enum":["dynamodb","s3"]}},"interface":{"description":"Interface endpoints by service name (e.g. elasticache, logs, monitoring, ecr.api, ecr.dkr, sts), in the private subnets with private DNS, admitting 443 from the game server's security group only.","type":"array","default":[],"maxItems":30,"uniqueItems":true,"items":{"type":"string","maxLength":64,"pattern":"^[a-z0-9]+([.-][a-z0-9]+)*$","x-error":"an AWS service's endpoint name such as logs or ecr.api"}}}};
const schema65 = {"title":"IamSpec","description":"The game server's IAM task role.","type":"object","additionalProperties":false,"properties":{"taskRole":{"title":"TaskRoleSpec","description":"Either {create: true}: gamectl creates a role trusted by ecs-tasks.amazonaws.com; or {existingRoleName: NAME}: gamectl only puts its inline policy on that role and leaves the trust policy alone.","type":"object","default":{"create":true},"additionalProperties":false,"properties":{"create":{"description":"Create and own the task role. Always set after loading: false when existingRoleName is given.","type":"boolean","x-gamectl-resolved":true},"existingRoleName":{"description":"An existing role to put gamectl's inline policy on, instead of creating one.","type":"string","minLength":1,"maxLength":64,"pattern":"^[A-Za-z0-9+=,.@_-]+$","x-error":"an IAM role name such as arena-task"}}}}};
const schema66 = {"title":"AlarmsSpec","description":"CloudWatch alarms. Absent: no alarms.","type":"object","additionalProperties":false,"properties":{"sessionCreationLatencyMs":{"description":"Threshold of the SessionCreationLatency alarm (namespace GameMetrics, average over 2 periods of 60 s), in milliseconds.","type":"integer","default":1000,"minimum":1,"maximum":600000},"snsTopicArn":{"description":"The SNS topic the alarm notifies. When absent gamectl creates one.","type":"string","maxLength":1024,"pattern":"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$","x-error":"an SNS topic ARN such as arn:aws:sns:us-east-1:123456789012:arena-alerts"}}};
const schema67 = {"description":"Traces of the game server in X-Ray, and a CloudWatch dashboard of the environment.","type":"object","additionalProperties":false,"properties":{"tracing":{"description":"OpenTelemetry traces from the game server (HTTP, WebSocket joins, matchmaking, Redis, DynamoDB), sent over OTLP to the ADOT collector sidecar, which forwards them to X-Ray.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"Run the collector sidecar and point the server at it (OTEL_EXPORTER_OTLP_ENDPOINT). Off: no sidecar, no exporter, no X-Ray grant.","type":"boolean","default":false},"sampleRate":{"description":"Fraction of new traces kept, from 0 to 1 (the server's OTEL_TRACES_SAMPLER_ARG). A request carrying a sampled X-Amzn-Trace-Id or traceparent keeps its caller's decision.","type":"number","minimum":0,"maximum":1,"default":0.05}},"default":{}},"dashboard":{"description":"A CloudWatch dashboard named after the environment (gameServerName's prefix + -dashboard): the four game metrics (SessionCreationLatency with the alarm's threshold), the load balancer's requests, 5xx and response time, Redis CPU, memory and evictions, and each table's consumed capacity and throttles. gamectl repairs edits made to it by hand.","type":"object","additionalProperties":false,"properties":{"enabled":{"description":"Create and keep the dashboard; turning it off deletes it.","type":"boolean","default":false}},"default":{}}}};
const func5 = Object.prototype.hasOwnProperty;
const pattern6 = new RegExp("^[a-z]{2}(-[a-z]+)+-[0-9]$", "u");
const pattern7 = new RegExp("^[0-9]{12}$", "u");
const pattern31 = new RegExp("^[a-z0-9]+([.-][a-z0-9]+)*$", "u");
const pattern36 = new RegExp("^[A-Za-z0-9+=,.@_-]+$", "u");
const pattern37 = new RegExp("^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$", "u");
const schema34 = {"title":"NetworkSpec","description":"The existing VPC the environment is placed in. gamectl never creates or changes the VPC, its subnets or its route tables.","type":"object","additionalProperties":false,"required":["vpcId","privateSubnetIds"],"properties":{"vpcId":{"description":"The VPC's ID, e.g. vpc-0a1b2c3d4e5f60718.","$ref":"#/$defs/VpcId"},"privateSubnetIds":{"description":"Private subnets for Redis, interface endpoints and an internal load balancer. Use subnets in at least two Availability Zones for multiAZ Redis or a load balancer.","type":"array","minItems":1,"maxItems":16,"uniqueItems":true,"items":{"$ref":"#/$defs/SubnetId"}},"publicSubnetIds":{"description":"Public subnets for an internet-facing load balancer, in at least two Availability Zones.","type":"array","default":[],"maxItems":16,"uniqueItems":true,"items":{"$ref":"#/$defs/SubnetId"}},"privateRouteTableIds":{"description":"The private subnets' route tables; gateway VPC endpoints (DynamoDB) are attached to them.","type":"array","default":[],"maxItems":16,"uniqueItems":true,"items":{"$ref":"#/$defs/RouteTableId"}}}};
const schema35 = {"type":"string","maxLength":21,"pattern":"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$","x-error":"a VPC ID such as vpc-0a1b2c3d4e5f60718"};
const schema36 = {"description":"A subnet ID, e.g. subnet-0a1b2c3d4e5f60001.","type":"string","maxLength":24,"pattern":"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$","x-error":"a subnet ID such as subnet-0a1b2c3d4e5f60001"};
const schema38 = {"description":"A route table ID, e.g. rtb-0a1b2c3d4e5f60005.","type":"string","maxLength":21,"pattern":"^rtb-([0-9a-f]{8}|[0-9a-f]{17})$","x-error":"a route table ID such as rtb-0a1b2c3d4e5f60005"};
const func0 = ajvRuntime_equal.default;
const pattern8 = new RegExp("^vpc-([0-9a-f]{8}|[0-9a-f]{17})$", "u");
const pattern9 = new RegExp("^subnet-([0-9a-f]{8}|[0-9a-f]{17})$", "u");
const pattern11 = new RegExp("^rtb-([0-9a-f]{8}|[0-9a-f]{17})$", "u");

function validate22(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate22.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.publicSubnetIds === undefined){
data.publicSubnetIds = [];
}
if(data.privateRouteTableIds === undefined){
data.privateRouteTableIds = [];
}
if(data.vpcId === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "vpcId"},message:"must have required property '"+"vpcId"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.privateSubnetIds === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "privateSubnetIds"},message:"must have required property '"+"privateSubnetIds"+"'",schema:schema34.required,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "vpcId") || (key0 === "privateSubnetIds")) || (key0 === "publicSubnetIds")) || (key0 === "privateRouteTableIds"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.vpcId !== undefined){
let data0 = data.vpcId;
if(typeof data0 === "string"){
if(func1(data0) > 21){
const err3 = {instancePath:instancePath+"/vpcId",schemaPath:"#/$defs/VpcId/maxLength",keyword:"maxLength",params:{limit: 21},message:"must NOT have more than 21 characters",schema:21,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern8.test(data0)){
const err4 = {instancePath:instancePath+"/vpcId",schemaPath:"#/$defs/VpcId/pattern",keyword:"pattern",params:{pattern: "^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"},message:"must match pattern \""+"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$"+"\"",schema:"^vpc-([0-9a-f]{8}|[0-9a-f]{17})$",parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/vpcId",schemaPath:"#/$defs/VpcId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.type,parentSchema:schema35,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.privateSubnetIds !== undefined){
let data1 = data.privateSubnetIds;
if(Array.isArray(data1)){
if(data1.length > 16){
const err6 = {instancePath:instancePath+"/privateSubnetIds",schemaPath:"#/properties/privateSubnetIds/maxItems",keyword:"maxItems",params:{limit: 16},message:"must NOT have more than 16 items",schema:16,parentSchema:schema34.properties.privateSubnetIds,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data1.length < 1){
const err7 = {instancePath:instancePath+"/privateSubnetIds",schemaPath:"#/properties/privateSubnetIds/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema34.properties.privateSubnetIds,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func1(data2) > 24){
const err8 = {instancePath:instancePath+"/privateSubnetIds/" + i0,schemaPath:"#/$defs/SubnetId/maxLength",keyword:"maxLength",params:{limit: 24},message:"must NOT have more than 24 characters",schema:24,parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern9.test(data2)){
const err9 = {instancePath:instancePath+"/privateSubnetIds/" + i0,schemaPath:"#/$defs/SubnetId/pattern",keyword:"pattern",params:{pattern: "^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"},message:"must match pattern \""+"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"+"\"",schema:"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$",parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/privateSubnetIds/" + i0,schemaPath:"#/$defs/SubnetId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err11 = {instancePath:instancePath+"/privateSubnetIds",schemaPath:"#/properties/privateSubnetIds/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema34.properties.privateSubnetIds,data:data1};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/privateSubnetIds",schemaPath:"#/properties/privateSubnetIds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.properties.privateSubnetIds.type,parentSchema:schema34.properties.privateSubnetIds,data:data1};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
let data3 = data.publicSubnetIds;
if(Array.isArray(data3)){
if(data3.length > 16){
const err13 = {instancePath:instancePath+"/publicSubnetIds",schemaPath:"#/properties/publicSubnetIds/maxItems",keyword:"maxItems",params:{limit: 16},message:"must NOT have more than 16 items",schema:16,parentSchema:schema34.properties.publicSubnetIds,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
const len1 = data3.length;
for(let i2=0; i2<len1; i2++){
let data4 = data3[i2];
if(typeof data4 === "string"){
if(func1(data4) > 24){
const err14 = {instancePath:instancePath+"/publicSubnetIds/" + i2,schemaPath:"#/$defs/SubnetId/maxLength",keyword:"maxLength",params:{limit: 24},message:"must NOT have more than 24 characters",schema:24,parentSchema:schema36,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(!pattern9.test(data4)){
const err15 = {instancePath:instancePath+"/publicSubnetIds/" + i2,schemaPath:"#/$defs/SubnetId/pattern",keyword:"pattern",params:{pattern: "^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"},message:"must match pattern \""+"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$"+"\"",schema:"^subnet-([0-9a-f]{8}|[0-9a-f]{17})$",parentSchema:schema36,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/publicSubnetIds/" + i2,schemaPath:"#/$defs/SubnetId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema36.type,parentSchema:schema36,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
let i3 = data3.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data3[i3], data3[j1])){
const err17 = {instancePath:instancePath+"/publicSubnetIds",schemaPath:"#/properties/publicSubnetIds/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema34.properties.publicSubnetIds,data:data3};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err18 = {instancePath:instancePath+"/publicSubnetIds",schemaPath:"#/properties/publicSubnetIds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.properties.publicSubnetIds.type,parentSchema:schema34.properties.publicSubnetIds,data:data3};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
let data5 = data.privateRouteTableIds;
if(Array.isArray(data5)){
if(data5.length > 16){
const err19 = {instancePath:instancePath+"/privateRouteTableIds",schemaPath:"#/properties/privateRouteTableIds/maxItems",keyword:"maxItems",params:{limit: 16},message:"must NOT have more than 16 items",schema:16,parentSchema:schema34.properties.privateRouteTableIds,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
const len2 = data5.length;
for(let i4=0; i4<len2; i4++){
let data6 = data5[i4];
if(typeof data6 === "string"){
if(func1(data6) > 21){
const err20 = {instancePath:instancePath+"/privateRouteTableIds/" + i4,schemaPath:"#/$defs/RouteTableId/maxLength",keyword:"maxLength",params:{limit: 21},message:"must NOT have more than 21 characters",schema:21,parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(!pattern11.test(data6)){
const err21 = {instancePath:instancePath+"/privateRouteTableIds/" + i4,schemaPath:"#/$defs/RouteTableId/pattern",keyword:"pattern",params:{pattern: "^rtb-([0-9a-f]{8}|[0-9a-f]{17})$"},message:"must match pattern \""+"^rtb-([0-9a-f]{8}|[0-9a-f]{17})$"+"\"",schema:"^rtb-([0-9a-f]{8}|[0-9a-f]{17})$",parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/privateRouteTableIds/" + i4,schemaPath:"#/$defs/RouteTableId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.type,parentSchema:schema38,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let i5 = data5.length;
let j2;
if(i5 > 1){
outer2:
for(;i5--;){
for(j2 = i5; j2--;){
if(func0(data5[i5], data5[j2])){
const err23 = {instancePath:instancePath+"/privateRouteTableIds",schemaPath:"#/properties/privateRouteTableIds/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema34.properties.privateRouteTableIds,data:data5};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err24 = {instancePath:instancePath+"/privateRouteTableIds",schemaPath:"#/properties/privateRouteTableIds/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema34.properties.privateRouteTableIds.type,parentSchema:schema34.properties.privateRouteTableIds,data:data5};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema34.type,parentSchema:schema34,data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate22.errors = vErrors;
return errors === 0;
}
validate22.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema39 = {"title":"GameServerSpec","description":"The game server the load balancer forwards to and the security groups admit. Three modes: deploy (image set: gamectl runs the server on ECS Fargate with its own task definition, execution role, log group and service, optionally its own cluster), attach-only (ecs set: the user runs the service, gamectl only attaches the target group), or neither (gamectl manages no ECS at all). A manifest sets at most one of image and ecs.","type":"object","additionalProperties":false,"properties":{"port":{"description":"The TCP port the game server listens on (HTTP and WebSocket).","$ref":"#/$defs/Port","default":2567},"healthCheckPath":{"description":"The HTTP path the load balancer's health check requests; it must answer 200.","type":"string","default":"/health","maxLength":1024,"pattern":"^/[^\\s?#]*$","x-error":"an absolute URL path such as /health"},"allowedCidrs":{"description":"Extra CIDR blocks allowed to reach the game port directly (for example an office VPN), besides the load balancer. 0.0.0.0/0 and ::/0 are never allowed.","type":"array","default":[],"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/$defs/Cidr"},"x-kubernetes-validations":[{"rule":"self.all(c, !c.endsWith('/0'))","message":"0.0.0.0/0 can never reach Redis or the game port"}]},"internetEgress":{"description":"Let the game server's tasks open HTTPS (TCP 443) connections to any address, through the private subnets' NAT gateway. Off by default: the game server's security group then reaches only Redis, its own tasks (the relay), the interface endpoints and the gateway endpoints' prefix lists. A deployed game server needs it unless its image is in ECR and vpcEndpoints has interface ecr.api, ecr.dkr and logs (and secretsmanager when it reads secrets) and gateway s3 and dynamodb.","type":"boolean","default":false},"image":{"description":"Deploy mode: the container image gamectl runs on ECS Fargate, e.g. ghcr.io/example/gamectl-server:0.1.0 or an ECR image URI. Setting it turns deploy mode on.","type":"string","minLength":1,"maxLength":255,"pattern":"^[^\\s]+$","x-error":"a container image reference such as ghcr.io/example/gamectl-server:0.1.0"},"cpu":{"description":"Deploy mode: the task's CPU units (256 = 0.25 vCPU). Default 256. Must form a Fargate-valid pair with memory.","type":"integer","enum":[256,512,1024,2048,4096,8192,16384]},"memory":{"description":"Deploy mode: the task's memory in MiB. Default 512. Fargate allows per cpu: 256: 512, 1024, 2048; 512: 1024-4096; 1024: 2048-8192; 2048: 4096-16384 (steps of 1024); 4096: 8192-30720 (steps of 1024); 8192: 16384-61440 (steps of 4096); 16384: 32768-122880 (steps of 8192).","type":"integer","minimum":512,"maximum":122880},"desiredCount":{"description":"Deploy mode: how many tasks the ECS service runs. Default 2.","type":"integer","minimum":0,"maximum":1000},"cluster":{"title":"GameServerClusterSpec","description":"Deploy mode: the ECS cluster. {create: true} (the default): gamectl creates and owns one. {name: arena}: an existing cluster, never changed or deleted.","type":"object","additionalProperties":false,"properties":{"create":{"description":"gamectl creates the cluster (and deletes it with the environment).","type":"boolean"},"name":{"description":"The name of an existing ECS cluster.","type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_-]+$","x-error":"an ECS cluster name (letters, digits, - and _)"}}},"environment":{"description":"Deploy mode: extra plain environment variables for the container. Names gamectl sets (REDIS_*, TABLE_*, AWS_REGION, PORT, GAMECTL_ENVIRONMENT) are refused. Never put a secret here: use secrets.","type":"object","maxProperties":100,"propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":255},"additionalProperties":{"type":"string","maxLength":4096}},"secrets":{"description":"Deploy mode: environment variables read from Secrets Manager when a task starts (e.g. JWT_SECRET), by name: the secret's ARN. The execution role may read exactly these secrets (and the Redis AUTH token).","type":"object","maxProperties":50,"propertyNames":{"pattern":"^[A-Za-z_][A-Za-z0-9_]*$","maxLength":255},"additionalProperties":{"type":"string","maxLength":2048,"pattern":"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$","x-error":"a Secrets Manager secret ARN such as arn:aws:secretsmanager:us-east-1:123456789012:secret:arena/jwt-AbCdEf"}},"logRetentionDays":{"description":"Deploy mode: how long CloudWatch Logs keeps the container's logs, in days (one of CloudWatch Logs' allowed values). Default 30.","type":"integer","enum":[1,3,5,7,14,30,60,90,120,150,180,365,400,545,731,1096,1827,2192,2557,2922,3288,3653]},"containerName":{"description":"Deploy mode: the container's name in the task definition. Default game.","type":"string","minLength":1,"maxLength":255,"pattern":"^[A-Za-z0-9_-]+$","x-error":"letters, digits, - and _"},"ecs":{"$ref":"#/$defs/EcsServiceRef","description":"Attach-only mode: an existing ECS service running the game server. gamectl attaches the target group to it and reports its task role; it never creates, changes or deletes the service. Excludes image and the other deploy fields."}}};
const schema40 = {"type":"integer","minimum":1,"maximum":65535};
const schema41 = {"description":"An IPv4 or IPv6 CIDR block, e.g. 10.0.0.0/16.","type":"string","maxLength":43,"pattern":"^[0-9A-Fa-f:.]+/[0-9]{1,3}$","x-error":"a CIDR block such as 10.0.0.0/16"};
const schema42 = {"title":"EcsServiceRef","description":"Optional: an existing ECS service running the game server. gamectl attaches the target group to it and reports its task role.","type":"object","additionalProperties":false,"required":["cluster","service"],"properties":{"cluster":{"description":"The ECS cluster's name or ARN.","type":"string","minLength":1,"maxLength":255},"service":{"description":"The ECS service's name.","type":"string","minLength":1,"maxLength":255},"containerName":{"description":"The container in the task definition that listens on gameServer.port.","type":"string","default":"game","minLength":1,"maxLength":255}}};
const pattern12 = new RegExp("^/[^\\s?#]*$", "u");
const pattern13 = new RegExp("^[0-9A-Fa-f:.]+/[0-9]{1,3}$", "u");
const pattern14 = new RegExp("^[^\\s]+$", "u");
const pattern15 = new RegExp("^[A-Za-z0-9_-]+$", "u");
const pattern16 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern18 = new RegExp("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$", "u");

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate24.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.port === undefined){
data.port = 2567;
}
if(data.healthCheckPath === undefined){
data.healthCheckPath = "/health";
}
if(data.allowedCidrs === undefined){
data.allowedCidrs = [];
}
if(data.internetEgress === undefined){
data.internetEgress = false;
}
for(const key0 in data){
if(!(func5.call(schema39.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.port;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.type,parentSchema:schema40,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 65535 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema40,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema40,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
let data1 = data.healthCheckPath;
if(typeof data1 === "string"){
if(func1(data1) > 1024){
const err4 = {instancePath:instancePath+"/healthCheckPath",schemaPath:"#/properties/healthCheckPath/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema39.properties.healthCheckPath,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern12.test(data1)){
const err5 = {instancePath:instancePath+"/healthCheckPath",schemaPath:"#/properties/healthCheckPath/pattern",keyword:"pattern",params:{pattern: "^/[^\\s?#]*$"},message:"must match pattern \""+"^/[^\\s?#]*$"+"\"",schema:"^/[^\\s?#]*$",parentSchema:schema39.properties.healthCheckPath,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/healthCheckPath",schemaPath:"#/properties/healthCheckPath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.healthCheckPath.type,parentSchema:schema39.properties.healthCheckPath,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
let data2 = data.allowedCidrs;
if(Array.isArray(data2)){
if(data2.length > 50){
const err7 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema39.properties.allowedCidrs,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(typeof data3 === "string"){
if(func1(data3) > 43){
const err8 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/maxLength",keyword:"maxLength",params:{limit: 43},message:"must NOT have more than 43 characters",schema:43,parentSchema:schema41,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern13.test(data3)){
const err9 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"},message:"must match pattern \""+"^[0-9A-Fa-f:.]+/[0-9]{1,3}$"+"\"",schema:"^[0-9A-Fa-f:.]+/[0-9]{1,3}$",parentSchema:schema41,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let i1 = data2.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data2[i1], data2[j0])){
const err11 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema39.properties.allowedCidrs,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err12 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema39.properties.allowedCidrs.type,parentSchema:schema39.properties.allowedCidrs,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data4 = data.internetEgress;
if(typeof data4 !== "boolean"){
const err13 = {instancePath:instancePath+"/internetEgress",schemaPath:"#/properties/internetEgress/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema39.properties.internetEgress.type,parentSchema:schema39.properties.internetEgress,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data.image !== undefined){
let data5 = data.image;
if(typeof data5 === "string"){
if(func1(data5) > 255){
const err14 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.image,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(func1(data5) < 1){
const err15 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39.properties.image,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!pattern14.test(data5)){
const err16 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/pattern",keyword:"pattern",params:{pattern: "^[^\\s]+$"},message:"must match pattern \""+"^[^\\s]+$"+"\"",schema:"^[^\\s]+$",parentSchema:schema39.properties.image,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/image",schemaPath:"#/properties/image/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.image.type,parentSchema:schema39.properties.image,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.cpu !== undefined){
let data6 = data.cpu;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err18 = {instancePath:instancePath+"/cpu",schemaPath:"#/properties/cpu/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.cpu.type,parentSchema:schema39.properties.cpu,data:data6};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!(((((((data6 === 256) || (data6 === 512)) || (data6 === 1024)) || (data6 === 2048)) || (data6 === 4096)) || (data6 === 8192)) || (data6 === 16384))){
const err19 = {instancePath:instancePath+"/cpu",schemaPath:"#/properties/cpu/enum",keyword:"enum",params:{allowedValues: schema39.properties.cpu.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.cpu.enum,parentSchema:schema39.properties.cpu,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.memory !== undefined){
let data7 = data.memory;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err20 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.memory.type,parentSchema:schema39.properties.memory,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 122880 || isNaN(data7)){
const err21 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/maximum",keyword:"maximum",params:{comparison: "<=", limit: 122880},message:"must be <= 122880",schema:122880,parentSchema:schema39.properties.memory,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data7 < 512 || isNaN(data7)){
const err22 = {instancePath:instancePath+"/memory",schemaPath:"#/properties/memory/minimum",keyword:"minimum",params:{comparison: ">=", limit: 512},message:"must be >= 512",schema:512,parentSchema:schema39.properties.memory,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data.desiredCount !== undefined){
let data8 = data.desiredCount;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err23 = {instancePath:instancePath+"/desiredCount",schemaPath:"#/properties/desiredCount/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.desiredCount.type,parentSchema:schema39.properties.desiredCount,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 1000 || isNaN(data8)){
const err24 = {instancePath:instancePath+"/desiredCount",schemaPath:"#/properties/desiredCount/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema39.properties.desiredCount,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err25 = {instancePath:instancePath+"/desiredCount",schemaPath:"#/properties/desiredCount/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema39.properties.desiredCount,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
if(data.cluster !== undefined){
let data9 = data.cluster;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key1 in data9){
if(!((key1 === "create") || (key1 === "name"))){
const err26 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema39.properties.cluster,data:data9};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data9.create !== undefined){
let data10 = data9.create;
if(typeof data10 !== "boolean"){
const err27 = {instancePath:instancePath+"/cluster/create",schemaPath:"#/properties/cluster/properties/create/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema39.properties.cluster.properties.create.type,parentSchema:schema39.properties.cluster.properties.create,data:data10};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data9.name !== undefined){
let data11 = data9.name;
if(typeof data11 === "string"){
if(func1(data11) > 255){
const err28 = {instancePath:instancePath+"/cluster/name",schemaPath:"#/properties/cluster/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.cluster.properties.name,data:data11};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(func1(data11) < 1){
const err29 = {instancePath:instancePath+"/cluster/name",schemaPath:"#/properties/cluster/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39.properties.cluster.properties.name,data:data11};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(!pattern15.test(data11)){
const err30 = {instancePath:instancePath+"/cluster/name",schemaPath:"#/properties/cluster/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema39.properties.cluster.properties.name,data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/cluster/name",schemaPath:"#/properties/cluster/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.cluster.properties.name.type,parentSchema:schema39.properties.cluster.properties.name,data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
}
else {
const err32 = {instancePath:instancePath+"/cluster",schemaPath:"#/properties/cluster/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.properties.cluster.type,parentSchema:schema39.properties.cluster,data:data9};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.environment !== undefined){
let data12 = data.environment;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(Object.keys(data12).length > 100){
const err33 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/maxProperties",keyword:"maxProperties",params:{limit: 100},message:"must NOT have more than 100 properties",schema:100,parentSchema:schema39.properties.environment,data:data12};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
for(const key2 in data12){
const _errs36 = errors;
if(typeof key2 === "string"){
if(func1(key2) > 255){
const err34 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/propertyNames/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.environment.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(!pattern16.test(key2)){
const err35 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema39.properties.environment.propertyNames,data:key2,propertyName:key2};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
var valid7 = _errs36 === errors;
if(!valid7){
const err36 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/propertyNames",keyword:"propertyNames",params:{propertyName: key2},message:"property name must be valid",schema:schema39.properties.environment.propertyNames,parentSchema:schema39.properties.environment,data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
for(const key3 in data12){
let data13 = data12[key3];
if(typeof data13 === "string"){
if(func1(data13) > 4096){
const err37 = {instancePath:instancePath+"/environment/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/environment/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema39.properties.environment.additionalProperties,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/environment/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/environment/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.environment.additionalProperties.type,parentSchema:schema39.properties.environment.additionalProperties,data:data13};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/environment",schemaPath:"#/properties/environment/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.properties.environment.type,parentSchema:schema39.properties.environment,data:data12};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data.secrets !== undefined){
let data14 = data.secrets;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(Object.keys(data14).length > 50){
const err40 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/maxProperties",keyword:"maxProperties",params:{limit: 50},message:"must NOT have more than 50 properties",schema:50,parentSchema:schema39.properties.secrets,data:data14};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
for(const key4 in data14){
const _errs42 = errors;
if(typeof key4 === "string"){
if(func1(key4) > 255){
const err41 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/propertyNames/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.secrets.propertyNames,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(!pattern16.test(key4)){
const err42 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema39.properties.secrets.propertyNames,data:key4,propertyName:key4};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
var valid9 = _errs42 === errors;
if(!valid9){
const err43 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/propertyNames",keyword:"propertyNames",params:{propertyName: key4},message:"property name must be valid",schema:schema39.properties.secrets.propertyNames,parentSchema:schema39.properties.secrets,data:data14};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
for(const key5 in data14){
let data15 = data14[key5];
if(typeof data15 === "string"){
if(func1(data15) > 2048){
const err44 = {instancePath:instancePath+"/secrets/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/secrets/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema39.properties.secrets.additionalProperties,data:data15};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!pattern18.test(data15)){
const err45 = {instancePath:instancePath+"/secrets/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/secrets/additionalProperties/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$"+"\"",schema:"^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$",parentSchema:schema39.properties.secrets.additionalProperties,data:data15};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/secrets/" + key5.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/secrets/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.secrets.additionalProperties.type,parentSchema:schema39.properties.secrets.additionalProperties,data:data15};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/secrets",schemaPath:"#/properties/secrets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.properties.secrets.type,parentSchema:schema39.properties.secrets,data:data14};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data.logRetentionDays !== undefined){
let data16 = data.logRetentionDays;
if(!(((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16))) && (isFinite(data16)))){
const err48 = {instancePath:instancePath+"/logRetentionDays",schemaPath:"#/properties/logRetentionDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema39.properties.logRetentionDays.type,parentSchema:schema39.properties.logRetentionDays,data:data16};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(!((((((((((((((((((((((data16 === 1) || (data16 === 3)) || (data16 === 5)) || (data16 === 7)) || (data16 === 14)) || (data16 === 30)) || (data16 === 60)) || (data16 === 90)) || (data16 === 120)) || (data16 === 150)) || (data16 === 180)) || (data16 === 365)) || (data16 === 400)) || (data16 === 545)) || (data16 === 731)) || (data16 === 1096)) || (data16 === 1827)) || (data16 === 2192)) || (data16 === 2557)) || (data16 === 2922)) || (data16 === 3288)) || (data16 === 3653))){
const err49 = {instancePath:instancePath+"/logRetentionDays",schemaPath:"#/properties/logRetentionDays/enum",keyword:"enum",params:{allowedValues: schema39.properties.logRetentionDays.enum},message:"must be equal to one of the allowed values",schema:schema39.properties.logRetentionDays.enum,parentSchema:schema39.properties.logRetentionDays,data:data16};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data.containerName !== undefined){
let data17 = data.containerName;
if(typeof data17 === "string"){
if(func1(data17) > 255){
const err50 = {instancePath:instancePath+"/containerName",schemaPath:"#/properties/containerName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema39.properties.containerName,data:data17};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(func1(data17) < 1){
const err51 = {instancePath:instancePath+"/containerName",schemaPath:"#/properties/containerName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39.properties.containerName,data:data17};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(!pattern15.test(data17)){
const err52 = {instancePath:instancePath+"/containerName",schemaPath:"#/properties/containerName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_-]+$"+"\"",schema:"^[A-Za-z0-9_-]+$",parentSchema:schema39.properties.containerName,data:data17};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/containerName",schemaPath:"#/properties/containerName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.properties.containerName.type,parentSchema:schema39.properties.containerName,data:data17};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.ecs !== undefined){
let data18 = data.ecs;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.containerName === undefined){
data18.containerName = "game";
}
if(data18.cluster === undefined){
const err54 = {instancePath:instancePath+"/ecs",schemaPath:"#/$defs/EcsServiceRef/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'",schema:schema42.required,parentSchema:schema42,data:data18};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data18.service === undefined){
const err55 = {instancePath:instancePath+"/ecs",schemaPath:"#/$defs/EcsServiceRef/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema42.required,parentSchema:schema42,data:data18};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
for(const key6 in data18){
if(!(((key6 === "cluster") || (key6 === "service")) || (key6 === "containerName"))){
const err56 = {instancePath:instancePath+"/ecs",schemaPath:"#/$defs/EcsServiceRef/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema42,data:data18};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data18.cluster !== undefined){
let data19 = data18.cluster;
if(typeof data19 === "string"){
if(func1(data19) > 255){
const err57 = {instancePath:instancePath+"/ecs/cluster",schemaPath:"#/$defs/EcsServiceRef/properties/cluster/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema42.properties.cluster,data:data19};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(func1(data19) < 1){
const err58 = {instancePath:instancePath+"/ecs/cluster",schemaPath:"#/$defs/EcsServiceRef/properties/cluster/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.cluster,data:data19};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/ecs/cluster",schemaPath:"#/$defs/EcsServiceRef/properties/cluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.cluster.type,parentSchema:schema42.properties.cluster,data:data19};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data18.service !== undefined){
let data20 = data18.service;
if(typeof data20 === "string"){
if(func1(data20) > 255){
const err60 = {instancePath:instancePath+"/ecs/service",schemaPath:"#/$defs/EcsServiceRef/properties/service/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema42.properties.service,data:data20};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(func1(data20) < 1){
const err61 = {instancePath:instancePath+"/ecs/service",schemaPath:"#/$defs/EcsServiceRef/properties/service/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.service,data:data20};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
else {
const err62 = {instancePath:instancePath+"/ecs/service",schemaPath:"#/$defs/EcsServiceRef/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.service.type,parentSchema:schema42.properties.service,data:data20};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
let data21 = data18.containerName;
if(typeof data21 === "string"){
if(func1(data21) > 255){
const err63 = {instancePath:instancePath+"/ecs/containerName",schemaPath:"#/$defs/EcsServiceRef/properties/containerName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema42.properties.containerName,data:data21};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(func1(data21) < 1){
const err64 = {instancePath:instancePath+"/ecs/containerName",schemaPath:"#/$defs/EcsServiceRef/properties/containerName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42.properties.containerName,data:data21};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/ecs/containerName",schemaPath:"#/$defs/EcsServiceRef/properties/containerName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.properties.containerName.type,parentSchema:schema42.properties.containerName,data:data21};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/ecs",schemaPath:"#/$defs/EcsServiceRef/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema42.type,parentSchema:schema42,data:data18};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema39.type,parentSchema:schema39,data};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}
validate24.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema43 = {"title":"RedisSpec","description":"An ElastiCache Redis replication group for session state and Colyseus presence, with its subnet group, parameter group and security group. Absent: no Redis.","type":"object","additionalProperties":false,"properties":{"engineVersion":{"description":"The Redis engine version, e.g. \"7.1\". It decides the parameter-group family (7.x: redis7). Quote it in YAML.","type":"string","default":"7.1","pattern":"^[0-9]+\\.[0-9x]+(\\.[0-9]+)?$","x-error":"a Redis engine version in quotes, such as \"7.1\""},"nodeType":{"description":"The cache node type, e.g. cache.t4g.small or cache.r7g.large.","type":"string","default":"cache.t4g.small","pattern":"^cache\\.[a-z0-9]+\\.[a-z0-9]+$","x-error":"a cache node type such as cache.t4g.small"},"shards":{"description":"The number of shards (node groups). More than 1 turns cluster mode on.","type":"integer","default":1,"minimum":1,"maximum":500},"replicasPerShard":{"description":"Read replicas per shard, 0 to 5. multiAZ needs at least 1.","type":"integer","default":1,"minimum":0,"maximum":5},"multiAZ":{"description":"Place replicas in other Availability Zones and fail over automatically. Needs replicasPerShard >= 1 and at least two private subnets.","type":"boolean","default":false},"port":{"description":"The port Redis listens on. Immutable: changing it needs allowReplacement.","$ref":"#/$defs/Port","default":6379},"parameters":{"description":"Redis parameters for the environment's parameter group, values as strings. maxmemory-policy defaults to volatile-lru. A parameter removed from this map is reset to its default.","type":"object","default":{},"maxProperties":100,"propertyNames":{"pattern":"^[a-z0-9-]+$"},"additionalProperties":{"type":"string","maxLength":1024}},"encryption":{"title":"RedisEncryption","description":"Encryption of the Redis data.","type":"object","default":{},"additionalProperties":false,"properties":{"atRest":{"description":"Encrypt data at rest. Immutable: changing it needs allowReplacement.","type":"boolean","default":true},"inTransit":{"description":"TLS between clients and Redis. Required by the token and iam authentication modes.","type":"boolean","default":true}}},"authentication":{"description":"How clients authenticate. none: no authentication; token: an AUTH token that gamectl generates and keeps in a Secrets Manager secret; iam: an ElastiCache user and user group with IAM authentication (the task role gets elasticache:Connect). token and iam need encryption.inTransit.","type":"string","enum":["none","token","iam"],"default":"token"},"snapshotRetentionDays":{"description":"Days automatic snapshots are kept, 0 (no snapshots) to 35.","type":"integer","default":1,"minimum":0,"maximum":35},"snapshotWindow":{"description":"Daily UTC time range for automatic snapshots, hh24:mi-hh24:mi (e.g. 03:00-04:00). AWS picks one when absent.","type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$","x-error":"a UTC time range such as 03:00-04:00"},"maintenanceWindow":{"description":"Weekly UTC maintenance window, ddd:hh24:mi-ddd:hh24:mi (e.g. sun:05:00-sun:06:00). AWS picks one when absent.","type":"string","pattern":"^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]$","x-error":"a weekly UTC window such as sun:05:00-sun:06:00"},"allowedCidrs":{"description":"Extra CIDR blocks allowed to reach Redis (for example a bastion subnet), besides the game server's security group. 0.0.0.0/0 and ::/0 are never allowed.","type":"array","default":[],"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/$defs/Cidr"},"x-kubernetes-validations":[{"rule":"self.all(c, !c.endsWith('/0'))","message":"0.0.0.0/0 can never reach Redis or the game port"}]},"allowReplacement":{"description":"Opt in to replacing the replication group when an immutable field (port, encryption.atRest, engine, subnet group) changes: gamectl takes a final snapshot and creates the new group from it. Without it such changes are blocked.","type":"boolean","default":false},"finalSnapshot":{"description":"Take a final snapshot before the replication group is deleted or replaced.","type":"boolean","default":true}},"x-kubernetes-validations":[{"rule":"!has(self.multiAZ) || !self.multiAZ || (has(self.replicasPerShard) && self.replicasPerShard >= 1)","message":"multiAZ needs replicasPerShard >= 1"}]};
const pattern20 = new RegExp("^[0-9]+\\.[0-9x]+(\\.[0-9]+)?$", "u");
const pattern21 = new RegExp("^cache\\.[a-z0-9]+\\.[a-z0-9]+$", "u");
const pattern22 = new RegExp("^[a-z0-9-]+$", "u");
const pattern23 = new RegExp("^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$", "u");
const pattern24 = new RegExp("^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]$", "u");

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate26.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.engineVersion === undefined){
data.engineVersion = "7.1";
}
if(data.nodeType === undefined){
data.nodeType = "cache.t4g.small";
}
if(data.shards === undefined){
data.shards = 1;
}
if(data.replicasPerShard === undefined){
data.replicasPerShard = 1;
}
if(data.multiAZ === undefined){
data.multiAZ = false;
}
if(data.port === undefined){
data.port = 6379;
}
if(data.parameters === undefined){
data.parameters = {};
}
if(data.encryption === undefined){
data.encryption = {};
}
if(data.authentication === undefined){
data.authentication = "token";
}
if(data.snapshotRetentionDays === undefined){
data.snapshotRetentionDays = 1;
}
if(data.allowedCidrs === undefined){
data.allowedCidrs = [];
}
if(data.allowReplacement === undefined){
data.allowReplacement = false;
}
if(data.finalSnapshot === undefined){
data.finalSnapshot = true;
}
for(const key0 in data){
if(!(func5.call(schema43.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.engineVersion;
if(typeof data0 === "string"){
if(!pattern20.test(data0)){
const err1 = {instancePath:instancePath+"/engineVersion",schemaPath:"#/properties/engineVersion/pattern",keyword:"pattern",params:{pattern: "^[0-9]+\\.[0-9x]+(\\.[0-9]+)?$"},message:"must match pattern \""+"^[0-9]+\\.[0-9x]+(\\.[0-9]+)?$"+"\"",schema:"^[0-9]+\\.[0-9x]+(\\.[0-9]+)?$",parentSchema:schema43.properties.engineVersion,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/engineVersion",schemaPath:"#/properties/engineVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.engineVersion.type,parentSchema:schema43.properties.engineVersion,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
let data1 = data.nodeType;
if(typeof data1 === "string"){
if(!pattern21.test(data1)){
const err3 = {instancePath:instancePath+"/nodeType",schemaPath:"#/properties/nodeType/pattern",keyword:"pattern",params:{pattern: "^cache\\.[a-z0-9]+\\.[a-z0-9]+$"},message:"must match pattern \""+"^cache\\.[a-z0-9]+\\.[a-z0-9]+$"+"\"",schema:"^cache\\.[a-z0-9]+\\.[a-z0-9]+$",parentSchema:schema43.properties.nodeType,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/nodeType",schemaPath:"#/properties/nodeType/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.nodeType.type,parentSchema:schema43.properties.nodeType,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
let data2 = data.shards;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err5 = {instancePath:instancePath+"/shards",schemaPath:"#/properties/shards/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.shards.type,parentSchema:schema43.properties.shards,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 500 || isNaN(data2)){
const err6 = {instancePath:instancePath+"/shards",schemaPath:"#/properties/shards/maximum",keyword:"maximum",params:{comparison: "<=", limit: 500},message:"must be <= 500",schema:500,parentSchema:schema43.properties.shards,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/shards",schemaPath:"#/properties/shards/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema43.properties.shards,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data3 = data.replicasPerShard;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err8 = {instancePath:instancePath+"/replicasPerShard",schemaPath:"#/properties/replicasPerShard/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.replicasPerShard.type,parentSchema:schema43.properties.replicasPerShard,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 5 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/replicasPerShard",schemaPath:"#/properties/replicasPerShard/maximum",keyword:"maximum",params:{comparison: "<=", limit: 5},message:"must be <= 5",schema:5,parentSchema:schema43.properties.replicasPerShard,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/replicasPerShard",schemaPath:"#/properties/replicasPerShard/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.replicasPerShard,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
let data4 = data.multiAZ;
if(typeof data4 !== "boolean"){
const err11 = {instancePath:instancePath+"/multiAZ",schemaPath:"#/properties/multiAZ/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.multiAZ.type,parentSchema:schema43.properties.multiAZ,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data5 = data.port;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err12 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.type,parentSchema:schema40,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 65535 || isNaN(data5)){
const err13 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema40,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema40,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
let data6 = data.parameters;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(Object.keys(data6).length > 100){
const err15 = {instancePath:instancePath+"/parameters",schemaPath:"#/properties/parameters/maxProperties",keyword:"maxProperties",params:{limit: 100},message:"must NOT have more than 100 properties",schema:100,parentSchema:schema43.properties.parameters,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
for(const key1 in data6){
const _errs20 = errors;
if(typeof key1 === "string"){
if(!pattern22.test(key1)){
const err16 = {instancePath:instancePath+"/parameters",schemaPath:"#/properties/parameters/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9-]+$"},message:"must match pattern \""+"^[a-z0-9-]+$"+"\"",schema:"^[a-z0-9-]+$",parentSchema:schema43.properties.parameters.propertyNames,data:key1,propertyName:key1};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
var valid2 = _errs20 === errors;
if(!valid2){
const err17 = {instancePath:instancePath+"/parameters",schemaPath:"#/properties/parameters/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid",schema:schema43.properties.parameters.propertyNames,parentSchema:schema43.properties.parameters,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
for(const key2 in data6){
let data7 = data6[key2];
if(typeof data7 === "string"){
if(func1(data7) > 1024){
const err18 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/parameters/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema43.properties.parameters.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/parameters/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/parameters/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.parameters.additionalProperties.type,parentSchema:schema43.properties.parameters.additionalProperties,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/parameters",schemaPath:"#/properties/parameters/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.parameters.type,parentSchema:schema43.properties.parameters,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
let data8 = data.encryption;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
if(data8.atRest === undefined){
data8.atRest = true;
}
if(data8.inTransit === undefined){
data8.inTransit = true;
}
for(const key3 in data8){
if(!((key3 === "atRest") || (key3 === "inTransit"))){
const err21 = {instancePath:instancePath+"/encryption",schemaPath:"#/properties/encryption/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema43.properties.encryption,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
let data9 = data8.atRest;
if(typeof data9 !== "boolean"){
const err22 = {instancePath:instancePath+"/encryption/atRest",schemaPath:"#/properties/encryption/properties/atRest/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.encryption.properties.atRest.type,parentSchema:schema43.properties.encryption.properties.atRest,data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
let data10 = data8.inTransit;
if(typeof data10 !== "boolean"){
const err23 = {instancePath:instancePath+"/encryption/inTransit",schemaPath:"#/properties/encryption/properties/inTransit/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.encryption.properties.inTransit.type,parentSchema:schema43.properties.encryption.properties.inTransit,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/encryption",schemaPath:"#/properties/encryption/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.properties.encryption.type,parentSchema:schema43.properties.encryption,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
let data11 = data.authentication;
if(typeof data11 !== "string"){
const err25 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.authentication.type,parentSchema:schema43.properties.authentication,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!(((data11 === "none") || (data11 === "token")) || (data11 === "iam"))){
const err26 = {instancePath:instancePath+"/authentication",schemaPath:"#/properties/authentication/enum",keyword:"enum",params:{allowedValues: schema43.properties.authentication.enum},message:"must be equal to one of the allowed values",schema:schema43.properties.authentication.enum,parentSchema:schema43.properties.authentication,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
let data12 = data.snapshotRetentionDays;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err27 = {instancePath:instancePath+"/snapshotRetentionDays",schemaPath:"#/properties/snapshotRetentionDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema43.properties.snapshotRetentionDays.type,parentSchema:schema43.properties.snapshotRetentionDays,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 35 || isNaN(data12)){
const err28 = {instancePath:instancePath+"/snapshotRetentionDays",schemaPath:"#/properties/snapshotRetentionDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 35},message:"must be <= 35",schema:35,parentSchema:schema43.properties.snapshotRetentionDays,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data12 < 0 || isNaN(data12)){
const err29 = {instancePath:instancePath+"/snapshotRetentionDays",schemaPath:"#/properties/snapshotRetentionDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema43.properties.snapshotRetentionDays,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.snapshotWindow !== undefined){
let data13 = data.snapshotWindow;
if(typeof data13 === "string"){
if(!pattern23.test(data13)){
const err30 = {instancePath:instancePath+"/snapshotWindow",schemaPath:"#/properties/snapshotWindow/pattern",keyword:"pattern",params:{pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$"+"\"",schema:"^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$",parentSchema:schema43.properties.snapshotWindow,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/snapshotWindow",schemaPath:"#/properties/snapshotWindow/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.snapshotWindow.type,parentSchema:schema43.properties.snapshotWindow,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data.maintenanceWindow !== undefined){
let data14 = data.maintenanceWindow;
if(typeof data14 === "string"){
if(!pattern24.test(data14)){
const err32 = {instancePath:instancePath+"/maintenanceWindow",schemaPath:"#/properties/maintenanceWindow/pattern",keyword:"pattern",params:{pattern: "^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]$"},message:"must match pattern \""+"^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]$"+"\"",schema:"^(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]-(sun|mon|tue|wed|thu|fri|sat):([01][0-9]|2[0-3]):[0-5][0-9]$",parentSchema:schema43.properties.maintenanceWindow,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/maintenanceWindow",schemaPath:"#/properties/maintenanceWindow/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.properties.maintenanceWindow.type,parentSchema:schema43.properties.maintenanceWindow,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
let data15 = data.allowedCidrs;
if(Array.isArray(data15)){
if(data15.length > 50){
const err34 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema43.properties.allowedCidrs,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
const len0 = data15.length;
for(let i0=0; i0<len0; i0++){
let data16 = data15[i0];
if(typeof data16 === "string"){
if(func1(data16) > 43){
const err35 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/maxLength",keyword:"maxLength",params:{limit: 43},message:"must NOT have more than 43 characters",schema:43,parentSchema:schema41,data:data16};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(!pattern13.test(data16)){
const err36 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"},message:"must match pattern \""+"^[0-9A-Fa-f:.]+/[0-9]{1,3}$"+"\"",schema:"^[0-9A-Fa-f:.]+/[0-9]{1,3}$",parentSchema:schema41,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let i1 = data15.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data15[i1], data15[j0])){
const err38 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema43.properties.allowedCidrs,data:data15};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err39 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema43.properties.allowedCidrs.type,parentSchema:schema43.properties.allowedCidrs,data:data15};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
let data17 = data.allowReplacement;
if(typeof data17 !== "boolean"){
const err40 = {instancePath:instancePath+"/allowReplacement",schemaPath:"#/properties/allowReplacement/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.allowReplacement.type,parentSchema:schema43.properties.allowReplacement,data:data17};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
let data18 = data.finalSnapshot;
if(typeof data18 !== "boolean"){
const err41 = {instancePath:instancePath+"/finalSnapshot",schemaPath:"#/properties/finalSnapshot/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema43.properties.finalSnapshot.type,parentSchema:schema43.properties.finalSnapshot,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}
validate26.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema46 = {"title":"DynamoDbSpec","description":"DynamoDB tables for players, game history and game state. Absent: no tables.","type":"object","additionalProperties":false,"required":["tables"],"properties":{"billingMode":{"description":"How every table is billed. PROVISIONED needs provisionedThroughput here or on every table and index.","type":"string","enum":["PAY_PER_REQUEST","PROVISIONED"],"default":"PAY_PER_REQUEST"},"provisionedThroughput":{"description":"Default read and write capacity of every table and index when billingMode is PROVISIONED.","$ref":"#/$defs/ProvisionedThroughput"},"pointInTimeRecovery":{"description":"Point-in-time recovery for every table, unless a table overrides it.","type":"boolean","default":true},"sse":{"title":"TableEncryption","description":"Server-side encryption of every table.","type":"object","default":{},"additionalProperties":false,"properties":{"type":{"description":"AWS_OWNED: a key owned by DynamoDB, at no cost. KMS: a KMS key, the AWS managed aws/dynamodb key or kmsKeyArn.","type":"string","enum":["AWS_OWNED","KMS"],"default":"AWS_OWNED"},"kmsKeyArn":{"description":"A customer managed KMS key, only with type KMS.","type":"string","maxLength":2048,"pattern":"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$","x-error":"a KMS key ARN such as arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-1111-2222-3333-444455556666"}}},"tables":{"description":"The tables, by logical name. Each becomes <namespace>-<environment>-<name> in AWS.","type":"array","minItems":1,"maxItems":100,"items":{"$ref":"#/$defs/TableSpec"}}}};
const schema47 = {"title":"ProvisionedThroughput","description":"Provisioned read and write capacity units.","type":"object","additionalProperties":false,"required":["readCapacityUnits","writeCapacityUnits"],"properties":{"readCapacityUnits":{"description":"Read capacity units, at least 1.","type":"integer","minimum":1,"maximum":1000000},"writeCapacityUnits":{"description":"Write capacity units, at least 1.","type":"integer","minimum":1,"maximum":1000000}}};
const pattern26 = new RegExp("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$", "u");
const schema48 = {"title":"TableSpec","description":"A DynamoDB table.","type":"object","additionalProperties":false,"required":["name","partitionKey"],"properties":{"name":{"description":"The table's logical name, unique in the environment: letters, digits, '_', '.' and '-'. The physical name adds the environment prefix.","type":"string","minLength":1,"maxLength":128,"pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]*$","x-error":"a table name of letters, digits, '_', '.' and '-', such as game-history"},"partitionKey":{"description":"The partition (hash) key. Immutable.","$ref":"#/$defs/KeyAttribute"},"sortKey":{"description":"The optional sort (range) key. Immutable.","$ref":"#/$defs/KeyAttribute"},"ttlAttribute":{"description":"A Number attribute holding an epoch-seconds expiry time; DynamoDB deletes expired items.","type":"string","minLength":1,"maxLength":255},"deletionProtection":{"description":"DynamoDB deletion protection. A protected table is never deleted by gamectl.","type":"boolean","default":false},"pointInTimeRecovery":{"description":"Overrides dynamodb.pointInTimeRecovery for this table. Always set after loading.","type":"boolean","x-gamectl-resolved":true},"provisionedThroughput":{"description":"Overrides dynamodb.provisionedThroughput for this table (PROVISIONED only). Always set after loading when billingMode is PROVISIONED.","$ref":"#/$defs/ProvisionedThroughput"},"globalSecondaryIndexes":{"description":"Global secondary indexes, at most 20. DynamoDB creates or deletes one per pass.","type":"array","default":[],"maxItems":20,"items":{"$ref":"#/$defs/GlobalSecondaryIndexSpec"}}}};
const schema49 = {"title":"KeyAttribute","description":"A key attribute: its name and scalar type.","type":"object","additionalProperties":false,"required":["name","type"],"properties":{"name":{"description":"The attribute name.","type":"string","minLength":1,"maxLength":255},"type":{"description":"The attribute type: S (string), N (number) or B (binary).","type":"string","enum":["S","N","B"]}}};
const pattern27 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]*$", "u");
const schema52 = {"title":"GlobalSecondaryIndexSpec","description":"A global secondary index.","type":"object","additionalProperties":false,"required":["name","partitionKey"],"properties":{"name":{"description":"The index name, unique within its table: 3 to 255 letters, digits, '_', '.' and '-'.","type":"string","minLength":3,"maxLength":255,"pattern":"^[A-Za-z0-9_.-]+$","x-error":"an index name of 3 to 255 letters, digits, '_', '.' and '-', such as by-player"},"partitionKey":{"description":"The index's partition key.","$ref":"#/$defs/KeyAttribute"},"sortKey":{"description":"The index's optional sort key.","$ref":"#/$defs/KeyAttribute"},"projection":{"description":"Which attributes the index copies: ALL, KEYS_ONLY, or INCLUDE (the keys plus nonKeyAttributes).","type":"string","enum":["ALL","KEYS_ONLY","INCLUDE"],"default":"ALL"},"nonKeyAttributes":{"description":"The attributes projected besides the keys, only with projection INCLUDE.","type":"array","maxItems":100,"uniqueItems":true,"items":{"type":"string","minLength":1,"maxLength":255}},"provisionedThroughput":{"description":"Overrides the table's throughput for this index (PROVISIONED only). Always set after loading when billingMode is PROVISIONED.","$ref":"#/$defs/ProvisionedThroughput"}}};
const pattern28 = new RegExp("^[A-Za-z0-9_.-]+$", "u");

function validate30(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate30.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.projection === undefined){
data.projection = "ALL";
}
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.partitionKey === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "partitionKey"},message:"must have required property '"+"partitionKey"+"'",schema:schema52.required,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "name") || (key0 === "partitionKey")) || (key0 === "sortKey")) || (key0 === "projection")) || (key0 === "nonKeyAttributes")) || (key0 === "provisionedThroughput"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func1(data0) > 255){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema52.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func1(data0) < 3){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 3},message:"must NOT have fewer than 3 characters",schema:3,parentSchema:schema52.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern28.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.-]+$"+"\"",schema:"^[A-Za-z0-9_.-]+$",parentSchema:schema52.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.name.type,parentSchema:schema52.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.partitionKey !== undefined){
let data1 = data.partitionKey;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.name === undefined){
const err7 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema49.required,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1.type === undefined){
const err8 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema49.required,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "name") || (key1 === "type"))){
const err9 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.name !== undefined){
let data2 = data1.name;
if(typeof data2 === "string"){
if(func1(data2) > 255){
const err10 = {instancePath:instancePath+"/partitionKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema49.properties.name,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(func1(data2) < 1){
const err11 = {instancePath:instancePath+"/partitionKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema49.properties.name,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/partitionKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.name.type,parentSchema:schema49.properties.name,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.type !== undefined){
let data3 = data1.type;
if(typeof data3 !== "string"){
const err13 = {instancePath:instancePath+"/partitionKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.type.type,parentSchema:schema49.properties.type,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(((data3 === "S") || (data3 === "N")) || (data3 === "B"))){
const err14 = {instancePath:instancePath+"/partitionKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/enum",keyword:"enum",params:{allowedValues: schema49.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema49.properties.type.enum,parentSchema:schema49.properties.type,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.sortKey !== undefined){
let data4 = data.sortKey;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.name === undefined){
const err16 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema49.required,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data4.type === undefined){
const err17 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema49.required,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key2 in data4){
if(!((key2 === "name") || (key2 === "type"))){
const err18 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.name !== undefined){
let data5 = data4.name;
if(typeof data5 === "string"){
if(func1(data5) > 255){
const err19 = {instancePath:instancePath+"/sortKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema49.properties.name,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(func1(data5) < 1){
const err20 = {instancePath:instancePath+"/sortKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema49.properties.name,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/sortKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.name.type,parentSchema:schema49.properties.name,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data4.type !== undefined){
let data6 = data4.type;
if(typeof data6 !== "string"){
const err22 = {instancePath:instancePath+"/sortKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.type.type,parentSchema:schema49.properties.type,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!(((data6 === "S") || (data6 === "N")) || (data6 === "B"))){
const err23 = {instancePath:instancePath+"/sortKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/enum",keyword:"enum",params:{allowedValues: schema49.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema49.properties.type.enum,parentSchema:schema49.properties.type,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let data7 = data.projection;
if(typeof data7 !== "string"){
const err25 = {instancePath:instancePath+"/projection",schemaPath:"#/properties/projection/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.projection.type,parentSchema:schema52.properties.projection,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!(((data7 === "ALL") || (data7 === "KEYS_ONLY")) || (data7 === "INCLUDE"))){
const err26 = {instancePath:instancePath+"/projection",schemaPath:"#/properties/projection/enum",keyword:"enum",params:{allowedValues: schema52.properties.projection.enum},message:"must be equal to one of the allowed values",schema:schema52.properties.projection.enum,parentSchema:schema52.properties.projection,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data.nonKeyAttributes !== undefined){
let data8 = data.nonKeyAttributes;
if(Array.isArray(data8)){
if(data8.length > 100){
const err27 = {instancePath:instancePath+"/nonKeyAttributes",schemaPath:"#/properties/nonKeyAttributes/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items",schema:100,parentSchema:schema52.properties.nonKeyAttributes,data:data8};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
let data9 = data8[i0];
if(typeof data9 === "string"){
if(func1(data9) > 255){
const err28 = {instancePath:instancePath+"/nonKeyAttributes/" + i0,schemaPath:"#/properties/nonKeyAttributes/items/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema52.properties.nonKeyAttributes.items,data:data9};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(func1(data9) < 1){
const err29 = {instancePath:instancePath+"/nonKeyAttributes/" + i0,schemaPath:"#/properties/nonKeyAttributes/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema52.properties.nonKeyAttributes.items,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/nonKeyAttributes/" + i0,schemaPath:"#/properties/nonKeyAttributes/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema52.properties.nonKeyAttributes.items.type,parentSchema:schema52.properties.nonKeyAttributes.items,data:data9};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
let i1 = data8.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data8[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err31 = {instancePath:instancePath+"/nonKeyAttributes",schemaPath:"#/properties/nonKeyAttributes/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema52.properties.nonKeyAttributes,data:data8};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err32 = {instancePath:instancePath+"/nonKeyAttributes",schemaPath:"#/properties/nonKeyAttributes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema52.properties.nonKeyAttributes.type,parentSchema:schema52.properties.nonKeyAttributes,data:data8};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data.provisionedThroughput !== undefined){
let data10 = data.provisionedThroughput;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.readCapacityUnits === undefined){
const err33 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/required",keyword:"required",params:{missingProperty: "readCapacityUnits"},message:"must have required property '"+"readCapacityUnits"+"'",schema:schema47.required,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if(data10.writeCapacityUnits === undefined){
const err34 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/required",keyword:"required",params:{missingProperty: "writeCapacityUnits"},message:"must have required property '"+"writeCapacityUnits"+"'",schema:schema47.required,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
for(const key3 in data10){
if(!((key3 === "readCapacityUnits") || (key3 === "writeCapacityUnits"))){
const err35 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data10.readCapacityUnits !== undefined){
let data11 = data10.readCapacityUnits;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err36 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.readCapacityUnits.type,parentSchema:schema47.properties.readCapacityUnits,data:data11};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 1000000 || isNaN(data11)){
const err37 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema47.properties.readCapacityUnits,data:data11};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err38 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.readCapacityUnits,data:data11};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
if(data10.writeCapacityUnits !== undefined){
let data12 = data10.writeCapacityUnits;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err39 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.writeCapacityUnits.type,parentSchema:schema47.properties.writeCapacityUnits,data:data12};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 1000000 || isNaN(data12)){
const err40 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema47.properties.writeCapacityUnits,data:data12};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err41 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.writeCapacityUnits,data:data12};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema52.type,parentSchema:schema52,data};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
validate30.errors = vErrors;
return errors === 0;
}
validate30.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate29.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.deletionProtection === undefined){
data.deletionProtection = false;
}
if(data.globalSecondaryIndexes === undefined){
data.globalSecondaryIndexes = [];
}
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.partitionKey === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "partitionKey"},message:"must have required property '"+"partitionKey"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((((key0 === "name") || (key0 === "partitionKey")) || (key0 === "sortKey")) || (key0 === "ttlAttribute")) || (key0 === "deletionProtection")) || (key0 === "pointInTimeRecovery")) || (key0 === "provisionedThroughput")) || (key0 === "globalSecondaryIndexes"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func1(data0) > 128){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema48.properties.name,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func1(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema48.properties.name,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern27.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]*$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]*$",parentSchema:schema48.properties.name,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.name.type,parentSchema:schema48.properties.name,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.partitionKey !== undefined){
let data1 = data.partitionKey;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.name === undefined){
const err7 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema49.required,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1.type === undefined){
const err8 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema49.required,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "name") || (key1 === "type"))){
const err9 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data1.name !== undefined){
let data2 = data1.name;
if(typeof data2 === "string"){
if(func1(data2) > 255){
const err10 = {instancePath:instancePath+"/partitionKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema49.properties.name,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(func1(data2) < 1){
const err11 = {instancePath:instancePath+"/partitionKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema49.properties.name,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/partitionKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.name.type,parentSchema:schema49.properties.name,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data1.type !== undefined){
let data3 = data1.type;
if(typeof data3 !== "string"){
const err13 = {instancePath:instancePath+"/partitionKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.type.type,parentSchema:schema49.properties.type,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(((data3 === "S") || (data3 === "N")) || (data3 === "B"))){
const err14 = {instancePath:instancePath+"/partitionKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/enum",keyword:"enum",params:{allowedValues: schema49.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema49.properties.type.enum,parentSchema:schema49.properties.type,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/partitionKey",schemaPath:"#/$defs/KeyAttribute/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data:data1};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.sortKey !== undefined){
let data4 = data.sortKey;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.name === undefined){
const err16 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema49.required,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data4.type === undefined){
const err17 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema49.required,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key2 in data4){
if(!((key2 === "name") || (key2 === "type"))){
const err18 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data4.name !== undefined){
let data5 = data4.name;
if(typeof data5 === "string"){
if(func1(data5) > 255){
const err19 = {instancePath:instancePath+"/sortKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema49.properties.name,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(func1(data5) < 1){
const err20 = {instancePath:instancePath+"/sortKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema49.properties.name,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/sortKey/name",schemaPath:"#/$defs/KeyAttribute/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.name.type,parentSchema:schema49.properties.name,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
if(data4.type !== undefined){
let data6 = data4.type;
if(typeof data6 !== "string"){
const err22 = {instancePath:instancePath+"/sortKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema49.properties.type.type,parentSchema:schema49.properties.type,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!(((data6 === "S") || (data6 === "N")) || (data6 === "B"))){
const err23 = {instancePath:instancePath+"/sortKey/type",schemaPath:"#/$defs/KeyAttribute/properties/type/enum",keyword:"enum",params:{allowedValues: schema49.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema49.properties.type.enum,parentSchema:schema49.properties.type,data:data6};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/sortKey",schemaPath:"#/$defs/KeyAttribute/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema49.type,parentSchema:schema49,data:data4};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.ttlAttribute !== undefined){
let data7 = data.ttlAttribute;
if(typeof data7 === "string"){
if(func1(data7) > 255){
const err25 = {instancePath:instancePath+"/ttlAttribute",schemaPath:"#/properties/ttlAttribute/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema48.properties.ttlAttribute,data:data7};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(func1(data7) < 1){
const err26 = {instancePath:instancePath+"/ttlAttribute",schemaPath:"#/properties/ttlAttribute/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema48.properties.ttlAttribute,data:data7};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/ttlAttribute",schemaPath:"#/properties/ttlAttribute/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.ttlAttribute.type,parentSchema:schema48.properties.ttlAttribute,data:data7};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
let data8 = data.deletionProtection;
if(typeof data8 !== "boolean"){
const err28 = {instancePath:instancePath+"/deletionProtection",schemaPath:"#/properties/deletionProtection/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.deletionProtection.type,parentSchema:schema48.properties.deletionProtection,data:data8};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(data.pointInTimeRecovery !== undefined){
let data9 = data.pointInTimeRecovery;
if(typeof data9 !== "boolean"){
const err29 = {instancePath:instancePath+"/pointInTimeRecovery",schemaPath:"#/properties/pointInTimeRecovery/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema48.properties.pointInTimeRecovery.type,parentSchema:schema48.properties.pointInTimeRecovery,data:data9};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.provisionedThroughput !== undefined){
let data10 = data.provisionedThroughput;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.readCapacityUnits === undefined){
const err30 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/required",keyword:"required",params:{missingProperty: "readCapacityUnits"},message:"must have required property '"+"readCapacityUnits"+"'",schema:schema47.required,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data10.writeCapacityUnits === undefined){
const err31 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/required",keyword:"required",params:{missingProperty: "writeCapacityUnits"},message:"must have required property '"+"writeCapacityUnits"+"'",schema:schema47.required,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
for(const key3 in data10){
if(!((key3 === "readCapacityUnits") || (key3 === "writeCapacityUnits"))){
const err32 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data10.readCapacityUnits !== undefined){
let data11 = data10.readCapacityUnits;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err33 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.readCapacityUnits.type,parentSchema:schema47.properties.readCapacityUnits,data:data11};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 1000000 || isNaN(data11)){
const err34 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema47.properties.readCapacityUnits,data:data11};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data11 < 1 || isNaN(data11)){
const err35 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.readCapacityUnits,data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data10.writeCapacityUnits !== undefined){
let data12 = data10.writeCapacityUnits;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err36 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.writeCapacityUnits.type,parentSchema:schema47.properties.writeCapacityUnits,data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 1000000 || isNaN(data12)){
const err37 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema47.properties.writeCapacityUnits,data:data12};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(data12 < 1 || isNaN(data12)){
const err38 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.writeCapacityUnits,data:data12};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
}
else {
const err39 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data:data10};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
let data13 = data.globalSecondaryIndexes;
if(Array.isArray(data13)){
if(data13.length > 20){
const err40 = {instancePath:instancePath+"/globalSecondaryIndexes",schemaPath:"#/properties/globalSecondaryIndexes/maxItems",keyword:"maxItems",params:{limit: 20},message:"must NOT have more than 20 items",schema:20,parentSchema:schema48.properties.globalSecondaryIndexes,data:data13};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
const len0 = data13.length;
for(let i0=0; i0<len0; i0++){
if(!(validate30(data13[i0], {instancePath:instancePath+"/globalSecondaryIndexes/" + i0,parentData:data13,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate30.errors : vErrors.concat(validate30.errors);
errors = vErrors.length;
}
}
}
else {
const err41 = {instancePath:instancePath+"/globalSecondaryIndexes",schemaPath:"#/properties/globalSecondaryIndexes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema48.properties.globalSecondaryIndexes.type,parentSchema:schema48.properties.globalSecondaryIndexes,data:data13};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}
validate29.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate28.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.billingMode === undefined){
data.billingMode = "PAY_PER_REQUEST";
}
if(data.pointInTimeRecovery === undefined){
data.pointInTimeRecovery = true;
}
if(data.sse === undefined){
data.sse = {};
}
if(data.tables === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "tables"},message:"must have required property '"+"tables"+"'",schema:schema46.required,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "billingMode") || (key0 === "provisionedThroughput")) || (key0 === "pointInTimeRecovery")) || (key0 === "sse")) || (key0 === "tables"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
let data0 = data.billingMode;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/billingMode",schemaPath:"#/properties/billingMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.billingMode.type,parentSchema:schema46.properties.billingMode,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data0 === "PAY_PER_REQUEST") || (data0 === "PROVISIONED"))){
const err3 = {instancePath:instancePath+"/billingMode",schemaPath:"#/properties/billingMode/enum",keyword:"enum",params:{allowedValues: schema46.properties.billingMode.enum},message:"must be equal to one of the allowed values",schema:schema46.properties.billingMode.enum,parentSchema:schema46.properties.billingMode,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.provisionedThroughput !== undefined){
let data1 = data.provisionedThroughput;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(data1.readCapacityUnits === undefined){
const err4 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/required",keyword:"required",params:{missingProperty: "readCapacityUnits"},message:"must have required property '"+"readCapacityUnits"+"'",schema:schema47.required,parentSchema:schema47,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1.writeCapacityUnits === undefined){
const err5 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/required",keyword:"required",params:{missingProperty: "writeCapacityUnits"},message:"must have required property '"+"writeCapacityUnits"+"'",schema:schema47.required,parentSchema:schema47,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!((key1 === "readCapacityUnits") || (key1 === "writeCapacityUnits"))){
const err6 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.readCapacityUnits !== undefined){
let data2 = data1.readCapacityUnits;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err7 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.readCapacityUnits.type,parentSchema:schema47.properties.readCapacityUnits,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 1000000 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema47.properties.readCapacityUnits,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/provisionedThroughput/readCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/readCapacityUnits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.readCapacityUnits,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data1.writeCapacityUnits !== undefined){
let data3 = data1.writeCapacityUnits;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err10 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema47.properties.writeCapacityUnits.type,parentSchema:schema47.properties.writeCapacityUnits,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 1000000 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema47.properties.writeCapacityUnits,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err12 = {instancePath:instancePath+"/provisionedThroughput/writeCapacityUnits",schemaPath:"#/$defs/ProvisionedThroughput/properties/writeCapacityUnits/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema47.properties.writeCapacityUnits,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/provisionedThroughput",schemaPath:"#/$defs/ProvisionedThroughput/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data:data1};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
let data4 = data.pointInTimeRecovery;
if(typeof data4 !== "boolean"){
const err14 = {instancePath:instancePath+"/pointInTimeRecovery",schemaPath:"#/properties/pointInTimeRecovery/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema46.properties.pointInTimeRecovery.type,parentSchema:schema46.properties.pointInTimeRecovery,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
let data5 = data.sse;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.type === undefined){
data5.type = "AWS_OWNED";
}
for(const key2 in data5){
if(!((key2 === "type") || (key2 === "kmsKeyArn"))){
const err15 = {instancePath:instancePath+"/sse",schemaPath:"#/properties/sse/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema46.properties.sse,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data6 = data5.type;
if(typeof data6 !== "string"){
const err16 = {instancePath:instancePath+"/sse/type",schemaPath:"#/properties/sse/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.sse.properties.type.type,parentSchema:schema46.properties.sse.properties.type,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!((data6 === "AWS_OWNED") || (data6 === "KMS"))){
const err17 = {instancePath:instancePath+"/sse/type",schemaPath:"#/properties/sse/properties/type/enum",keyword:"enum",params:{allowedValues: schema46.properties.sse.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema46.properties.sse.properties.type.enum,parentSchema:schema46.properties.sse.properties.type,data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data5.kmsKeyArn !== undefined){
let data7 = data5.kmsKeyArn;
if(typeof data7 === "string"){
if(func1(data7) > 2048){
const err18 = {instancePath:instancePath+"/sse/kmsKeyArn",schemaPath:"#/properties/sse/properties/kmsKeyArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema46.properties.sse.properties.kmsKeyArn,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!pattern26.test(data7)){
const err19 = {instancePath:instancePath+"/sse/kmsKeyArn",schemaPath:"#/properties/sse/properties/kmsKeyArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$"+"\"",schema:"^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+$",parentSchema:schema46.properties.sse.properties.kmsKeyArn,data:data7};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/sse/kmsKeyArn",schemaPath:"#/properties/sse/properties/kmsKeyArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.properties.sse.properties.kmsKeyArn.type,parentSchema:schema46.properties.sse.properties.kmsKeyArn,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/sse",schemaPath:"#/properties/sse/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.properties.sse.type,parentSchema:schema46.properties.sse,data:data5};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data.tables !== undefined){
let data8 = data.tables;
if(Array.isArray(data8)){
if(data8.length > 100){
const err22 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/maxItems",keyword:"maxItems",params:{limit: 100},message:"must NOT have more than 100 items",schema:100,parentSchema:schema46.properties.tables,data:data8};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(data8.length < 1){
const err23 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema46.properties.tables,data:data8};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
const len0 = data8.length;
for(let i0=0; i0<len0; i0++){
if(!(validate29(data8[i0], {instancePath:instancePath+"/tables/" + i0,parentData:data8,parentDataProperty:i0,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
}
}
else {
const err24 = {instancePath:instancePath+"/tables",schemaPath:"#/properties/tables/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.properties.tables.type,parentSchema:schema46.properties.tables,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
else {
const err25 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.type,parentSchema:schema46,data};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}
validate28.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema56 = {"title":"CognitoSpec","description":"Player accounts: an Amazon Cognito user pool, the game's public app client and optionally a hosted-UI domain. The pool holds every player's account, so it follows deletionPolicy like a table. Absent: no user pool (the game server uses development tokens).","type":"object","additionalProperties":false,"properties":{"userPool":{"$ref":"#/$defs/CognitoUserPoolSpec","default":{}},"appClient":{"$ref":"#/$defs/CognitoAppClientSpec","default":{}},"domain":{"$ref":"#/$defs/CognitoDomainSpec"}}};
const schema57 = {"title":"CognitoUserPoolSpec","description":"The user pool players sign up in and sign in to.","type":"object","additionalProperties":false,"properties":{"signInAttribute":{"description":"What players sign in with: a username, or their email address. Immutable: Cognito cannot change it on an existing pool (replacing the pool loses every account; see allowReplacement).","type":"string","enum":["username","email"],"default":"username"},"passwordPolicy":{"title":"CognitoPasswordPolicy","description":"What a password must contain.","type":"object","additionalProperties":false,"default":{},"properties":{"minimumLength":{"description":"The minimum length, 6 to 99.","type":"integer","minimum":6,"maximum":99,"default":8},"requireLowercase":{"description":"At least one lowercase letter.","type":"boolean","default":true},"requireUppercase":{"description":"At least one uppercase letter.","type":"boolean","default":true},"requireNumbers":{"description":"At least one digit.","type":"boolean","default":true},"requireSymbols":{"description":"At least one symbol.","type":"boolean","default":false},"temporaryPasswordValidityDays":{"description":"How long a temporary password set by an administrator is valid, in days.","type":"integer","minimum":0,"maximum":365,"default":7}}},"mfa":{"description":"Multi-factor authentication with an authenticator app (TOTP): off, optional (players may turn it on) or required.","type":"string","enum":["off","optional","required"],"default":"off"},"accountRecovery":{"description":"How a player who forgot their password recovers the account: email (a code to their verified email) or admin-only (an administrator resets it).","type":"string","enum":["email","admin-only"],"default":"email"},"verifyEmail":{"description":"Send each new player a code to their email, which they enter to confirm the sign-up (production). false: no code is sent and the deployed game server confirms players itself (development only; its task role may then call AdminConfirmSignUp on this pool).","type":"boolean","default":true},"deletionProtection":{"description":"Cognito refuses to delete the pool while this is on; gamectl then never deletes it, even with deletionPolicy Delete, until it is turned off here.","type":"boolean","default":true},"customAttributes":{"description":"Custom player attributes (custom:<name> in tokens). Attributes can be added to an existing pool, but Cognito can neither remove nor change one: the plan blocks that.","type":"array","default":[],"maxItems":50,"items":{"title":"CognitoCustomAttribute","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"description":"The name without custom:, 1 to 20 letters, digits or _.","type":"string","pattern":"^[A-Za-z0-9_]{1,20}$","x-error":"1 to 20 letters, digits or _, such as favouriteMap"},"type":{"description":"String or Number.","type":"string","enum":["String","Number"],"default":"String"},"mutable":{"description":"Whether the value can change after sign-up.","type":"boolean","default":true},"minLength":{"description":"String: the minimum length.","type":"integer","minimum":0,"maximum":2048},"maxLength":{"description":"String: the maximum length.","type":"integer","minimum":0,"maximum":2048},"minValue":{"description":"Number: the minimum value.","type":"integer"},"maxValue":{"description":"Number: the maximum value.","type":"integer"}}}},"allowReplacement":{"description":"Opt in to replacing the user pool when an immutable field (signInAttribute, a custom attribute removed or changed) changes. A new pool starts empty: every player account is lost. Honoured only with deletionPolicy Delete; under Retain such changes are always blocked.","type":"boolean","default":false}}};
const schema58 = {"title":"CognitoAppClientSpec","description":"The game's app client: public (no secret), for the browser and the game server's sign-in endpoint. Refresh tokens are always allowed.","type":"object","additionalProperties":false,"properties":{"authFlows":{"description":"How players sign in: USER_PASSWORD_AUTH (the password goes to Cognito over TLS; the game server's /players/sign-in uses it) and/or USER_SRP_AUTH (Secure Remote Password, from a browser SDK).","type":"array","minItems":1,"uniqueItems":true,"default":["USER_PASSWORD_AUTH"],"items":{"type":"string","enum":["USER_PASSWORD_AUTH","USER_SRP_AUTH"]}},"accessTokenValidityMinutes":{"description":"How long access tokens are valid, in minutes (Cognito allows 5 to 1440).","type":"integer","minimum":5,"maximum":1440,"default":60},"idTokenValidityMinutes":{"description":"How long ID tokens are valid, in minutes (Cognito allows 5 to 1440).","type":"integer","minimum":5,"maximum":1440,"default":60},"refreshTokenValidityDays":{"description":"How long refresh tokens are valid, in days (1 to 3650).","type":"integer","minimum":1,"maximum":3650,"default":30},"preventUserExistenceErrors":{"description":"Answer a sign-in or recovery for an unknown user as for a wrong password, so nobody can probe which accounts exist.","type":"boolean","default":true}}};
const schema59 = {"title":"CognitoDomainSpec","description":"A hosted-UI domain, <prefix>.auth.<region>.amazoncognito.com. Absent: no domain.","type":"object","additionalProperties":false,"required":["prefix"],"properties":{"prefix":{"description":"The domain prefix: lowercase letters, digits and -, unique in the region; it may not contain aws, amazon or cognito. Changing it replaces the domain.","type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$","x-error":"lowercase letters, digits and - such as arena-players"}}};
const pattern29 = new RegExp("^[A-Za-z0-9_]{1,20}$", "u");
const pattern30 = new RegExp("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", "u");

function validate34(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate34.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.userPool === undefined){
data.userPool = {};
}
if(data.appClient === undefined){
data.appClient = {};
}
for(const key0 in data){
if(!(((key0 === "userPool") || (key0 === "appClient")) || (key0 === "domain"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema56,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.userPool;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.signInAttribute === undefined){
data0.signInAttribute = "username";
}
if(data0.passwordPolicy === undefined){
data0.passwordPolicy = {};
}
if(data0.mfa === undefined){
data0.mfa = "off";
}
if(data0.accountRecovery === undefined){
data0.accountRecovery = "email";
}
if(data0.verifyEmail === undefined){
data0.verifyEmail = true;
}
if(data0.deletionProtection === undefined){
data0.deletionProtection = true;
}
if(data0.customAttributes === undefined){
data0.customAttributes = [];
}
if(data0.allowReplacement === undefined){
data0.allowReplacement = false;
}
for(const key1 in data0){
if(!((((((((key1 === "signInAttribute") || (key1 === "passwordPolicy")) || (key1 === "mfa")) || (key1 === "accountRecovery")) || (key1 === "verifyEmail")) || (key1 === "deletionProtection")) || (key1 === "customAttributes")) || (key1 === "allowReplacement"))){
const err1 = {instancePath:instancePath+"/userPool",schemaPath:"#/$defs/CognitoUserPoolSpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema57,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
let data1 = data0.signInAttribute;
if(typeof data1 !== "string"){
const err2 = {instancePath:instancePath+"/userPool/signInAttribute",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/signInAttribute/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.properties.signInAttribute.type,parentSchema:schema57.properties.signInAttribute,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data1 === "username") || (data1 === "email"))){
const err3 = {instancePath:instancePath+"/userPool/signInAttribute",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/signInAttribute/enum",keyword:"enum",params:{allowedValues: schema57.properties.signInAttribute.enum},message:"must be equal to one of the allowed values",schema:schema57.properties.signInAttribute.enum,parentSchema:schema57.properties.signInAttribute,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
let data2 = data0.passwordPolicy;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.minimumLength === undefined){
data2.minimumLength = 8;
}
if(data2.requireLowercase === undefined){
data2.requireLowercase = true;
}
if(data2.requireUppercase === undefined){
data2.requireUppercase = true;
}
if(data2.requireNumbers === undefined){
data2.requireNumbers = true;
}
if(data2.requireSymbols === undefined){
data2.requireSymbols = false;
}
if(data2.temporaryPasswordValidityDays === undefined){
data2.temporaryPasswordValidityDays = 7;
}
for(const key2 in data2){
if(!((((((key2 === "minimumLength") || (key2 === "requireLowercase")) || (key2 === "requireUppercase")) || (key2 === "requireNumbers")) || (key2 === "requireSymbols")) || (key2 === "temporaryPasswordValidityDays"))){
const err4 = {instancePath:instancePath+"/userPool/passwordPolicy",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema57.properties.passwordPolicy,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
let data3 = data2.minimumLength;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err5 = {instancePath:instancePath+"/userPool/passwordPolicy/minimumLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/minimumLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.passwordPolicy.properties.minimumLength.type,parentSchema:schema57.properties.passwordPolicy.properties.minimumLength,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 99 || isNaN(data3)){
const err6 = {instancePath:instancePath+"/userPool/passwordPolicy/minimumLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/minimumLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 99},message:"must be <= 99",schema:99,parentSchema:schema57.properties.passwordPolicy.properties.minimumLength,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data3 < 6 || isNaN(data3)){
const err7 = {instancePath:instancePath+"/userPool/passwordPolicy/minimumLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/minimumLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 6},message:"must be >= 6",schema:6,parentSchema:schema57.properties.passwordPolicy.properties.minimumLength,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data4 = data2.requireLowercase;
if(typeof data4 !== "boolean"){
const err8 = {instancePath:instancePath+"/userPool/passwordPolicy/requireLowercase",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/requireLowercase/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.passwordPolicy.properties.requireLowercase.type,parentSchema:schema57.properties.passwordPolicy.properties.requireLowercase,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
let data5 = data2.requireUppercase;
if(typeof data5 !== "boolean"){
const err9 = {instancePath:instancePath+"/userPool/passwordPolicy/requireUppercase",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/requireUppercase/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.passwordPolicy.properties.requireUppercase.type,parentSchema:schema57.properties.passwordPolicy.properties.requireUppercase,data:data5};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
let data6 = data2.requireNumbers;
if(typeof data6 !== "boolean"){
const err10 = {instancePath:instancePath+"/userPool/passwordPolicy/requireNumbers",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/requireNumbers/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.passwordPolicy.properties.requireNumbers.type,parentSchema:schema57.properties.passwordPolicy.properties.requireNumbers,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
let data7 = data2.requireSymbols;
if(typeof data7 !== "boolean"){
const err11 = {instancePath:instancePath+"/userPool/passwordPolicy/requireSymbols",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/requireSymbols/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.passwordPolicy.properties.requireSymbols.type,parentSchema:schema57.properties.passwordPolicy.properties.requireSymbols,data:data7};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data8 = data2.temporaryPasswordValidityDays;
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err12 = {instancePath:instancePath+"/userPool/passwordPolicy/temporaryPasswordValidityDays",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/temporaryPasswordValidityDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.passwordPolicy.properties.temporaryPasswordValidityDays.type,parentSchema:schema57.properties.passwordPolicy.properties.temporaryPasswordValidityDays,data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 365 || isNaN(data8)){
const err13 = {instancePath:instancePath+"/userPool/passwordPolicy/temporaryPasswordValidityDays",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/temporaryPasswordValidityDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 365},message:"must be <= 365",schema:365,parentSchema:schema57.properties.passwordPolicy.properties.temporaryPasswordValidityDays,data:data8};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data8 < 0 || isNaN(data8)){
const err14 = {instancePath:instancePath+"/userPool/passwordPolicy/temporaryPasswordValidityDays",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/properties/temporaryPasswordValidityDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema57.properties.passwordPolicy.properties.temporaryPasswordValidityDays,data:data8};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath:instancePath+"/userPool/passwordPolicy",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/passwordPolicy/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema57.properties.passwordPolicy.type,parentSchema:schema57.properties.passwordPolicy,data:data2};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
let data9 = data0.mfa;
if(typeof data9 !== "string"){
const err16 = {instancePath:instancePath+"/userPool/mfa",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/mfa/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.properties.mfa.type,parentSchema:schema57.properties.mfa,data:data9};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!(((data9 === "off") || (data9 === "optional")) || (data9 === "required"))){
const err17 = {instancePath:instancePath+"/userPool/mfa",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/mfa/enum",keyword:"enum",params:{allowedValues: schema57.properties.mfa.enum},message:"must be equal to one of the allowed values",schema:schema57.properties.mfa.enum,parentSchema:schema57.properties.mfa,data:data9};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
let data10 = data0.accountRecovery;
if(typeof data10 !== "string"){
const err18 = {instancePath:instancePath+"/userPool/accountRecovery",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/accountRecovery/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.properties.accountRecovery.type,parentSchema:schema57.properties.accountRecovery,data:data10};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!((data10 === "email") || (data10 === "admin-only"))){
const err19 = {instancePath:instancePath+"/userPool/accountRecovery",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/accountRecovery/enum",keyword:"enum",params:{allowedValues: schema57.properties.accountRecovery.enum},message:"must be equal to one of the allowed values",schema:schema57.properties.accountRecovery.enum,parentSchema:schema57.properties.accountRecovery,data:data10};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
let data11 = data0.verifyEmail;
if(typeof data11 !== "boolean"){
const err20 = {instancePath:instancePath+"/userPool/verifyEmail",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/verifyEmail/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.verifyEmail.type,parentSchema:schema57.properties.verifyEmail,data:data11};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
let data12 = data0.deletionProtection;
if(typeof data12 !== "boolean"){
const err21 = {instancePath:instancePath+"/userPool/deletionProtection",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/deletionProtection/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.deletionProtection.type,parentSchema:schema57.properties.deletionProtection,data:data12};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
let data13 = data0.customAttributes;
if(Array.isArray(data13)){
if(data13.length > 50){
const err22 = {instancePath:instancePath+"/userPool/customAttributes",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema57.properties.customAttributes,data:data13};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const len0 = data13.length;
for(let i0=0; i0<len0; i0++){
let data14 = data13[i0];
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
if(data14.type === undefined){
data14.type = "String";
}
if(data14.mutable === undefined){
data14.mutable = true;
}
if(data14.name === undefined){
const err23 = {instancePath:instancePath+"/userPool/customAttributes/" + i0,schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema57.properties.customAttributes.items.required,parentSchema:schema57.properties.customAttributes.items,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
for(const key3 in data14){
if(!(((((((key3 === "name") || (key3 === "type")) || (key3 === "mutable")) || (key3 === "minLength")) || (key3 === "maxLength")) || (key3 === "minValue")) || (key3 === "maxValue"))){
const err24 = {instancePath:instancePath+"/userPool/customAttributes/" + i0,schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema57.properties.customAttributes.items,data:data14};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data14.name !== undefined){
let data15 = data14.name;
if(typeof data15 === "string"){
if(!pattern29.test(data15)){
const err25 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/name",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_]{1,20}$"},message:"must match pattern \""+"^[A-Za-z0-9_]{1,20}$"+"\"",schema:"^[A-Za-z0-9_]{1,20}$",parentSchema:schema57.properties.customAttributes.items.properties.name,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/name",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.properties.customAttributes.items.properties.name.type,parentSchema:schema57.properties.customAttributes.items.properties.name,data:data15};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
let data16 = data14.type;
if(typeof data16 !== "string"){
const err27 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/type",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema57.properties.customAttributes.items.properties.type.type,parentSchema:schema57.properties.customAttributes.items.properties.type,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(!((data16 === "String") || (data16 === "Number"))){
const err28 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/type",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/type/enum",keyword:"enum",params:{allowedValues: schema57.properties.customAttributes.items.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema57.properties.customAttributes.items.properties.type.enum,parentSchema:schema57.properties.customAttributes.items.properties.type,data:data16};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
let data17 = data14.mutable;
if(typeof data17 !== "boolean"){
const err29 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/mutable",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/mutable/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.customAttributes.items.properties.mutable.type,parentSchema:schema57.properties.customAttributes.items.properties.mutable,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if(data14.minLength !== undefined){
let data18 = data14.minLength;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err30 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/minLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/minLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.customAttributes.items.properties.minLength.type,parentSchema:schema57.properties.customAttributes.items.properties.minLength,data:data18};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 2048 || isNaN(data18)){
const err31 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/minLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/minLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2048},message:"must be <= 2048",schema:2048,parentSchema:schema57.properties.customAttributes.items.properties.minLength,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data18 < 0 || isNaN(data18)){
const err32 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/minLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/minLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema57.properties.customAttributes.items.properties.minLength,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data14.maxLength !== undefined){
let data19 = data14.maxLength;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err33 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/maxLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/maxLength/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.customAttributes.items.properties.maxLength.type,parentSchema:schema57.properties.customAttributes.items.properties.maxLength,data:data19};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 2048 || isNaN(data19)){
const err34 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/maxLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/maxLength/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2048},message:"must be <= 2048",schema:2048,parentSchema:schema57.properties.customAttributes.items.properties.maxLength,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data19 < 0 || isNaN(data19)){
const err35 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/maxLength",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/maxLength/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema57.properties.customAttributes.items.properties.maxLength,data:data19};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data14.minValue !== undefined){
let data20 = data14.minValue;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err36 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/minValue",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/minValue/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.customAttributes.items.properties.minValue.type,parentSchema:schema57.properties.customAttributes.items.properties.minValue,data:data20};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data14.maxValue !== undefined){
let data21 = data14.maxValue;
if(!(((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21))) && (isFinite(data21)))){
const err37 = {instancePath:instancePath+"/userPool/customAttributes/" + i0+"/maxValue",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/properties/maxValue/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema57.properties.customAttributes.items.properties.maxValue.type,parentSchema:schema57.properties.customAttributes.items.properties.maxValue,data:data21};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
else {
const err38 = {instancePath:instancePath+"/userPool/customAttributes/" + i0,schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema57.properties.customAttributes.items.type,parentSchema:schema57.properties.customAttributes.items,data:data14};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
}
else {
const err39 = {instancePath:instancePath+"/userPool/customAttributes",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/customAttributes/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema57.properties.customAttributes.type,parentSchema:schema57.properties.customAttributes,data:data13};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
let data22 = data0.allowReplacement;
if(typeof data22 !== "boolean"){
const err40 = {instancePath:instancePath+"/userPool/allowReplacement",schemaPath:"#/$defs/CognitoUserPoolSpec/properties/allowReplacement/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema57.properties.allowReplacement.type,parentSchema:schema57.properties.allowReplacement,data:data22};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/userPool",schemaPath:"#/$defs/CognitoUserPoolSpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema57.type,parentSchema:schema57,data:data0};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
let data23 = data.appClient;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.authFlows === undefined){
data23.authFlows = ["USER_PASSWORD_AUTH"];
}
if(data23.accessTokenValidityMinutes === undefined){
data23.accessTokenValidityMinutes = 60;
}
if(data23.idTokenValidityMinutes === undefined){
data23.idTokenValidityMinutes = 60;
}
if(data23.refreshTokenValidityDays === undefined){
data23.refreshTokenValidityDays = 30;
}
if(data23.preventUserExistenceErrors === undefined){
data23.preventUserExistenceErrors = true;
}
for(const key4 in data23){
if(!(((((key4 === "authFlows") || (key4 === "accessTokenValidityMinutes")) || (key4 === "idTokenValidityMinutes")) || (key4 === "refreshTokenValidityDays")) || (key4 === "preventUserExistenceErrors"))){
const err42 = {instancePath:instancePath+"/appClient",schemaPath:"#/$defs/CognitoAppClientSpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data:data23};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
let data24 = data23.authFlows;
if(Array.isArray(data24)){
if(data24.length < 1){
const err43 = {instancePath:instancePath+"/appClient/authFlows",schemaPath:"#/$defs/CognitoAppClientSpec/properties/authFlows/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema58.properties.authFlows,data:data24};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
const len1 = data24.length;
for(let i1=0; i1<len1; i1++){
let data25 = data24[i1];
if(typeof data25 !== "string"){
const err44 = {instancePath:instancePath+"/appClient/authFlows/" + i1,schemaPath:"#/$defs/CognitoAppClientSpec/properties/authFlows/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.authFlows.items.type,parentSchema:schema58.properties.authFlows.items,data:data25};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
if(!((data25 === "USER_PASSWORD_AUTH") || (data25 === "USER_SRP_AUTH"))){
const err45 = {instancePath:instancePath+"/appClient/authFlows/" + i1,schemaPath:"#/$defs/CognitoAppClientSpec/properties/authFlows/items/enum",keyword:"enum",params:{allowedValues: schema58.properties.authFlows.items.enum},message:"must be equal to one of the allowed values",schema:schema58.properties.authFlows.items.enum,parentSchema:schema58.properties.authFlows.items,data:data25};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
let i2 = data24.length;
let j0;
if(i2 > 1){
const indices0 = {};
for(;i2--;){
let item0 = data24[i2];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err46 = {instancePath:instancePath+"/appClient/authFlows",schemaPath:"#/$defs/CognitoAppClientSpec/properties/authFlows/uniqueItems",keyword:"uniqueItems",params:{i: i2, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i2+" are identical)",schema:true,parentSchema:schema58.properties.authFlows,data:data24};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
break;
}
indices0[item0] = i2;
}
}
}
else {
const err47 = {instancePath:instancePath+"/appClient/authFlows",schemaPath:"#/$defs/CognitoAppClientSpec/properties/authFlows/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.authFlows.type,parentSchema:schema58.properties.authFlows,data:data24};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
let data26 = data23.accessTokenValidityMinutes;
if(!(((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26))) && (isFinite(data26)))){
const err48 = {instancePath:instancePath+"/appClient/accessTokenValidityMinutes",schemaPath:"#/$defs/CognitoAppClientSpec/properties/accessTokenValidityMinutes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema58.properties.accessTokenValidityMinutes.type,parentSchema:schema58.properties.accessTokenValidityMinutes,data:data26};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if((typeof data26 == "number") && (isFinite(data26))){
if(data26 > 1440 || isNaN(data26)){
const err49 = {instancePath:instancePath+"/appClient/accessTokenValidityMinutes",schemaPath:"#/$defs/CognitoAppClientSpec/properties/accessTokenValidityMinutes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1440},message:"must be <= 1440",schema:1440,parentSchema:schema58.properties.accessTokenValidityMinutes,data:data26};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data26 < 5 || isNaN(data26)){
const err50 = {instancePath:instancePath+"/appClient/accessTokenValidityMinutes",schemaPath:"#/$defs/CognitoAppClientSpec/properties/accessTokenValidityMinutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 5},message:"must be >= 5",schema:5,parentSchema:schema58.properties.accessTokenValidityMinutes,data:data26};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
let data27 = data23.idTokenValidityMinutes;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err51 = {instancePath:instancePath+"/appClient/idTokenValidityMinutes",schemaPath:"#/$defs/CognitoAppClientSpec/properties/idTokenValidityMinutes/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema58.properties.idTokenValidityMinutes.type,parentSchema:schema58.properties.idTokenValidityMinutes,data:data27};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 1440 || isNaN(data27)){
const err52 = {instancePath:instancePath+"/appClient/idTokenValidityMinutes",schemaPath:"#/$defs/CognitoAppClientSpec/properties/idTokenValidityMinutes/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1440},message:"must be <= 1440",schema:1440,parentSchema:schema58.properties.idTokenValidityMinutes,data:data27};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
if(data27 < 5 || isNaN(data27)){
const err53 = {instancePath:instancePath+"/appClient/idTokenValidityMinutes",schemaPath:"#/$defs/CognitoAppClientSpec/properties/idTokenValidityMinutes/minimum",keyword:"minimum",params:{comparison: ">=", limit: 5},message:"must be >= 5",schema:5,parentSchema:schema58.properties.idTokenValidityMinutes,data:data27};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
let data28 = data23.refreshTokenValidityDays;
if(!(((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28))) && (isFinite(data28)))){
const err54 = {instancePath:instancePath+"/appClient/refreshTokenValidityDays",schemaPath:"#/$defs/CognitoAppClientSpec/properties/refreshTokenValidityDays/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema58.properties.refreshTokenValidityDays.type,parentSchema:schema58.properties.refreshTokenValidityDays,data:data28};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if((typeof data28 == "number") && (isFinite(data28))){
if(data28 > 3650 || isNaN(data28)){
const err55 = {instancePath:instancePath+"/appClient/refreshTokenValidityDays",schemaPath:"#/$defs/CognitoAppClientSpec/properties/refreshTokenValidityDays/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3650},message:"must be <= 3650",schema:3650,parentSchema:schema58.properties.refreshTokenValidityDays,data:data28};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data28 < 1 || isNaN(data28)){
const err56 = {instancePath:instancePath+"/appClient/refreshTokenValidityDays",schemaPath:"#/$defs/CognitoAppClientSpec/properties/refreshTokenValidityDays/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema58.properties.refreshTokenValidityDays,data:data28};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
let data29 = data23.preventUserExistenceErrors;
if(typeof data29 !== "boolean"){
const err57 = {instancePath:instancePath+"/appClient/preventUserExistenceErrors",schemaPath:"#/$defs/CognitoAppClientSpec/properties/preventUserExistenceErrors/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema58.properties.preventUserExistenceErrors.type,parentSchema:schema58.properties.preventUserExistenceErrors,data:data29};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/appClient",schemaPath:"#/$defs/CognitoAppClientSpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data:data23};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
if(data.domain !== undefined){
let data30 = data.domain;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
if(data30.prefix === undefined){
const err59 = {instancePath:instancePath+"/domain",schemaPath:"#/$defs/CognitoDomainSpec/required",keyword:"required",params:{missingProperty: "prefix"},message:"must have required property '"+"prefix"+"'",schema:schema59.required,parentSchema:schema59,data:data30};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
for(const key5 in data30){
if(!(key5 === "prefix")){
const err60 = {instancePath:instancePath+"/domain",schemaPath:"#/$defs/CognitoDomainSpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema59,data:data30};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
if(data30.prefix !== undefined){
let data31 = data30.prefix;
if(typeof data31 === "string"){
if(func1(data31) > 63){
const err61 = {instancePath:instancePath+"/domain/prefix",schemaPath:"#/$defs/CognitoDomainSpec/properties/prefix/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema59.properties.prefix,data:data31};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(func1(data31) < 1){
const err62 = {instancePath:instancePath+"/domain/prefix",schemaPath:"#/$defs/CognitoDomainSpec/properties/prefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema59.properties.prefix,data:data31};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(!pattern30.test(data31)){
const err63 = {instancePath:instancePath+"/domain/prefix",schemaPath:"#/$defs/CognitoDomainSpec/properties/prefix/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$"+"\"",schema:"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$",parentSchema:schema59.properties.prefix,data:data31};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/domain/prefix",schemaPath:"#/$defs/CognitoDomainSpec/properties/prefix/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema59.properties.prefix.type,parentSchema:schema59.properties.prefix,data:data31};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/domain",schemaPath:"#/$defs/CognitoDomainSpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema59.type,parentSchema:schema59,data:data30};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
}
else {
const err66 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema56.type,parentSchema:schema56,data};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
validate34.errors = vErrors;
return errors === 0;
}
validate34.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema61 = {"title":"LoadBalancerSpec","description":"An Application Load Balancer with a target group (target type ip) for the game server; it carries WebSockets. Absent: no load balancer.","type":"object","additionalProperties":false,"properties":{"scheme":{"description":"internet-facing (in the public subnets) or internal (in the private subnets).","type":"string","enum":["internet-facing","internal"],"default":"internet-facing"},"allowedCidrs":{"description":"CIDR blocks allowed to reach the listener ports.","type":"array","default":["0.0.0.0/0"],"minItems":1,"maxItems":50,"uniqueItems":true,"items":{"$ref":"#/$defs/Cidr"}},"idleTimeoutSeconds":{"description":"Seconds an idle connection (including a quiet WebSocket) stays open, 1 to 4000.","type":"integer","default":120,"minimum":1,"maximum":4000},"deletionProtection":{"description":"ALB deletion protection. Defaults to true when spec.tags.stage is prod. Always set after loading.","type":"boolean","x-gamectl-resolved":true},"http2":{"description":"Enable HTTP/2 on the load balancer.","type":"boolean","default":true},"dropInvalidHeaderFields":{"description":"Drop HTTP headers with invalid names instead of forwarding them.","type":"boolean","default":true},"listeners":{"description":"The listeners, one per port.","type":"array","default":[{"port":80,"protocol":"HTTP"}],"minItems":1,"maxItems":10,"items":{"$ref":"#/$defs/ListenerSpec"}},"healthCheck":{"title":"HealthCheckSpec","description":"The target group's HTTP health check on gameServer.healthCheckPath.","type":"object","default":{},"additionalProperties":false,"properties":{"intervalSeconds":{"description":"Seconds between health checks, 5 to 300.","type":"integer","default":15,"minimum":5,"maximum":300},"timeoutSeconds":{"description":"Seconds to wait for a response, 2 to 120, less than intervalSeconds.","type":"integer","default":5,"minimum":2,"maximum":120},"healthyThreshold":{"description":"Consecutive successes before a target is healthy, 2 to 10.","type":"integer","default":2,"minimum":2,"maximum":10},"unhealthyThreshold":{"description":"Consecutive failures before a target is unhealthy, 2 to 10.","type":"integer","default":3,"minimum":2,"maximum":10},"matcher":{"description":"HTTP codes that count as healthy, e.g. 200 or 200-299.","type":"string","default":"200","pattern":"^[0-9]{3}([,-][0-9]{3})*$","x-error":"HTTP status codes such as 200 or 200-299"}}},"stickiness":{"title":"StickinessSpec","description":"Load-balancer cookie stickiness. Colyseus rooms do not need it: a WebSocket stays on its target.","type":"object","default":{},"additionalProperties":false,"properties":{"enabled":{"description":"Enable lb_cookie stickiness.","type":"boolean","default":false},"durationSeconds":{"description":"Cookie lifetime in seconds, 1 to 604800.","type":"integer","default":86400,"minimum":1,"maximum":604800}}},"deregistrationDelaySeconds":{"description":"Seconds a deregistering target keeps its connections, 0 to 3600.","type":"integer","default":30,"minimum":0,"maximum":3600}}};
const pattern35 = new RegExp("^[0-9]{3}([,-][0-9]{3})*$", "u");
const schema63 = {"title":"ListenerSpec","description":"A load-balancer listener.","type":"object","additionalProperties":false,"required":["port","protocol"],"properties":{"port":{"description":"The listener port.","$ref":"#/$defs/Port"},"protocol":{"description":"HTTP or HTTPS.","type":"string","enum":["HTTP","HTTPS"]},"certificateArn":{"description":"The ACM certificate of an HTTPS listener (required for HTTPS).","type":"string","maxLength":2048,"pattern":"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$","x-error":"an ACM certificate ARN such as arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666"},"sslPolicy":{"description":"The TLS policy of an HTTPS listener. Defaults to ELBSecurityPolicy-TLS13-1-2-2021-06 for HTTPS; always set after loading for HTTPS listeners.","type":"string","maxLength":128,"pattern":"^ELBSecurityPolicy-[A-Za-z0-9-]+$","x-error":"an ELB security policy such as ELBSecurityPolicy-TLS13-1-2-2021-06"},"redirectToHttps":{"description":"On an HTTP listener: redirect every request to the HTTPS listener (301) instead of forwarding it. Needs an HTTPS listener.","type":"boolean","default":false}},"x-kubernetes-validations":[{"rule":"self.protocol != 'HTTPS' || has(self.certificateArn)","message":"an HTTPS listener needs certificateArn"},{"rule":"self.protocol == 'HTTPS' || !has(self.certificateArn)","message":"certificateArn is only used by an HTTPS listener"}]};
const pattern33 = new RegExp("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", "u");
const pattern34 = new RegExp("^ELBSecurityPolicy-[A-Za-z0-9-]+$", "u");

function validate37(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate37.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.redirectToHttps === undefined){
data.redirectToHttps = false;
}
if(data.port === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema63.required,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.protocol === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "protocol"},message:"must have required property '"+"protocol"+"'",schema:schema63.required,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "port") || (key0 === "protocol")) || (key0 === "certificateArn")) || (key0 === "sslPolicy")) || (key0 === "redirectToHttps"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.port !== undefined){
let data0 = data.port;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema40.type,parentSchema:schema40,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 65535 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema40,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/$defs/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema40,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.protocol !== undefined){
let data1 = data.protocol;
if(typeof data1 !== "string"){
const err6 = {instancePath:instancePath+"/protocol",schemaPath:"#/properties/protocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.protocol.type,parentSchema:schema63.properties.protocol,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((data1 === "HTTP") || (data1 === "HTTPS"))){
const err7 = {instancePath:instancePath+"/protocol",schemaPath:"#/properties/protocol/enum",keyword:"enum",params:{allowedValues: schema63.properties.protocol.enum},message:"must be equal to one of the allowed values",schema:schema63.properties.protocol.enum,parentSchema:schema63.properties.protocol,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.certificateArn !== undefined){
let data2 = data.certificateArn;
if(typeof data2 === "string"){
if(func1(data2) > 2048){
const err8 = {instancePath:instancePath+"/certificateArn",schemaPath:"#/properties/certificateArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema63.properties.certificateArn,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(!pattern33.test(data2)){
const err9 = {instancePath:instancePath+"/certificateArn",schemaPath:"#/properties/certificateArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$"},message:"must match pattern \""+"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$"+"\"",schema:"^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$",parentSchema:schema63.properties.certificateArn,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/certificateArn",schemaPath:"#/properties/certificateArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.certificateArn.type,parentSchema:schema63.properties.certificateArn,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.sslPolicy !== undefined){
let data3 = data.sslPolicy;
if(typeof data3 === "string"){
if(func1(data3) > 128){
const err11 = {instancePath:instancePath+"/sslPolicy",schemaPath:"#/properties/sslPolicy/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema63.properties.sslPolicy,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!pattern34.test(data3)){
const err12 = {instancePath:instancePath+"/sslPolicy",schemaPath:"#/properties/sslPolicy/pattern",keyword:"pattern",params:{pattern: "^ELBSecurityPolicy-[A-Za-z0-9-]+$"},message:"must match pattern \""+"^ELBSecurityPolicy-[A-Za-z0-9-]+$"+"\"",schema:"^ELBSecurityPolicy-[A-Za-z0-9-]+$",parentSchema:schema63.properties.sslPolicy,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/sslPolicy",schemaPath:"#/properties/sslPolicy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.properties.sslPolicy.type,parentSchema:schema63.properties.sslPolicy,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
let data4 = data.redirectToHttps;
if(typeof data4 !== "boolean"){
const err14 = {instancePath:instancePath+"/redirectToHttps",schemaPath:"#/properties/redirectToHttps/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema63.properties.redirectToHttps.type,parentSchema:schema63.properties.redirectToHttps,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema63.type,parentSchema:schema63,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate37.errors = vErrors;
return errors === 0;
}
validate37.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate36(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate36.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.scheme === undefined){
data.scheme = "internet-facing";
}
if(data.allowedCidrs === undefined){
data.allowedCidrs = ["0.0.0.0/0"];
}
if(data.idleTimeoutSeconds === undefined){
data.idleTimeoutSeconds = 120;
}
if(data.http2 === undefined){
data.http2 = true;
}
if(data.dropInvalidHeaderFields === undefined){
data.dropInvalidHeaderFields = true;
}
if(data.listeners === undefined){
data.listeners = [{"port":80,"protocol":"HTTP"}];
}
if(data.healthCheck === undefined){
data.healthCheck = {};
}
if(data.stickiness === undefined){
data.stickiness = {};
}
if(data.deregistrationDelaySeconds === undefined){
data.deregistrationDelaySeconds = 30;
}
for(const key0 in data){
if(!(func5.call(schema61.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema61,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
let data0 = data.scheme;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/scheme",schemaPath:"#/properties/scheme/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.scheme.type,parentSchema:schema61.properties.scheme,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!((data0 === "internet-facing") || (data0 === "internal"))){
const err2 = {instancePath:instancePath+"/scheme",schemaPath:"#/properties/scheme/enum",keyword:"enum",params:{allowedValues: schema61.properties.scheme.enum},message:"must be equal to one of the allowed values",schema:schema61.properties.scheme.enum,parentSchema:schema61.properties.scheme,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
let data1 = data.allowedCidrs;
if(Array.isArray(data1)){
if(data1.length > 50){
const err3 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/maxItems",keyword:"maxItems",params:{limit: 50},message:"must NOT have more than 50 items",schema:50,parentSchema:schema61.properties.allowedCidrs,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema61.properties.allowedCidrs,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func1(data2) > 43){
const err5 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/maxLength",keyword:"maxLength",params:{limit: 43},message:"must NOT have more than 43 characters",schema:43,parentSchema:schema41,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!pattern13.test(data2)){
const err6 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/pattern",keyword:"pattern",params:{pattern: "^[0-9A-Fa-f:.]+/[0-9]{1,3}$"},message:"must match pattern \""+"^[0-9A-Fa-f:.]+/[0-9]{1,3}$"+"\"",schema:"^[0-9A-Fa-f:.]+/[0-9]{1,3}$",parentSchema:schema41,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/allowedCidrs/" + i0,schemaPath:"#/$defs/Cidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let i1 = data1.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data1[i1], data1[j0])){
const err8 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema61.properties.allowedCidrs,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err9 = {instancePath:instancePath+"/allowedCidrs",schemaPath:"#/properties/allowedCidrs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.allowedCidrs.type,parentSchema:schema61.properties.allowedCidrs,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
let data3 = data.idleTimeoutSeconds;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err10 = {instancePath:instancePath+"/idleTimeoutSeconds",schemaPath:"#/properties/idleTimeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.idleTimeoutSeconds.type,parentSchema:schema61.properties.idleTimeoutSeconds,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 4000 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/idleTimeoutSeconds",schemaPath:"#/properties/idleTimeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4000},message:"must be <= 4000",schema:4000,parentSchema:schema61.properties.idleTimeoutSeconds,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data3 < 1 || isNaN(data3)){
const err12 = {instancePath:instancePath+"/idleTimeoutSeconds",schemaPath:"#/properties/idleTimeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema61.properties.idleTimeoutSeconds,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.deletionProtection !== undefined){
let data4 = data.deletionProtection;
if(typeof data4 !== "boolean"){
const err13 = {instancePath:instancePath+"/deletionProtection",schemaPath:"#/properties/deletionProtection/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.deletionProtection.type,parentSchema:schema61.properties.deletionProtection,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
let data5 = data.http2;
if(typeof data5 !== "boolean"){
const err14 = {instancePath:instancePath+"/http2",schemaPath:"#/properties/http2/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.http2.type,parentSchema:schema61.properties.http2,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
let data6 = data.dropInvalidHeaderFields;
if(typeof data6 !== "boolean"){
const err15 = {instancePath:instancePath+"/dropInvalidHeaderFields",schemaPath:"#/properties/dropInvalidHeaderFields/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.dropInvalidHeaderFields.type,parentSchema:schema61.properties.dropInvalidHeaderFields,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
let data7 = data.listeners;
if(Array.isArray(data7)){
if(data7.length > 10){
const err16 = {instancePath:instancePath+"/listeners",schemaPath:"#/properties/listeners/maxItems",keyword:"maxItems",params:{limit: 10},message:"must NOT have more than 10 items",schema:10,parentSchema:schema61.properties.listeners,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(data7.length < 1){
const err17 = {instancePath:instancePath+"/listeners",schemaPath:"#/properties/listeners/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema61.properties.listeners,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len1 = data7.length;
for(let i2=0; i2<len1; i2++){
if(!(validate37(data7[i2], {instancePath:instancePath+"/listeners/" + i2,parentData:data7,parentDataProperty:i2,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate37.errors : vErrors.concat(validate37.errors);
errors = vErrors.length;
}
}
}
else {
const err18 = {instancePath:instancePath+"/listeners",schemaPath:"#/properties/listeners/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema61.properties.listeners.type,parentSchema:schema61.properties.listeners,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
let data9 = data.healthCheck;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.intervalSeconds === undefined){
data9.intervalSeconds = 15;
}
if(data9.timeoutSeconds === undefined){
data9.timeoutSeconds = 5;
}
if(data9.healthyThreshold === undefined){
data9.healthyThreshold = 2;
}
if(data9.unhealthyThreshold === undefined){
data9.unhealthyThreshold = 3;
}
if(data9.matcher === undefined){
data9.matcher = "200";
}
for(const key1 in data9){
if(!(((((key1 === "intervalSeconds") || (key1 === "timeoutSeconds")) || (key1 === "healthyThreshold")) || (key1 === "unhealthyThreshold")) || (key1 === "matcher"))){
const err19 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/properties/healthCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema61.properties.healthCheck,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
let data10 = data9.intervalSeconds;
if(!(((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10))) && (isFinite(data10)))){
const err20 = {instancePath:instancePath+"/healthCheck/intervalSeconds",schemaPath:"#/properties/healthCheck/properties/intervalSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.healthCheck.properties.intervalSeconds.type,parentSchema:schema61.properties.healthCheck.properties.intervalSeconds,data:data10};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if((typeof data10 == "number") && (isFinite(data10))){
if(data10 > 300 || isNaN(data10)){
const err21 = {instancePath:instancePath+"/healthCheck/intervalSeconds",schemaPath:"#/properties/healthCheck/properties/intervalSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 300},message:"must be <= 300",schema:300,parentSchema:schema61.properties.healthCheck.properties.intervalSeconds,data:data10};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data10 < 5 || isNaN(data10)){
const err22 = {instancePath:instancePath+"/healthCheck/intervalSeconds",schemaPath:"#/properties/healthCheck/properties/intervalSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 5},message:"must be >= 5",schema:5,parentSchema:schema61.properties.healthCheck.properties.intervalSeconds,data:data10};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
let data11 = data9.timeoutSeconds;
if(!(((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11))) && (isFinite(data11)))){
const err23 = {instancePath:instancePath+"/healthCheck/timeoutSeconds",schemaPath:"#/properties/healthCheck/properties/timeoutSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.healthCheck.properties.timeoutSeconds.type,parentSchema:schema61.properties.healthCheck.properties.timeoutSeconds,data:data11};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if((typeof data11 == "number") && (isFinite(data11))){
if(data11 > 120 || isNaN(data11)){
const err24 = {instancePath:instancePath+"/healthCheck/timeoutSeconds",schemaPath:"#/properties/healthCheck/properties/timeoutSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 120},message:"must be <= 120",schema:120,parentSchema:schema61.properties.healthCheck.properties.timeoutSeconds,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data11 < 2 || isNaN(data11)){
const err25 = {instancePath:instancePath+"/healthCheck/timeoutSeconds",schemaPath:"#/properties/healthCheck/properties/timeoutSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema61.properties.healthCheck.properties.timeoutSeconds,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
let data12 = data9.healthyThreshold;
if(!(((typeof data12 == "number") && (!(data12 % 1) && !isNaN(data12))) && (isFinite(data12)))){
const err26 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/properties/healthCheck/properties/healthyThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.healthCheck.properties.healthyThreshold.type,parentSchema:schema61.properties.healthCheck.properties.healthyThreshold,data:data12};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if((typeof data12 == "number") && (isFinite(data12))){
if(data12 > 10 || isNaN(data12)){
const err27 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/properties/healthCheck/properties/healthyThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema61.properties.healthCheck.properties.healthyThreshold,data:data12};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(data12 < 2 || isNaN(data12)){
const err28 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/properties/healthCheck/properties/healthyThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema61.properties.healthCheck.properties.healthyThreshold,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
let data13 = data9.unhealthyThreshold;
if(!(((typeof data13 == "number") && (!(data13 % 1) && !isNaN(data13))) && (isFinite(data13)))){
const err29 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/properties/healthCheck/properties/unhealthyThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.healthCheck.properties.unhealthyThreshold.type,parentSchema:schema61.properties.healthCheck.properties.unhealthyThreshold,data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
if((typeof data13 == "number") && (isFinite(data13))){
if(data13 > 10 || isNaN(data13)){
const err30 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/properties/healthCheck/properties/unhealthyThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 10},message:"must be <= 10",schema:10,parentSchema:schema61.properties.healthCheck.properties.unhealthyThreshold,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(data13 < 2 || isNaN(data13)){
const err31 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/properties/healthCheck/properties/unhealthyThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 2},message:"must be >= 2",schema:2,parentSchema:schema61.properties.healthCheck.properties.unhealthyThreshold,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
let data14 = data9.matcher;
if(typeof data14 === "string"){
if(!pattern35.test(data14)){
const err32 = {instancePath:instancePath+"/healthCheck/matcher",schemaPath:"#/properties/healthCheck/properties/matcher/pattern",keyword:"pattern",params:{pattern: "^[0-9]{3}([,-][0-9]{3})*$"},message:"must match pattern \""+"^[0-9]{3}([,-][0-9]{3})*$"+"\"",schema:"^[0-9]{3}([,-][0-9]{3})*$",parentSchema:schema61.properties.healthCheck.properties.matcher,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/healthCheck/matcher",schemaPath:"#/properties/healthCheck/properties/matcher/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema61.properties.healthCheck.properties.matcher.type,parentSchema:schema61.properties.healthCheck.properties.matcher,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/properties/healthCheck/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.healthCheck.type,parentSchema:schema61.properties.healthCheck,data:data9};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
let data15 = data.stickiness;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.enabled === undefined){
data15.enabled = false;
}
if(data15.durationSeconds === undefined){
data15.durationSeconds = 86400;
}
for(const key2 in data15){
if(!((key2 === "enabled") || (key2 === "durationSeconds"))){
const err35 = {instancePath:instancePath+"/stickiness",schemaPath:"#/properties/stickiness/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema61.properties.stickiness,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
let data16 = data15.enabled;
if(typeof data16 !== "boolean"){
const err36 = {instancePath:instancePath+"/stickiness/enabled",schemaPath:"#/properties/stickiness/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema61.properties.stickiness.properties.enabled.type,parentSchema:schema61.properties.stickiness.properties.enabled,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
let data17 = data15.durationSeconds;
if(!(((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17))) && (isFinite(data17)))){
const err37 = {instancePath:instancePath+"/stickiness/durationSeconds",schemaPath:"#/properties/stickiness/properties/durationSeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.stickiness.properties.durationSeconds.type,parentSchema:schema61.properties.stickiness.properties.durationSeconds,data:data17};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if((typeof data17 == "number") && (isFinite(data17))){
if(data17 > 604800 || isNaN(data17)){
const err38 = {instancePath:instancePath+"/stickiness/durationSeconds",schemaPath:"#/properties/stickiness/properties/durationSeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 604800},message:"must be <= 604800",schema:604800,parentSchema:schema61.properties.stickiness.properties.durationSeconds,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(data17 < 1 || isNaN(data17)){
const err39 = {instancePath:instancePath+"/stickiness/durationSeconds",schemaPath:"#/properties/stickiness/properties/durationSeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema61.properties.stickiness.properties.durationSeconds,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/stickiness",schemaPath:"#/properties/stickiness/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.properties.stickiness.type,parentSchema:schema61.properties.stickiness,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
let data18 = data.deregistrationDelaySeconds;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err41 = {instancePath:instancePath+"/deregistrationDelaySeconds",schemaPath:"#/properties/deregistrationDelaySeconds/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema61.properties.deregistrationDelaySeconds.type,parentSchema:schema61.properties.deregistrationDelaySeconds,data:data18};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 3600 || isNaN(data18)){
const err42 = {instancePath:instancePath+"/deregistrationDelaySeconds",schemaPath:"#/properties/deregistrationDelaySeconds/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema61.properties.deregistrationDelaySeconds,data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data18 < 0 || isNaN(data18)){
const err43 = {instancePath:instancePath+"/deregistrationDelaySeconds",schemaPath:"#/properties/deregistrationDelaySeconds/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema61.properties.deregistrationDelaySeconds,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema61.type,parentSchema:schema61,data};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate36.errors = vErrors;
return errors === 0;
}
validate36.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.tags === undefined){
data.tags = {};
}
if(data.adopt === undefined){
data.adopt = false;
}
if(data.deletionPolicy === undefined){
data.deletionPolicy = "Retain";
}
if(data.gameServer === undefined){
data.gameServer = {};
}
if(data.iam === undefined){
data.iam = {};
}
if(data.observability === undefined){
data.observability = {};
}
if(data.region === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "region"},message:"must have required property '"+"region"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.network === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "network"},message:"must have required property '"+"network"+"'",schema:schema33.required,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(func5.call(schema33.properties, key0))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.region !== undefined){
let data0 = data.region;
if(typeof data0 === "string"){
if(func1(data0) > 32){
const err3 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/maxLength",keyword:"maxLength",params:{limit: 32},message:"must NOT have more than 32 characters",schema:32,parentSchema:schema33.properties.region,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern6.test(data0)){
const err4 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/pattern",keyword:"pattern",params:{pattern: "^[a-z]{2}(-[a-z]+)+-[0-9]$"},message:"must match pattern \""+"^[a-z]{2}(-[a-z]+)+-[0-9]$"+"\"",schema:"^[a-z]{2}(-[a-z]+)+-[0-9]$",parentSchema:schema33.properties.region,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/region",schemaPath:"#/properties/region/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.region.type,parentSchema:schema33.properties.region,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.accountId !== undefined){
let data1 = data.accountId;
if(typeof data1 === "string"){
if(!pattern7.test(data1)){
const err6 = {instancePath:instancePath+"/accountId",schemaPath:"#/properties/accountId/pattern",keyword:"pattern",params:{pattern: "^[0-9]{12}$"},message:"must match pattern \""+"^[0-9]{12}$"+"\"",schema:"^[0-9]{12}$",parentSchema:schema33.properties.accountId,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
else {
const err7 = {instancePath:instancePath+"/accountId",schemaPath:"#/properties/accountId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.accountId.type,parentSchema:schema33.properties.accountId,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
let data2 = data.tags;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(Object.keys(data2).length > 40){
const err8 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/maxProperties",keyword:"maxProperties",params:{limit: 40},message:"must NOT have more than 40 properties",schema:40,parentSchema:schema33.properties.tags,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
for(const key1 in data2){
let data3 = data2[key1];
if(typeof data3 === "string"){
if(func1(data3) > 256){
const err9 = {instancePath:instancePath+"/tags/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 256},message:"must NOT have more than 256 characters",schema:256,parentSchema:schema33.properties.tags.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/tags/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/tags/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.tags.additionalProperties.type,parentSchema:schema33.properties.tags.additionalProperties,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath:instancePath+"/tags",schemaPath:"#/properties/tags/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.properties.tags.type,parentSchema:schema33.properties.tags,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
let data4 = data.adopt;
if(typeof data4 !== "boolean"){
const err12 = {instancePath:instancePath+"/adopt",schemaPath:"#/properties/adopt/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema33.properties.adopt.type,parentSchema:schema33.properties.adopt,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
let data5 = data.deletionPolicy;
if(typeof data5 !== "string"){
const err13 = {instancePath:instancePath+"/deletionPolicy",schemaPath:"#/properties/deletionPolicy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.properties.deletionPolicy.type,parentSchema:schema33.properties.deletionPolicy,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!((data5 === "Retain") || (data5 === "Delete"))){
const err14 = {instancePath:instancePath+"/deletionPolicy",schemaPath:"#/properties/deletionPolicy/enum",keyword:"enum",params:{allowedValues: schema33.properties.deletionPolicy.enum},message:"must be equal to one of the allowed values",schema:schema33.properties.deletionPolicy.enum,parentSchema:schema33.properties.deletionPolicy,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data.network !== undefined){
if(!(validate22(data.network, {instancePath:instancePath+"/network",parentData:data,parentDataProperty:"network",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate22.errors : vErrors.concat(validate22.errors);
errors = vErrors.length;
}
}
if(!(validate24(data.gameServer, {instancePath:instancePath+"/gameServer",parentData:data,parentDataProperty:"gameServer",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
if(data.redis !== undefined){
if(!(validate26(data.redis, {instancePath:instancePath+"/redis",parentData:data,parentDataProperty:"redis",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
if(data.dynamodb !== undefined){
if(!(validate28(data.dynamodb, {instancePath:instancePath+"/dynamodb",parentData:data,parentDataProperty:"dynamodb",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
if(data.cognito !== undefined){
if(!(validate34(data.cognito, {instancePath:instancePath+"/cognito",parentData:data,parentDataProperty:"cognito",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate34.errors : vErrors.concat(validate34.errors);
errors = vErrors.length;
}
}
if(data.vpcEndpoints !== undefined){
let data11 = data.vpcEndpoints;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.gateway === undefined){
data11.gateway = [];
}
if(data11.interface === undefined){
data11.interface = [];
}
for(const key2 in data11){
if(!((key2 === "gateway") || (key2 === "interface"))){
const err15 = {instancePath:instancePath+"/vpcEndpoints",schemaPath:"#/$defs/VpcEndpointsSpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema60,data:data11};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let data12 = data11.gateway;
if(Array.isArray(data12)){
if(data12.length > 2){
const err16 = {instancePath:instancePath+"/vpcEndpoints/gateway",schemaPath:"#/$defs/VpcEndpointsSpec/properties/gateway/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema60.properties.gateway,data:data12};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
const len0 = data12.length;
for(let i0=0; i0<len0; i0++){
let data13 = data12[i0];
if(typeof data13 !== "string"){
const err17 = {instancePath:instancePath+"/vpcEndpoints/gateway/" + i0,schemaPath:"#/$defs/VpcEndpointsSpec/properties/gateway/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.properties.gateway.items.type,parentSchema:schema60.properties.gateway.items,data:data13};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!((data13 === "dynamodb") || (data13 === "s3"))){
const err18 = {instancePath:instancePath+"/vpcEndpoints/gateway/" + i0,schemaPath:"#/$defs/VpcEndpointsSpec/properties/gateway/items/enum",keyword:"enum",params:{allowedValues: schema60.properties.gateway.items.enum},message:"must be equal to one of the allowed values",schema:schema60.properties.gateway.items.enum,parentSchema:schema60.properties.gateway.items,data:data13};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
let i1 = data12.length;
let j0;
if(i1 > 1){
const indices0 = {};
for(;i1--;){
let item0 = data12[i1];
if(typeof item0 !== "string"){
continue;
}
if(typeof indices0[item0] == "number"){
j0 = indices0[item0];
const err19 = {instancePath:instancePath+"/vpcEndpoints/gateway",schemaPath:"#/$defs/VpcEndpointsSpec/properties/gateway/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema60.properties.gateway,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
break;
}
indices0[item0] = i1;
}
}
}
else {
const err20 = {instancePath:instancePath+"/vpcEndpoints/gateway",schemaPath:"#/$defs/VpcEndpointsSpec/properties/gateway/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.gateway.type,parentSchema:schema60.properties.gateway,data:data12};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
let data14 = data11.interface;
if(Array.isArray(data14)){
if(data14.length > 30){
const err21 = {instancePath:instancePath+"/vpcEndpoints/interface",schemaPath:"#/$defs/VpcEndpointsSpec/properties/interface/maxItems",keyword:"maxItems",params:{limit: 30},message:"must NOT have more than 30 items",schema:30,parentSchema:schema60.properties.interface,data:data14};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
const len1 = data14.length;
for(let i2=0; i2<len1; i2++){
let data15 = data14[i2];
if(typeof data15 === "string"){
if(func1(data15) > 64){
const err22 = {instancePath:instancePath+"/vpcEndpoints/interface/" + i2,schemaPath:"#/$defs/VpcEndpointsSpec/properties/interface/items/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema60.properties.interface.items,data:data15};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if(!pattern31.test(data15)){
const err23 = {instancePath:instancePath+"/vpcEndpoints/interface/" + i2,schemaPath:"#/$defs/VpcEndpointsSpec/properties/interface/items/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]+([.-][a-z0-9]+)*$"},message:"must match pattern \""+"^[a-z0-9]+([.-][a-z0-9]+)*$"+"\"",schema:"^[a-z0-9]+([.-][a-z0-9]+)*$",parentSchema:schema60.properties.interface.items,data:data15};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/vpcEndpoints/interface/" + i2,schemaPath:"#/$defs/VpcEndpointsSpec/properties/interface/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.properties.interface.items.type,parentSchema:schema60.properties.interface.items,data:data15};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
let i3 = data14.length;
let j1;
if(i3 > 1){
const indices1 = {};
for(;i3--;){
let item1 = data14[i3];
if(typeof item1 !== "string"){
continue;
}
if(typeof indices1[item1] == "number"){
j1 = indices1[item1];
const err25 = {instancePath:instancePath+"/vpcEndpoints/interface",schemaPath:"#/$defs/VpcEndpointsSpec/properties/interface/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema60.properties.interface,data:data14};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
break;
}
indices1[item1] = i3;
}
}
}
else {
const err26 = {instancePath:instancePath+"/vpcEndpoints/interface",schemaPath:"#/$defs/VpcEndpointsSpec/properties/interface/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema60.properties.interface.type,parentSchema:schema60.properties.interface,data:data14};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/vpcEndpoints",schemaPath:"#/$defs/VpcEndpointsSpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema60.type,parentSchema:schema60,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.loadBalancer !== undefined){
if(!(validate36(data.loadBalancer, {instancePath:instancePath+"/loadBalancer",parentData:data,parentDataProperty:"loadBalancer",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate36.errors : vErrors.concat(validate36.errors);
errors = vErrors.length;
}
}
let data17 = data.iam;
if(data17 && typeof data17 == "object" && !Array.isArray(data17)){
if(data17.taskRole === undefined){
data17.taskRole = {"create":true};
}
for(const key3 in data17){
if(!(key3 === "taskRole")){
const err28 = {instancePath:instancePath+"/iam",schemaPath:"#/$defs/IamSpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema65,data:data17};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
let data18 = data17.taskRole;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
for(const key4 in data18){
if(!((key4 === "create") || (key4 === "existingRoleName"))){
const err29 = {instancePath:instancePath+"/iam/taskRole",schemaPath:"#/$defs/IamSpec/properties/taskRole/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema65.properties.taskRole,data:data18};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data18.create !== undefined){
let data19 = data18.create;
if(typeof data19 !== "boolean"){
const err30 = {instancePath:instancePath+"/iam/taskRole/create",schemaPath:"#/$defs/IamSpec/properties/taskRole/properties/create/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema65.properties.taskRole.properties.create.type,parentSchema:schema65.properties.taskRole.properties.create,data:data19};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data18.existingRoleName !== undefined){
let data20 = data18.existingRoleName;
if(typeof data20 === "string"){
if(func1(data20) > 64){
const err31 = {instancePath:instancePath+"/iam/taskRole/existingRoleName",schemaPath:"#/$defs/IamSpec/properties/taskRole/properties/existingRoleName/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema65.properties.taskRole.properties.existingRoleName,data:data20};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(func1(data20) < 1){
const err32 = {instancePath:instancePath+"/iam/taskRole/existingRoleName",schemaPath:"#/$defs/IamSpec/properties/taskRole/properties/existingRoleName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema65.properties.taskRole.properties.existingRoleName,data:data20};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!pattern36.test(data20)){
const err33 = {instancePath:instancePath+"/iam/taskRole/existingRoleName",schemaPath:"#/$defs/IamSpec/properties/taskRole/properties/existingRoleName/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9+=,.@_-]+$"},message:"must match pattern \""+"^[A-Za-z0-9+=,.@_-]+$"+"\"",schema:"^[A-Za-z0-9+=,.@_-]+$",parentSchema:schema65.properties.taskRole.properties.existingRoleName,data:data20};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/iam/taskRole/existingRoleName",schemaPath:"#/$defs/IamSpec/properties/taskRole/properties/existingRoleName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema65.properties.taskRole.properties.existingRoleName.type,parentSchema:schema65.properties.taskRole.properties.existingRoleName,data:data20};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/iam/taskRole",schemaPath:"#/$defs/IamSpec/properties/taskRole/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.properties.taskRole.type,parentSchema:schema65.properties.taskRole,data:data18};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
else {
const err36 = {instancePath:instancePath+"/iam",schemaPath:"#/$defs/IamSpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema65.type,parentSchema:schema65,data:data17};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data.alarms !== undefined){
let data21 = data.alarms;
if(data21 && typeof data21 == "object" && !Array.isArray(data21)){
if(data21.sessionCreationLatencyMs === undefined){
data21.sessionCreationLatencyMs = 1000;
}
for(const key5 in data21){
if(!((key5 === "sessionCreationLatencyMs") || (key5 === "snsTopicArn"))){
const err37 = {instancePath:instancePath+"/alarms",schemaPath:"#/$defs/AlarmsSpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema66,data:data21};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
let data22 = data21.sessionCreationLatencyMs;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err38 = {instancePath:instancePath+"/alarms/sessionCreationLatencyMs",schemaPath:"#/$defs/AlarmsSpec/properties/sessionCreationLatencyMs/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema66.properties.sessionCreationLatencyMs.type,parentSchema:schema66.properties.sessionCreationLatencyMs,data:data22};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 600000 || isNaN(data22)){
const err39 = {instancePath:instancePath+"/alarms/sessionCreationLatencyMs",schemaPath:"#/$defs/AlarmsSpec/properties/sessionCreationLatencyMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 600000},message:"must be <= 600000",schema:600000,parentSchema:schema66.properties.sessionCreationLatencyMs,data:data22};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(data22 < 1 || isNaN(data22)){
const err40 = {instancePath:instancePath+"/alarms/sessionCreationLatencyMs",schemaPath:"#/$defs/AlarmsSpec/properties/sessionCreationLatencyMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema66.properties.sessionCreationLatencyMs,data:data22};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data21.snsTopicArn !== undefined){
let data23 = data21.snsTopicArn;
if(typeof data23 === "string"){
if(func1(data23) > 1024){
const err41 = {instancePath:instancePath+"/alarms/snsTopicArn",schemaPath:"#/$defs/AlarmsSpec/properties/snsTopicArn/maxLength",keyword:"maxLength",params:{limit: 1024},message:"must NOT have more than 1024 characters",schema:1024,parentSchema:schema66.properties.snsTopicArn,data:data23};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(!pattern37.test(data23)){
const err42 = {instancePath:instancePath+"/alarms/snsTopicArn",schemaPath:"#/$defs/AlarmsSpec/properties/snsTopicArn/pattern",keyword:"pattern",params:{pattern: "^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$"},message:"must match pattern \""+"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$"+"\"",schema:"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]+(\\.fifo)?$",parentSchema:schema66.properties.snsTopicArn,data:data23};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
else {
const err43 = {instancePath:instancePath+"/alarms/snsTopicArn",schemaPath:"#/$defs/AlarmsSpec/properties/snsTopicArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema66.properties.snsTopicArn.type,parentSchema:schema66.properties.snsTopicArn,data:data23};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath:instancePath+"/alarms",schemaPath:"#/$defs/AlarmsSpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema66.type,parentSchema:schema66,data:data21};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
let data24 = data.observability;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.tracing === undefined){
data24.tracing = {};
}
if(data24.dashboard === undefined){
data24.dashboard = {};
}
for(const key6 in data24){
if(!((key6 === "tracing") || (key6 === "dashboard"))){
const err45 = {instancePath:instancePath+"/observability",schemaPath:"#/$defs/ObservabilitySpec/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema67,data:data24};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
let data25 = data24.tracing;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.enabled === undefined){
data25.enabled = false;
}
if(data25.sampleRate === undefined){
data25.sampleRate = 0.05;
}
for(const key7 in data25){
if(!((key7 === "enabled") || (key7 === "sampleRate"))){
const err46 = {instancePath:instancePath+"/observability/tracing",schemaPath:"#/$defs/ObservabilitySpec/properties/tracing/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema67.properties.tracing,data:data25};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
let data26 = data25.enabled;
if(typeof data26 !== "boolean"){
const err47 = {instancePath:instancePath+"/observability/tracing/enabled",schemaPath:"#/$defs/ObservabilitySpec/properties/tracing/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema67.properties.tracing.properties.enabled.type,parentSchema:schema67.properties.tracing.properties.enabled,data:data26};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
let data27 = data25.sampleRate;
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 1 || isNaN(data27)){
const err48 = {instancePath:instancePath+"/observability/tracing/sampleRate",schemaPath:"#/$defs/ObservabilitySpec/properties/tracing/properties/sampleRate/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1},message:"must be <= 1",schema:1,parentSchema:schema67.properties.tracing.properties.sampleRate,data:data27};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data27 < 0 || isNaN(data27)){
const err49 = {instancePath:instancePath+"/observability/tracing/sampleRate",schemaPath:"#/$defs/ObservabilitySpec/properties/tracing/properties/sampleRate/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema67.properties.tracing.properties.sampleRate,data:data27};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
else {
const err50 = {instancePath:instancePath+"/observability/tracing/sampleRate",schemaPath:"#/$defs/ObservabilitySpec/properties/tracing/properties/sampleRate/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema67.properties.tracing.properties.sampleRate.type,parentSchema:schema67.properties.tracing.properties.sampleRate,data:data27};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/observability/tracing",schemaPath:"#/$defs/ObservabilitySpec/properties/tracing/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.properties.tracing.type,parentSchema:schema67.properties.tracing,data:data25};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
let data28 = data24.dashboard;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
if(data28.enabled === undefined){
data28.enabled = false;
}
for(const key8 in data28){
if(!(key8 === "enabled")){
const err52 = {instancePath:instancePath+"/observability/dashboard",schemaPath:"#/$defs/ObservabilitySpec/properties/dashboard/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema67.properties.dashboard,data:data28};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
let data29 = data28.enabled;
if(typeof data29 !== "boolean"){
const err53 = {instancePath:instancePath+"/observability/dashboard/enabled",schemaPath:"#/$defs/ObservabilitySpec/properties/dashboard/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema67.properties.dashboard.properties.enabled.type,parentSchema:schema67.properties.dashboard.properties.enabled,data:data29};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
else {
const err54 = {instancePath:instancePath+"/observability/dashboard",schemaPath:"#/$defs/ObservabilitySpec/properties/dashboard/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.properties.dashboard.type,parentSchema:schema67.properties.dashboard,data:data28};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
else {
const err55 = {instancePath:instancePath+"/observability",schemaPath:"#/$defs/ObservabilitySpec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema67.type,parentSchema:schema67,data:data24};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema33.type,parentSchema:schema33,data};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

const schema68 = {"title":"GameEnvironmentStatus","description":"What gamectl last observed and did. Written by the controller (the status subresource, or a status file in folder mode); never edited by hand.","type":"object","additionalProperties":false,"properties":{"observedGeneration":{"description":"The metadata.generation the status describes.","type":"integer","minimum":0},"phase":{"description":"A one-word summary: Pending, Provisioning, Ready, Degraded, Deleting or Failed.","type":"string","enum":["Pending","Provisioning","Ready","Degraded","Deleting","Failed"]},"conditions":{"description":"kstatus-compatible conditions: Ready, Synced, Progressing and Degraded.","type":"array","maxItems":16,"items":{"$ref":"#/$defs/Condition"}},"resources":{"description":"One entry per AWS resource of the environment.","type":"array","maxItems":500,"items":{"$ref":"#/$defs/ResourceStatusEntry"}},"outputs":{"$ref":"#/$defs/EnvironmentOutputs"},"lastPlan":{"$ref":"#/$defs/PlanSummary"},"message":{"description":"A human-readable summary of the last reconcile, e.g. the error that stopped it.","type":"string","maxLength":4096}}};
const schema69 = {"title":"Condition","description":"A kstatus-compatible condition.","type":"object","additionalProperties":false,"required":["type","status"],"properties":{"type":{"description":"The condition type: Ready, Synced, Progressing or Degraded.","type":"string","maxLength":64},"status":{"description":"True, False or Unknown.","type":"string","enum":["True","False","Unknown"]},"reason":{"description":"A CamelCase reason, e.g. Converged or WaitingForResources.","type":"string","maxLength":128},"message":{"description":"A human-readable explanation.","type":"string","maxLength":4096},"lastTransitionTime":{"description":"When status last changed (RFC 3339).","type":"string","format":"date-time"},"observedGeneration":{"description":"The metadata.generation the condition describes.","type":"integer","minimum":0}}};
const schema70 = {"title":"ResourceStatusEntry","description":"The observed state of one AWS resource.","type":"object","additionalProperties":false,"required":["kind","name","state"],"properties":{"kind":{"description":"The resource kind, e.g. DynamoDBTable or ReplicationGroup.","type":"string","maxLength":64},"name":{"description":"The logical name in the manifest.","type":"string","maxLength":255},"id":{"description":"The physical ID or ARN in AWS.","type":"string","maxLength":2048},"state":{"description":"gamectl's state of the resource, e.g. Ready, Pending, Blocked, Failed, Retained.","type":"string","maxLength":64},"lastObservedTime":{"description":"When the resource was last observed (RFC 3339).","type":"string","format":"date-time"},"message":{"description":"Details, e.g. AWS's state or an asynchronous failure.","type":"string","maxLength":4096}}};
const schema71 = {"title":"EnvironmentOutputs","description":"What the game server needs to connect: endpoints, names and ARNs. Also written to the ConfigMap <name>-outputs.","type":"object","additionalProperties":false,"required":["tables","securityGroups","vpcEndpoints"],"properties":{"redis":{"title":"RedisOutputs","description":"How to reach Redis.","type":"object","additionalProperties":false,"required":["primaryEndpoint","readerEndpoint","port","tls","authMode"],"properties":{"primaryEndpoint":{"description":"The primary (or cluster configuration) endpoint's host name.","type":"string","maxLength":255},"readerEndpoint":{"description":"The reader endpoint's host name.","type":"string","maxLength":255},"port":{"description":"The Redis port.","type":"integer","minimum":1,"maximum":65535},"tls":{"description":"Whether clients must use TLS.","type":"boolean"},"authMode":{"description":"none, token or iam.","type":"string","enum":["none","token","iam"]},"secretArn":{"description":"The Secrets Manager secret holding the AUTH token (authMode token).","type":"string","maxLength":2048},"userGroupId":{"description":"The ElastiCache user group (authMode iam).","type":"string","maxLength":255},"userId":{"description":"The ElastiCache user, also the IAM auth user name (authMode iam).","type":"string","maxLength":255}}},"loadBalancer":{"title":"LoadBalancerOutputs","description":"The load balancer.","type":"object","additionalProperties":false,"required":["dnsName","arn"],"properties":{"dnsName":{"description":"The DNS name clients connect to.","type":"string","maxLength":255},"arn":{"description":"The load balancer's ARN.","type":"string","maxLength":2048}}},"targetGroupArn":{"description":"The game server's target group.","type":"string","maxLength":2048},"tables":{"description":"Tables by logical name.","type":"object","default":{},"additionalProperties":{"title":"TableOutput","type":"object","additionalProperties":false,"required":["name","arn"],"properties":{"name":{"description":"The physical table name.","type":"string","maxLength":255},"arn":{"description":"The table's ARN.","type":"string","maxLength":2048}}}},"cognito":{"title":"CognitoOutputs","description":"The user pool players sign in with.","type":"object","additionalProperties":false,"required":["userPoolId","userPoolArn","clientId","issuer","jwksUri"],"properties":{"userPoolId":{"description":"The user pool's id (COGNITO_USER_POOL_ID).","type":"string","maxLength":55},"userPoolArn":{"description":"The user pool's ARN.","type":"string","maxLength":2048},"clientId":{"description":"The game's public app client (COGNITO_CLIENT_ID).","type":"string","maxLength":128},"issuer":{"description":"The iss claim of the pool's tokens (COGNITO_ISSUER).","type":"string","maxLength":2048},"jwksUri":{"description":"Where the pool's signing keys are published (COGNITO_JWKS_URI).","type":"string","maxLength":2048},"domain":{"description":"The hosted UI's domain, when spec.cognito.domain is set.","type":"string","maxLength":255}}},"taskRoleArn":{"description":"The game server's task role.","type":"string","maxLength":2048},"gameServer":{"title":"GameServerOutputs","description":"Deploy mode: where the game server runs and what its tasks are started from.","type":"object","additionalProperties":false,"required":["cluster","service","taskDefinitionArn","logGroupName"],"properties":{"cluster":{"description":"The ECS cluster's name.","type":"string","maxLength":255},"service":{"description":"The ECS service's name.","type":"string","maxLength":255},"taskDefinitionArn":{"description":"The task-definition revision the service runs.","type":"string","maxLength":2048},"logGroupName":{"description":"The CloudWatch Logs group of the containers.","type":"string","maxLength":512},"executionRoleArn":{"description":"The task execution role.","type":"string","maxLength":2048}}},"securityGroups":{"title":"SecurityGroupOutputs","description":"Security group IDs by component.","type":"object","default":{},"additionalProperties":false,"properties":{"alb":{"description":"The load balancer's group.","type":"string","maxLength":64},"app":{"description":"The game server's group; attach it to the game server's tasks.","type":"string","maxLength":64},"redis":{"description":"Redis's group.","type":"string","maxLength":64},"endpoints":{"description":"The interface endpoints' group.","type":"string","maxLength":64}}},"vpcEndpoints":{"description":"VPC endpoint IDs by service name.","type":"object","default":{},"additionalProperties":{"type":"string","maxLength":64}},"alarmArn":{"description":"The SessionCreationLatency alarm.","type":"string","maxLength":2048},"snsTopicArn":{"description":"The topic the alarm notifies.","type":"string","maxLength":2048}}};
const schema72 = {"title":"PlanSummary","description":"A summary of the last plan.","type":"object","additionalProperties":false,"properties":{"add":{"description":"Resources to create.","type":"integer","minimum":0},"change":{"description":"Resources to change in place.","type":"integer","minimum":0},"destroy":{"description":"Resources to delete (a replacement counts here and in add).","type":"integer","minimum":0},"blocked":{"description":"Changes refused because the field is immutable without an opt-in.","type":"integer","minimum":0},"text":{"description":"The rendered plan.","type":"string","maxLength":32768}}};
const formats0 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

function validate41(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate41.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((((((key0 === "observedGeneration") || (key0 === "phase")) || (key0 === "conditions")) || (key0 === "resources")) || (key0 === "outputs")) || (key0 === "lastPlan")) || (key0 === "message"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema68,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.observedGeneration !== undefined){
let data0 = data.observedGeneration;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err1 = {instancePath:instancePath+"/observedGeneration",schemaPath:"#/properties/observedGeneration/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema68.properties.observedGeneration.type,parentSchema:schema68.properties.observedGeneration,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 < 0 || isNaN(data0)){
const err2 = {instancePath:instancePath+"/observedGeneration",schemaPath:"#/properties/observedGeneration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema68.properties.observedGeneration,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
if(data.phase !== undefined){
let data1 = data.phase;
if(typeof data1 !== "string"){
const err3 = {instancePath:instancePath+"/phase",schemaPath:"#/properties/phase/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.properties.phase.type,parentSchema:schema68.properties.phase,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!((((((data1 === "Pending") || (data1 === "Provisioning")) || (data1 === "Ready")) || (data1 === "Degraded")) || (data1 === "Deleting")) || (data1 === "Failed"))){
const err4 = {instancePath:instancePath+"/phase",schemaPath:"#/properties/phase/enum",keyword:"enum",params:{allowedValues: schema68.properties.phase.enum},message:"must be equal to one of the allowed values",schema:schema68.properties.phase.enum,parentSchema:schema68.properties.phase,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.conditions !== undefined){
let data2 = data.conditions;
if(Array.isArray(data2)){
if(data2.length > 16){
const err5 = {instancePath:instancePath+"/conditions",schemaPath:"#/properties/conditions/maxItems",keyword:"maxItems",params:{limit: 16},message:"must NOT have more than 16 items",schema:16,parentSchema:schema68.properties.conditions,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
let data3 = data2[i0];
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.type === undefined){
const err6 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/$defs/Condition/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'",schema:schema69.required,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data3.status === undefined){
const err7 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/$defs/Condition/required",keyword:"required",params:{missingProperty: "status"},message:"must have required property '"+"status"+"'",schema:schema69.required,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key1 in data3){
if(!((((((key1 === "type") || (key1 === "status")) || (key1 === "reason")) || (key1 === "message")) || (key1 === "lastTransitionTime")) || (key1 === "observedGeneration"))){
const err8 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/$defs/Condition/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data3.type !== undefined){
let data4 = data3.type;
if(typeof data4 === "string"){
if(func1(data4) > 64){
const err9 = {instancePath:instancePath+"/conditions/" + i0+"/type",schemaPath:"#/$defs/Condition/properties/type/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema69.properties.type,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/conditions/" + i0+"/type",schemaPath:"#/$defs/Condition/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.type.type,parentSchema:schema69.properties.type,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data3.status !== undefined){
let data5 = data3.status;
if(typeof data5 !== "string"){
const err11 = {instancePath:instancePath+"/conditions/" + i0+"/status",schemaPath:"#/$defs/Condition/properties/status/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.status.type,parentSchema:schema69.properties.status,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!(((data5 === "True") || (data5 === "False")) || (data5 === "Unknown"))){
const err12 = {instancePath:instancePath+"/conditions/" + i0+"/status",schemaPath:"#/$defs/Condition/properties/status/enum",keyword:"enum",params:{allowedValues: schema69.properties.status.enum},message:"must be equal to one of the allowed values",schema:schema69.properties.status.enum,parentSchema:schema69.properties.status,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data3.reason !== undefined){
let data6 = data3.reason;
if(typeof data6 === "string"){
if(func1(data6) > 128){
const err13 = {instancePath:instancePath+"/conditions/" + i0+"/reason",schemaPath:"#/$defs/Condition/properties/reason/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema69.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/conditions/" + i0+"/reason",schemaPath:"#/$defs/Condition/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.reason.type,parentSchema:schema69.properties.reason,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data3.message !== undefined){
let data7 = data3.message;
if(typeof data7 === "string"){
if(func1(data7) > 4096){
const err15 = {instancePath:instancePath+"/conditions/" + i0+"/message",schemaPath:"#/$defs/Condition/properties/message/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema69.properties.message,data:data7};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/conditions/" + i0+"/message",schemaPath:"#/$defs/Condition/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.message.type,parentSchema:schema69.properties.message,data:data7};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data3.lastTransitionTime !== undefined){
let data8 = data3.lastTransitionTime;
if(typeof data8 === "string"){
if(!(formats0.test(data8))){
const err17 = {instancePath:instancePath+"/conditions/" + i0+"/lastTransitionTime",schemaPath:"#/$defs/Condition/properties/lastTransitionTime/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema69.properties.lastTransitionTime,data:data8};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/conditions/" + i0+"/lastTransitionTime",schemaPath:"#/$defs/Condition/properties/lastTransitionTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema69.properties.lastTransitionTime.type,parentSchema:schema69.properties.lastTransitionTime,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data3.observedGeneration !== undefined){
let data9 = data3.observedGeneration;
if(!(((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))) && (isFinite(data9)))){
const err19 = {instancePath:instancePath+"/conditions/" + i0+"/observedGeneration",schemaPath:"#/$defs/Condition/properties/observedGeneration/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema69.properties.observedGeneration.type,parentSchema:schema69.properties.observedGeneration,data:data9};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data9 == "number") && (isFinite(data9))){
if(data9 < 0 || isNaN(data9)){
const err20 = {instancePath:instancePath+"/conditions/" + i0+"/observedGeneration",schemaPath:"#/$defs/Condition/properties/observedGeneration/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema69.properties.observedGeneration,data:data9};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
}
else {
const err21 = {instancePath:instancePath+"/conditions/" + i0,schemaPath:"#/$defs/Condition/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema69.type,parentSchema:schema69,data:data3};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/conditions",schemaPath:"#/properties/conditions/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema68.properties.conditions.type,parentSchema:schema68.properties.conditions,data:data2};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.resources !== undefined){
let data10 = data.resources;
if(Array.isArray(data10)){
if(data10.length > 500){
const err23 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/maxItems",keyword:"maxItems",params:{limit: 500},message:"must NOT have more than 500 items",schema:500,parentSchema:schema68.properties.resources,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
const len1 = data10.length;
for(let i1=0; i1<len1; i1++){
let data11 = data10[i1];
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.kind === undefined){
const err24 = {instancePath:instancePath+"/resources/" + i1,schemaPath:"#/$defs/ResourceStatusEntry/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema70.required,parentSchema:schema70,data:data11};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(data11.name === undefined){
const err25 = {instancePath:instancePath+"/resources/" + i1,schemaPath:"#/$defs/ResourceStatusEntry/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema70.required,parentSchema:schema70,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data11.state === undefined){
const err26 = {instancePath:instancePath+"/resources/" + i1,schemaPath:"#/$defs/ResourceStatusEntry/required",keyword:"required",params:{missingProperty: "state"},message:"must have required property '"+"state"+"'",schema:schema70.required,parentSchema:schema70,data:data11};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key2 in data11){
if(!((((((key2 === "kind") || (key2 === "name")) || (key2 === "id")) || (key2 === "state")) || (key2 === "lastObservedTime")) || (key2 === "message"))){
const err27 = {instancePath:instancePath+"/resources/" + i1,schemaPath:"#/$defs/ResourceStatusEntry/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema70,data:data11};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data11.kind !== undefined){
let data12 = data11.kind;
if(typeof data12 === "string"){
if(func1(data12) > 64){
const err28 = {instancePath:instancePath+"/resources/" + i1+"/kind",schemaPath:"#/$defs/ResourceStatusEntry/properties/kind/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema70.properties.kind,data:data12};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/resources/" + i1+"/kind",schemaPath:"#/$defs/ResourceStatusEntry/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.kind.type,parentSchema:schema70.properties.kind,data:data12};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data11.name !== undefined){
let data13 = data11.name;
if(typeof data13 === "string"){
if(func1(data13) > 255){
const err30 = {instancePath:instancePath+"/resources/" + i1+"/name",schemaPath:"#/$defs/ResourceStatusEntry/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema70.properties.name,data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/resources/" + i1+"/name",schemaPath:"#/$defs/ResourceStatusEntry/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.name.type,parentSchema:schema70.properties.name,data:data13};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data11.id !== undefined){
let data14 = data11.id;
if(typeof data14 === "string"){
if(func1(data14) > 2048){
const err32 = {instancePath:instancePath+"/resources/" + i1+"/id",schemaPath:"#/$defs/ResourceStatusEntry/properties/id/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema70.properties.id,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/resources/" + i1+"/id",schemaPath:"#/$defs/ResourceStatusEntry/properties/id/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.id.type,parentSchema:schema70.properties.id,data:data14};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data11.state !== undefined){
let data15 = data11.state;
if(typeof data15 === "string"){
if(func1(data15) > 64){
const err34 = {instancePath:instancePath+"/resources/" + i1+"/state",schemaPath:"#/$defs/ResourceStatusEntry/properties/state/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema70.properties.state,data:data15};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/resources/" + i1+"/state",schemaPath:"#/$defs/ResourceStatusEntry/properties/state/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.state.type,parentSchema:schema70.properties.state,data:data15};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
if(data11.lastObservedTime !== undefined){
let data16 = data11.lastObservedTime;
if(typeof data16 === "string"){
if(!(formats0.test(data16))){
const err36 = {instancePath:instancePath+"/resources/" + i1+"/lastObservedTime",schemaPath:"#/$defs/ResourceStatusEntry/properties/lastObservedTime/format",keyword:"format",params:{format: "date-time"},message:"must match format \""+"date-time"+"\"",schema:"date-time",parentSchema:schema70.properties.lastObservedTime,data:data16};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
else {
const err37 = {instancePath:instancePath+"/resources/" + i1+"/lastObservedTime",schemaPath:"#/$defs/ResourceStatusEntry/properties/lastObservedTime/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.lastObservedTime.type,parentSchema:schema70.properties.lastObservedTime,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
if(data11.message !== undefined){
let data17 = data11.message;
if(typeof data17 === "string"){
if(func1(data17) > 4096){
const err38 = {instancePath:instancePath+"/resources/" + i1+"/message",schemaPath:"#/$defs/ResourceStatusEntry/properties/message/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema70.properties.message,data:data17};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
else {
const err39 = {instancePath:instancePath+"/resources/" + i1+"/message",schemaPath:"#/$defs/ResourceStatusEntry/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema70.properties.message.type,parentSchema:schema70.properties.message,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/resources/" + i1,schemaPath:"#/$defs/ResourceStatusEntry/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema70.type,parentSchema:schema70,data:data11};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/resources",schemaPath:"#/properties/resources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema68.properties.resources.type,parentSchema:schema68.properties.resources,data:data10};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.outputs !== undefined){
let data18 = data.outputs;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.tables === undefined){
data18.tables = {};
}
if(data18.securityGroups === undefined){
data18.securityGroups = {};
}
if(data18.vpcEndpoints === undefined){
data18.vpcEndpoints = {};
}
if(data18.tables === undefined){
const err42 = {instancePath:instancePath+"/outputs",schemaPath:"#/$defs/EnvironmentOutputs/required",keyword:"required",params:{missingProperty: "tables"},message:"must have required property '"+"tables"+"'",schema:schema71.required,parentSchema:schema71,data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data18.securityGroups === undefined){
const err43 = {instancePath:instancePath+"/outputs",schemaPath:"#/$defs/EnvironmentOutputs/required",keyword:"required",params:{missingProperty: "securityGroups"},message:"must have required property '"+"securityGroups"+"'",schema:schema71.required,parentSchema:schema71,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
if(data18.vpcEndpoints === undefined){
const err44 = {instancePath:instancePath+"/outputs",schemaPath:"#/$defs/EnvironmentOutputs/required",keyword:"required",params:{missingProperty: "vpcEndpoints"},message:"must have required property '"+"vpcEndpoints"+"'",schema:schema71.required,parentSchema:schema71,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
for(const key3 in data18){
if(!(func5.call(schema71.properties, key3))){
const err45 = {instancePath:instancePath+"/outputs",schemaPath:"#/$defs/EnvironmentOutputs/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema71,data:data18};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
if(data18.redis !== undefined){
let data19 = data18.redis;
if(data19 && typeof data19 == "object" && !Array.isArray(data19)){
if(data19.primaryEndpoint === undefined){
const err46 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/required",keyword:"required",params:{missingProperty: "primaryEndpoint"},message:"must have required property '"+"primaryEndpoint"+"'",schema:schema71.properties.redis.required,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
if(data19.readerEndpoint === undefined){
const err47 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/required",keyword:"required",params:{missingProperty: "readerEndpoint"},message:"must have required property '"+"readerEndpoint"+"'",schema:schema71.properties.redis.required,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data19.port === undefined){
const err48 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema71.properties.redis.required,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data19.tls === undefined){
const err49 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/required",keyword:"required",params:{missingProperty: "tls"},message:"must have required property '"+"tls"+"'",schema:schema71.properties.redis.required,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data19.authMode === undefined){
const err50 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/required",keyword:"required",params:{missingProperty: "authMode"},message:"must have required property '"+"authMode"+"'",schema:schema71.properties.redis.required,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
for(const key4 in data19){
if(!((((((((key4 === "primaryEndpoint") || (key4 === "readerEndpoint")) || (key4 === "port")) || (key4 === "tls")) || (key4 === "authMode")) || (key4 === "secretArn")) || (key4 === "userGroupId")) || (key4 === "userId"))){
const err51 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
if(data19.primaryEndpoint !== undefined){
let data20 = data19.primaryEndpoint;
if(typeof data20 === "string"){
if(func1(data20) > 255){
const err52 = {instancePath:instancePath+"/outputs/redis/primaryEndpoint",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/primaryEndpoint/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.redis.properties.primaryEndpoint,data:data20};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/outputs/redis/primaryEndpoint",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/primaryEndpoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.redis.properties.primaryEndpoint.type,parentSchema:schema71.properties.redis.properties.primaryEndpoint,data:data20};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data19.readerEndpoint !== undefined){
let data21 = data19.readerEndpoint;
if(typeof data21 === "string"){
if(func1(data21) > 255){
const err54 = {instancePath:instancePath+"/outputs/redis/readerEndpoint",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/readerEndpoint/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.redis.properties.readerEndpoint,data:data21};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
else {
const err55 = {instancePath:instancePath+"/outputs/redis/readerEndpoint",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/readerEndpoint/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.redis.properties.readerEndpoint.type,parentSchema:schema71.properties.redis.properties.readerEndpoint,data:data21};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data19.port !== undefined){
let data22 = data19.port;
if(!(((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22))) && (isFinite(data22)))){
const err56 = {instancePath:instancePath+"/outputs/redis/port",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema71.properties.redis.properties.port.type,parentSchema:schema71.properties.redis.properties.port,data:data22};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
if((typeof data22 == "number") && (isFinite(data22))){
if(data22 > 65535 || isNaN(data22)){
const err57 = {instancePath:instancePath+"/outputs/redis/port",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema71.properties.redis.properties.port,data:data22};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(data22 < 1 || isNaN(data22)){
const err58 = {instancePath:instancePath+"/outputs/redis/port",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema71.properties.redis.properties.port,data:data22};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
if(data19.tls !== undefined){
let data23 = data19.tls;
if(typeof data23 !== "boolean"){
const err59 = {instancePath:instancePath+"/outputs/redis/tls",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/tls/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema71.properties.redis.properties.tls.type,parentSchema:schema71.properties.redis.properties.tls,data:data23};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data19.authMode !== undefined){
let data24 = data19.authMode;
if(typeof data24 !== "string"){
const err60 = {instancePath:instancePath+"/outputs/redis/authMode",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/authMode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.redis.properties.authMode.type,parentSchema:schema71.properties.redis.properties.authMode,data:data24};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(!(((data24 === "none") || (data24 === "token")) || (data24 === "iam"))){
const err61 = {instancePath:instancePath+"/outputs/redis/authMode",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/authMode/enum",keyword:"enum",params:{allowedValues: schema71.properties.redis.properties.authMode.enum},message:"must be equal to one of the allowed values",schema:schema71.properties.redis.properties.authMode.enum,parentSchema:schema71.properties.redis.properties.authMode,data:data24};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data19.secretArn !== undefined){
let data25 = data19.secretArn;
if(typeof data25 === "string"){
if(func1(data25) > 2048){
const err62 = {instancePath:instancePath+"/outputs/redis/secretArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/secretArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.redis.properties.secretArn,data:data25};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
else {
const err63 = {instancePath:instancePath+"/outputs/redis/secretArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/secretArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.redis.properties.secretArn.type,parentSchema:schema71.properties.redis.properties.secretArn,data:data25};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data19.userGroupId !== undefined){
let data26 = data19.userGroupId;
if(typeof data26 === "string"){
if(func1(data26) > 255){
const err64 = {instancePath:instancePath+"/outputs/redis/userGroupId",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/userGroupId/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.redis.properties.userGroupId,data:data26};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
else {
const err65 = {instancePath:instancePath+"/outputs/redis/userGroupId",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/userGroupId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.redis.properties.userGroupId.type,parentSchema:schema71.properties.redis.properties.userGroupId,data:data26};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data19.userId !== undefined){
let data27 = data19.userId;
if(typeof data27 === "string"){
if(func1(data27) > 255){
const err66 = {instancePath:instancePath+"/outputs/redis/userId",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/userId/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.redis.properties.userId,data:data27};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
else {
const err67 = {instancePath:instancePath+"/outputs/redis/userId",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/properties/userId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.redis.properties.userId.type,parentSchema:schema71.properties.redis.properties.userId,data:data27};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
else {
const err68 = {instancePath:instancePath+"/outputs/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/redis/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.redis.type,parentSchema:schema71.properties.redis,data:data19};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
if(data18.loadBalancer !== undefined){
let data28 = data18.loadBalancer;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
if(data28.dnsName === undefined){
const err69 = {instancePath:instancePath+"/outputs/loadBalancer",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/required",keyword:"required",params:{missingProperty: "dnsName"},message:"must have required property '"+"dnsName"+"'",schema:schema71.properties.loadBalancer.required,parentSchema:schema71.properties.loadBalancer,data:data28};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
if(data28.arn === undefined){
const err70 = {instancePath:instancePath+"/outputs/loadBalancer",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/required",keyword:"required",params:{missingProperty: "arn"},message:"must have required property '"+"arn"+"'",schema:schema71.properties.loadBalancer.required,parentSchema:schema71.properties.loadBalancer,data:data28};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
for(const key5 in data28){
if(!((key5 === "dnsName") || (key5 === "arn"))){
const err71 = {instancePath:instancePath+"/outputs/loadBalancer",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema71.properties.loadBalancer,data:data28};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data28.dnsName !== undefined){
let data29 = data28.dnsName;
if(typeof data29 === "string"){
if(func1(data29) > 255){
const err72 = {instancePath:instancePath+"/outputs/loadBalancer/dnsName",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/properties/dnsName/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.loadBalancer.properties.dnsName,data:data29};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
else {
const err73 = {instancePath:instancePath+"/outputs/loadBalancer/dnsName",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/properties/dnsName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.loadBalancer.properties.dnsName.type,parentSchema:schema71.properties.loadBalancer.properties.dnsName,data:data29};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data28.arn !== undefined){
let data30 = data28.arn;
if(typeof data30 === "string"){
if(func1(data30) > 2048){
const err74 = {instancePath:instancePath+"/outputs/loadBalancer/arn",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/properties/arn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.loadBalancer.properties.arn,data:data30};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
else {
const err75 = {instancePath:instancePath+"/outputs/loadBalancer/arn",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/properties/arn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.loadBalancer.properties.arn.type,parentSchema:schema71.properties.loadBalancer.properties.arn,data:data30};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
else {
const err76 = {instancePath:instancePath+"/outputs/loadBalancer",schemaPath:"#/$defs/EnvironmentOutputs/properties/loadBalancer/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.loadBalancer.type,parentSchema:schema71.properties.loadBalancer,data:data28};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data18.targetGroupArn !== undefined){
let data31 = data18.targetGroupArn;
if(typeof data31 === "string"){
if(func1(data31) > 2048){
const err77 = {instancePath:instancePath+"/outputs/targetGroupArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/targetGroupArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.targetGroupArn,data:data31};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
else {
const err78 = {instancePath:instancePath+"/outputs/targetGroupArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/targetGroupArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.targetGroupArn.type,parentSchema:schema71.properties.targetGroupArn,data:data31};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
let data32 = data18.tables;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key6 in data32){
let data33 = data32[key6];
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.name === undefined){
const err79 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema71.properties.tables.additionalProperties.required,parentSchema:schema71.properties.tables.additionalProperties,data:data33};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(data33.arn === undefined){
const err80 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/required",keyword:"required",params:{missingProperty: "arn"},message:"must have required property '"+"arn"+"'",schema:schema71.properties.tables.additionalProperties.required,parentSchema:schema71.properties.tables.additionalProperties,data:data33};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
for(const key7 in data33){
if(!((key7 === "name") || (key7 === "arn"))){
const err81 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema71.properties.tables.additionalProperties,data:data33};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data33.name !== undefined){
let data34 = data33.name;
if(typeof data34 === "string"){
if(func1(data34) > 255){
const err82 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/properties/name/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.tables.additionalProperties.properties.name,data:data34};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
else {
const err83 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/name",schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.tables.additionalProperties.properties.name.type,parentSchema:schema71.properties.tables.additionalProperties.properties.name,data:data34};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data33.arn !== undefined){
let data35 = data33.arn;
if(typeof data35 === "string"){
if(func1(data35) > 2048){
const err84 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/arn",schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/properties/arn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.tables.additionalProperties.properties.arn,data:data35};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1")+"/arn",schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/properties/arn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.tables.additionalProperties.properties.arn.type,parentSchema:schema71.properties.tables.additionalProperties.properties.arn,data:data35};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
else {
const err86 = {instancePath:instancePath+"/outputs/tables/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/additionalProperties/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.tables.additionalProperties.type,parentSchema:schema71.properties.tables.additionalProperties,data:data33};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
else {
const err87 = {instancePath:instancePath+"/outputs/tables",schemaPath:"#/$defs/EnvironmentOutputs/properties/tables/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.tables.type,parentSchema:schema71.properties.tables,data:data32};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(data18.cognito !== undefined){
let data36 = data18.cognito;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.userPoolId === undefined){
const err88 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/required",keyword:"required",params:{missingProperty: "userPoolId"},message:"must have required property '"+"userPoolId"+"'",schema:schema71.properties.cognito.required,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
if(data36.userPoolArn === undefined){
const err89 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/required",keyword:"required",params:{missingProperty: "userPoolArn"},message:"must have required property '"+"userPoolArn"+"'",schema:schema71.properties.cognito.required,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
if(data36.clientId === undefined){
const err90 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/required",keyword:"required",params:{missingProperty: "clientId"},message:"must have required property '"+"clientId"+"'",schema:schema71.properties.cognito.required,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
if(data36.issuer === undefined){
const err91 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/required",keyword:"required",params:{missingProperty: "issuer"},message:"must have required property '"+"issuer"+"'",schema:schema71.properties.cognito.required,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
if(data36.jwksUri === undefined){
const err92 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/required",keyword:"required",params:{missingProperty: "jwksUri"},message:"must have required property '"+"jwksUri"+"'",schema:schema71.properties.cognito.required,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
for(const key8 in data36){
if(!((((((key8 === "userPoolId") || (key8 === "userPoolArn")) || (key8 === "clientId")) || (key8 === "issuer")) || (key8 === "jwksUri")) || (key8 === "domain"))){
const err93 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data36.userPoolId !== undefined){
let data37 = data36.userPoolId;
if(typeof data37 === "string"){
if(func1(data37) > 55){
const err94 = {instancePath:instancePath+"/outputs/cognito/userPoolId",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/userPoolId/maxLength",keyword:"maxLength",params:{limit: 55},message:"must NOT have more than 55 characters",schema:55,parentSchema:schema71.properties.cognito.properties.userPoolId,data:data37};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
else {
const err95 = {instancePath:instancePath+"/outputs/cognito/userPoolId",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/userPoolId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.cognito.properties.userPoolId.type,parentSchema:schema71.properties.cognito.properties.userPoolId,data:data37};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data36.userPoolArn !== undefined){
let data38 = data36.userPoolArn;
if(typeof data38 === "string"){
if(func1(data38) > 2048){
const err96 = {instancePath:instancePath+"/outputs/cognito/userPoolArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/userPoolArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.cognito.properties.userPoolArn,data:data38};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
else {
const err97 = {instancePath:instancePath+"/outputs/cognito/userPoolArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/userPoolArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.cognito.properties.userPoolArn.type,parentSchema:schema71.properties.cognito.properties.userPoolArn,data:data38};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
if(data36.clientId !== undefined){
let data39 = data36.clientId;
if(typeof data39 === "string"){
if(func1(data39) > 128){
const err98 = {instancePath:instancePath+"/outputs/cognito/clientId",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/clientId/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters",schema:128,parentSchema:schema71.properties.cognito.properties.clientId,data:data39};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
else {
const err99 = {instancePath:instancePath+"/outputs/cognito/clientId",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/clientId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.cognito.properties.clientId.type,parentSchema:schema71.properties.cognito.properties.clientId,data:data39};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
if(data36.issuer !== undefined){
let data40 = data36.issuer;
if(typeof data40 === "string"){
if(func1(data40) > 2048){
const err100 = {instancePath:instancePath+"/outputs/cognito/issuer",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/issuer/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.cognito.properties.issuer,data:data40};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
else {
const err101 = {instancePath:instancePath+"/outputs/cognito/issuer",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/issuer/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.cognito.properties.issuer.type,parentSchema:schema71.properties.cognito.properties.issuer,data:data40};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
if(data36.jwksUri !== undefined){
let data41 = data36.jwksUri;
if(typeof data41 === "string"){
if(func1(data41) > 2048){
const err102 = {instancePath:instancePath+"/outputs/cognito/jwksUri",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/jwksUri/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.cognito.properties.jwksUri,data:data41};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
else {
const err103 = {instancePath:instancePath+"/outputs/cognito/jwksUri",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/jwksUri/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.cognito.properties.jwksUri.type,parentSchema:schema71.properties.cognito.properties.jwksUri,data:data41};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
if(data36.domain !== undefined){
let data42 = data36.domain;
if(typeof data42 === "string"){
if(func1(data42) > 255){
const err104 = {instancePath:instancePath+"/outputs/cognito/domain",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/domain/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.cognito.properties.domain,data:data42};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
else {
const err105 = {instancePath:instancePath+"/outputs/cognito/domain",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/properties/domain/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.cognito.properties.domain.type,parentSchema:schema71.properties.cognito.properties.domain,data:data42};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
}
}
else {
const err106 = {instancePath:instancePath+"/outputs/cognito",schemaPath:"#/$defs/EnvironmentOutputs/properties/cognito/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.cognito.type,parentSchema:schema71.properties.cognito,data:data36};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
}
if(data18.taskRoleArn !== undefined){
let data43 = data18.taskRoleArn;
if(typeof data43 === "string"){
if(func1(data43) > 2048){
const err107 = {instancePath:instancePath+"/outputs/taskRoleArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/taskRoleArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.taskRoleArn,data:data43};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
else {
const err108 = {instancePath:instancePath+"/outputs/taskRoleArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/taskRoleArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.taskRoleArn.type,parentSchema:schema71.properties.taskRoleArn,data:data43};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data18.gameServer !== undefined){
let data44 = data18.gameServer;
if(data44 && typeof data44 == "object" && !Array.isArray(data44)){
if(data44.cluster === undefined){
const err109 = {instancePath:instancePath+"/outputs/gameServer",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'",schema:schema71.properties.gameServer.required,parentSchema:schema71.properties.gameServer,data:data44};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
if(data44.service === undefined){
const err110 = {instancePath:instancePath+"/outputs/gameServer",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema71.properties.gameServer.required,parentSchema:schema71.properties.gameServer,data:data44};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
if(data44.taskDefinitionArn === undefined){
const err111 = {instancePath:instancePath+"/outputs/gameServer",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/required",keyword:"required",params:{missingProperty: "taskDefinitionArn"},message:"must have required property '"+"taskDefinitionArn"+"'",schema:schema71.properties.gameServer.required,parentSchema:schema71.properties.gameServer,data:data44};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
if(data44.logGroupName === undefined){
const err112 = {instancePath:instancePath+"/outputs/gameServer",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/required",keyword:"required",params:{missingProperty: "logGroupName"},message:"must have required property '"+"logGroupName"+"'",schema:schema71.properties.gameServer.required,parentSchema:schema71.properties.gameServer,data:data44};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
for(const key9 in data44){
if(!(((((key9 === "cluster") || (key9 === "service")) || (key9 === "taskDefinitionArn")) || (key9 === "logGroupName")) || (key9 === "executionRoleArn"))){
const err113 = {instancePath:instancePath+"/outputs/gameServer",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema71.properties.gameServer,data:data44};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data44.cluster !== undefined){
let data45 = data44.cluster;
if(typeof data45 === "string"){
if(func1(data45) > 255){
const err114 = {instancePath:instancePath+"/outputs/gameServer/cluster",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/cluster/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.gameServer.properties.cluster,data:data45};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
else {
const err115 = {instancePath:instancePath+"/outputs/gameServer/cluster",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/cluster/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.gameServer.properties.cluster.type,parentSchema:schema71.properties.gameServer.properties.cluster,data:data45};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
}
if(data44.service !== undefined){
let data46 = data44.service;
if(typeof data46 === "string"){
if(func1(data46) > 255){
const err116 = {instancePath:instancePath+"/outputs/gameServer/service",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/service/maxLength",keyword:"maxLength",params:{limit: 255},message:"must NOT have more than 255 characters",schema:255,parentSchema:schema71.properties.gameServer.properties.service,data:data46};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
else {
const err117 = {instancePath:instancePath+"/outputs/gameServer/service",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.gameServer.properties.service.type,parentSchema:schema71.properties.gameServer.properties.service,data:data46};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
if(data44.taskDefinitionArn !== undefined){
let data47 = data44.taskDefinitionArn;
if(typeof data47 === "string"){
if(func1(data47) > 2048){
const err118 = {instancePath:instancePath+"/outputs/gameServer/taskDefinitionArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/taskDefinitionArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.gameServer.properties.taskDefinitionArn,data:data47};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
else {
const err119 = {instancePath:instancePath+"/outputs/gameServer/taskDefinitionArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/taskDefinitionArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.gameServer.properties.taskDefinitionArn.type,parentSchema:schema71.properties.gameServer.properties.taskDefinitionArn,data:data47};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
}
if(data44.logGroupName !== undefined){
let data48 = data44.logGroupName;
if(typeof data48 === "string"){
if(func1(data48) > 512){
const err120 = {instancePath:instancePath+"/outputs/gameServer/logGroupName",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/logGroupName/maxLength",keyword:"maxLength",params:{limit: 512},message:"must NOT have more than 512 characters",schema:512,parentSchema:schema71.properties.gameServer.properties.logGroupName,data:data48};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
}
else {
const err121 = {instancePath:instancePath+"/outputs/gameServer/logGroupName",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/logGroupName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.gameServer.properties.logGroupName.type,parentSchema:schema71.properties.gameServer.properties.logGroupName,data:data48};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data44.executionRoleArn !== undefined){
let data49 = data44.executionRoleArn;
if(typeof data49 === "string"){
if(func1(data49) > 2048){
const err122 = {instancePath:instancePath+"/outputs/gameServer/executionRoleArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/executionRoleArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.gameServer.properties.executionRoleArn,data:data49};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
else {
const err123 = {instancePath:instancePath+"/outputs/gameServer/executionRoleArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/properties/executionRoleArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.gameServer.properties.executionRoleArn.type,parentSchema:schema71.properties.gameServer.properties.executionRoleArn,data:data49};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
}
else {
const err124 = {instancePath:instancePath+"/outputs/gameServer",schemaPath:"#/$defs/EnvironmentOutputs/properties/gameServer/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.gameServer.type,parentSchema:schema71.properties.gameServer,data:data44};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
let data50 = data18.securityGroups;
if(data50 && typeof data50 == "object" && !Array.isArray(data50)){
for(const key10 in data50){
if(!((((key10 === "alb") || (key10 === "app")) || (key10 === "redis")) || (key10 === "endpoints"))){
const err125 = {instancePath:instancePath+"/outputs/securityGroups",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key10},message:"must NOT have additional properties",schema:false,parentSchema:schema71.properties.securityGroups,data:data50};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
if(data50.alb !== undefined){
let data51 = data50.alb;
if(typeof data51 === "string"){
if(func1(data51) > 64){
const err126 = {instancePath:instancePath+"/outputs/securityGroups/alb",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/alb/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema71.properties.securityGroups.properties.alb,data:data51};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
else {
const err127 = {instancePath:instancePath+"/outputs/securityGroups/alb",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/alb/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.securityGroups.properties.alb.type,parentSchema:schema71.properties.securityGroups.properties.alb,data:data51};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data50.app !== undefined){
let data52 = data50.app;
if(typeof data52 === "string"){
if(func1(data52) > 64){
const err128 = {instancePath:instancePath+"/outputs/securityGroups/app",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/app/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema71.properties.securityGroups.properties.app,data:data52};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
}
else {
const err129 = {instancePath:instancePath+"/outputs/securityGroups/app",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/app/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.securityGroups.properties.app.type,parentSchema:schema71.properties.securityGroups.properties.app,data:data52};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
if(data50.redis !== undefined){
let data53 = data50.redis;
if(typeof data53 === "string"){
if(func1(data53) > 64){
const err130 = {instancePath:instancePath+"/outputs/securityGroups/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/redis/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema71.properties.securityGroups.properties.redis,data:data53};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
else {
const err131 = {instancePath:instancePath+"/outputs/securityGroups/redis",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/redis/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.securityGroups.properties.redis.type,parentSchema:schema71.properties.securityGroups.properties.redis,data:data53};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
}
if(data50.endpoints !== undefined){
let data54 = data50.endpoints;
if(typeof data54 === "string"){
if(func1(data54) > 64){
const err132 = {instancePath:instancePath+"/outputs/securityGroups/endpoints",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/endpoints/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema71.properties.securityGroups.properties.endpoints,data:data54};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
else {
const err133 = {instancePath:instancePath+"/outputs/securityGroups/endpoints",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/properties/endpoints/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.securityGroups.properties.endpoints.type,parentSchema:schema71.properties.securityGroups.properties.endpoints,data:data54};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
}
}
else {
const err134 = {instancePath:instancePath+"/outputs/securityGroups",schemaPath:"#/$defs/EnvironmentOutputs/properties/securityGroups/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.securityGroups.type,parentSchema:schema71.properties.securityGroups,data:data50};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
let data55 = data18.vpcEndpoints;
if(data55 && typeof data55 == "object" && !Array.isArray(data55)){
for(const key11 in data55){
let data56 = data55[key11];
if(typeof data56 === "string"){
if(func1(data56) > 64){
const err135 = {instancePath:instancePath+"/outputs/vpcEndpoints/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/EnvironmentOutputs/properties/vpcEndpoints/additionalProperties/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema71.properties.vpcEndpoints.additionalProperties,data:data56};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
else {
const err136 = {instancePath:instancePath+"/outputs/vpcEndpoints/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/EnvironmentOutputs/properties/vpcEndpoints/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.vpcEndpoints.additionalProperties.type,parentSchema:schema71.properties.vpcEndpoints.additionalProperties,data:data56};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
}
}
else {
const err137 = {instancePath:instancePath+"/outputs/vpcEndpoints",schemaPath:"#/$defs/EnvironmentOutputs/properties/vpcEndpoints/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.properties.vpcEndpoints.type,parentSchema:schema71.properties.vpcEndpoints,data:data55};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
if(data18.alarmArn !== undefined){
let data57 = data18.alarmArn;
if(typeof data57 === "string"){
if(func1(data57) > 2048){
const err138 = {instancePath:instancePath+"/outputs/alarmArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/alarmArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.alarmArn,data:data57};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
}
else {
const err139 = {instancePath:instancePath+"/outputs/alarmArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/alarmArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.alarmArn.type,parentSchema:schema71.properties.alarmArn,data:data57};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
}
if(data18.snsTopicArn !== undefined){
let data58 = data18.snsTopicArn;
if(typeof data58 === "string"){
if(func1(data58) > 2048){
const err140 = {instancePath:instancePath+"/outputs/snsTopicArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/snsTopicArn/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema71.properties.snsTopicArn,data:data58};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
}
else {
const err141 = {instancePath:instancePath+"/outputs/snsTopicArn",schemaPath:"#/$defs/EnvironmentOutputs/properties/snsTopicArn/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema71.properties.snsTopicArn.type,parentSchema:schema71.properties.snsTopicArn,data:data58};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
}
else {
const err142 = {instancePath:instancePath+"/outputs",schemaPath:"#/$defs/EnvironmentOutputs/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema71.type,parentSchema:schema71,data:data18};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
if(data.lastPlan !== undefined){
let data59 = data.lastPlan;
if(data59 && typeof data59 == "object" && !Array.isArray(data59)){
for(const key12 in data59){
if(!(((((key12 === "add") || (key12 === "change")) || (key12 === "destroy")) || (key12 === "blocked")) || (key12 === "text"))){
const err143 = {instancePath:instancePath+"/lastPlan",schemaPath:"#/$defs/PlanSummary/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema72,data:data59};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
if(data59.add !== undefined){
let data60 = data59.add;
if(!(((typeof data60 == "number") && (!(data60 % 1) && !isNaN(data60))) && (isFinite(data60)))){
const err144 = {instancePath:instancePath+"/lastPlan/add",schemaPath:"#/$defs/PlanSummary/properties/add/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema72.properties.add.type,parentSchema:schema72.properties.add,data:data60};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
if((typeof data60 == "number") && (isFinite(data60))){
if(data60 < 0 || isNaN(data60)){
const err145 = {instancePath:instancePath+"/lastPlan/add",schemaPath:"#/$defs/PlanSummary/properties/add/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema72.properties.add,data:data60};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
}
}
if(data59.change !== undefined){
let data61 = data59.change;
if(!(((typeof data61 == "number") && (!(data61 % 1) && !isNaN(data61))) && (isFinite(data61)))){
const err146 = {instancePath:instancePath+"/lastPlan/change",schemaPath:"#/$defs/PlanSummary/properties/change/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema72.properties.change.type,parentSchema:schema72.properties.change,data:data61};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
if((typeof data61 == "number") && (isFinite(data61))){
if(data61 < 0 || isNaN(data61)){
const err147 = {instancePath:instancePath+"/lastPlan/change",schemaPath:"#/$defs/PlanSummary/properties/change/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema72.properties.change,data:data61};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
}
if(data59.destroy !== undefined){
let data62 = data59.destroy;
if(!(((typeof data62 == "number") && (!(data62 % 1) && !isNaN(data62))) && (isFinite(data62)))){
const err148 = {instancePath:instancePath+"/lastPlan/destroy",schemaPath:"#/$defs/PlanSummary/properties/destroy/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema72.properties.destroy.type,parentSchema:schema72.properties.destroy,data:data62};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
if((typeof data62 == "number") && (isFinite(data62))){
if(data62 < 0 || isNaN(data62)){
const err149 = {instancePath:instancePath+"/lastPlan/destroy",schemaPath:"#/$defs/PlanSummary/properties/destroy/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema72.properties.destroy,data:data62};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
}
if(data59.blocked !== undefined){
let data63 = data59.blocked;
if(!(((typeof data63 == "number") && (!(data63 % 1) && !isNaN(data63))) && (isFinite(data63)))){
const err150 = {instancePath:instancePath+"/lastPlan/blocked",schemaPath:"#/$defs/PlanSummary/properties/blocked/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema72.properties.blocked.type,parentSchema:schema72.properties.blocked,data:data63};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
if((typeof data63 == "number") && (isFinite(data63))){
if(data63 < 0 || isNaN(data63)){
const err151 = {instancePath:instancePath+"/lastPlan/blocked",schemaPath:"#/$defs/PlanSummary/properties/blocked/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema72.properties.blocked,data:data63};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
}
if(data59.text !== undefined){
let data64 = data59.text;
if(typeof data64 === "string"){
if(func1(data64) > 32768){
const err152 = {instancePath:instancePath+"/lastPlan/text",schemaPath:"#/$defs/PlanSummary/properties/text/maxLength",keyword:"maxLength",params:{limit: 32768},message:"must NOT have more than 32768 characters",schema:32768,parentSchema:schema72.properties.text,data:data64};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
else {
const err153 = {instancePath:instancePath+"/lastPlan/text",schemaPath:"#/$defs/PlanSummary/properties/text/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema72.properties.text.type,parentSchema:schema72.properties.text,data:data64};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
}
}
else {
const err154 = {instancePath:instancePath+"/lastPlan",schemaPath:"#/$defs/PlanSummary/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema72.type,parentSchema:schema72,data:data59};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data.message !== undefined){
let data65 = data.message;
if(typeof data65 === "string"){
if(func1(data65) > 4096){
const err155 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema68.properties.message,data:data65};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
}
else {
const err156 = {instancePath:instancePath+"/message",schemaPath:"#/properties/message/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.properties.message.type,parentSchema:schema68.properties.message,data:data65};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
}
else {
const err157 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema68.type,parentSchema:schema68,data};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
validate41.errors = vErrors;
return errors === 0;
}
validate41.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="https://gamectl.dev/schemas/gameenvironment.schema.json" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.metadata === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.spec === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec")) || (key0 === "status"))){
const err4 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data0 = data.apiVersion;
if(typeof data0 !== "string"){
const err5 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.apiVersion.type,parentSchema:schema31.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if("gamectl.dev/v1alpha1" !== data0){
const err6 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "gamectl.dev/v1alpha1"},message:"must be equal to constant",schema:"gamectl.dev/v1alpha1",parentSchema:schema31.properties.apiVersion,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.kind !== undefined){
let data1 = data.kind;
if(typeof data1 !== "string"){
const err7 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.kind.type,parentSchema:schema31.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if("GameEnvironment" !== data1){
const err8 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "GameEnvironment"},message:"must be equal to constant",schema:"GameEnvironment",parentSchema:schema31.properties.kind,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.metadata !== undefined){
let data2 = data.metadata;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.namespace === undefined){
data2.namespace = "default";
}
if(data2.name === undefined){
const err9 = {instancePath:instancePath+"/metadata",schemaPath:"#/$defs/ObjectMeta/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema32.required,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key1 in data2){
if(!((((key1 === "name") || (key1 === "namespace")) || (key1 === "labels")) || (key1 === "annotations"))){
const err10 = {instancePath:instancePath+"/metadata",schemaPath:"#/$defs/ObjectMeta/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.name !== undefined){
let data3 = data2.name;
if(typeof data3 === "string"){
if(func1(data3) > 30){
const err11 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/$defs/ObjectMeta/properties/name/maxLength",keyword:"maxLength",params:{limit: 30},message:"must NOT have more than 30 characters",schema:30,parentSchema:schema32.properties.name,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func1(data3) < 1){
const err12 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/$defs/ObjectMeta/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.name,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern4.test(data3)){
const err13 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/$defs/ObjectMeta/properties/name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema32.properties.name,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/metadata/name",schemaPath:"#/$defs/ObjectMeta/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.name.type,parentSchema:schema32.properties.name,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
let data4 = data2.namespace;
if(typeof data4 === "string"){
if(func1(data4) > 63){
const err15 = {instancePath:instancePath+"/metadata/namespace",schemaPath:"#/$defs/ObjectMeta/properties/namespace/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema32.properties.namespace,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(func1(data4) < 1){
const err16 = {instancePath:instancePath+"/metadata/namespace",schemaPath:"#/$defs/ObjectMeta/properties/namespace/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32.properties.namespace,data:data4};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!pattern4.test(data4)){
const err17 = {instancePath:instancePath+"/metadata/namespace",schemaPath:"#/$defs/ObjectMeta/properties/namespace/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema32.properties.namespace,data:data4};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/metadata/namespace",schemaPath:"#/$defs/ObjectMeta/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.namespace.type,parentSchema:schema32.properties.namespace,data:data4};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(data2.labels !== undefined){
let data5 = data2.labels;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
for(const key2 in data5){
let data6 = data5[key2];
if(typeof data6 !== "string"){
const err19 = {instancePath:instancePath+"/metadata/labels/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/ObjectMeta/properties/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.labels.additionalProperties.type,parentSchema:schema32.properties.labels.additionalProperties,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/metadata/labels",schemaPath:"#/$defs/ObjectMeta/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.labels.type,parentSchema:schema32.properties.labels,data:data5};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data2.annotations !== undefined){
let data7 = data2.annotations;
if(data7 && typeof data7 == "object" && !Array.isArray(data7)){
for(const key3 in data7){
let data8 = data7[key3];
if(typeof data8 !== "string"){
const err21 = {instancePath:instancePath+"/metadata/annotations/" + key3.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/ObjectMeta/properties/annotations/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.annotations.additionalProperties.type,parentSchema:schema32.properties.annotations.additionalProperties,data:data8};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/metadata/annotations",schemaPath:"#/$defs/ObjectMeta/properties/annotations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.properties.annotations.type,parentSchema:schema32.properties.annotations,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/metadata",schemaPath:"#/$defs/ObjectMeta/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema32.type,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.spec !== undefined){
if(!(validate21(data.spec, {instancePath:instancePath+"/spec",parentData:data,parentDataProperty:"spec",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
if(data.status !== undefined){
if(!(validate41(data.status, {instancePath:instancePath+"/status",parentData:data,parentDataProperty:"status",rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate41.errors : vErrors.concat(validate41.errors);
errors = vErrors.length;
}
}
}
else {
const err24 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

