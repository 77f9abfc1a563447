import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { CloudWatchClient, DeleteAlarmsCommand, PutDashboardCommand, PutMetricAlarmCommand, PutMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  AdminConfirmSignUpCommand, CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand, DeleteUserPoolCommand,
  InitiateAuthCommand, SignUpCommand, UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { CreateCacheSubnetGroupCommand, CreateReplicationGroupCommand, DeleteCacheSubnetGroupCommand, DescribeReplicationGroupsCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import {
  AddTagsCommand, CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, DeleteListenerCommand, DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand, ElasticLoadBalancingV2Client, ModifyLoadBalancerAttributesCommand, ModifyTargetGroupCommand,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, IAMClient, PutRolePolicyCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { CreateTopicCommand, DeleteTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMoto, type MotoService } from "../env/moto.ts";
import { bootstrapAdmin, containerCredentialsUri, mapElastiCacheEndpoints, recordedRequests, type BootstrapAdmin } from "./admin.ts";

/**
 * The launcher's --enforce-iam mode: signatures and identity policies are checked with the resources
 * AWS uses (table and index ARNs, per-item transaction actions, secret ARNs), and a task role's
 * credentials come from the ECS-style endpoint, read by the AWS SDK's own default chain.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const account = "123456789012";
const region = "us-east-1";
const tableArn = `arn:aws:dynamodb:${region}:${account}:table/profiles`;
const ecsTrust = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }] });

let moto: MotoService;
let admin: BootstrapAdmin;
let allowedSecretArn: string;

function adminConfig() {
  return { region, endpoint: moto.endpoint, credentials: { accessKeyId: admin.accessKeyId, secretAccessKey: admin.secretAccessKey } };
}

/** A new IAM user with exactly these policy statements; the client config that signs with its keys. */
async function userWithPolicy(userName: string, statements: readonly object[]) {
  const iam = new IAMClient(adminConfig());
  await iam.send(new CreateUserCommand({ UserName: userName }));
  await iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: "mine", PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: statements }) }));
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey!;
  iam.destroy();
  return { region, endpoint: moto.endpoint, maxAttempts: 1, credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! } };
}

/**
 * Runs AWS calls in a fresh node process whose only credential source is AWS_CONTAINER_CREDENTIALS_FULL_URI,
 * as in an ECS task: the SDK's default chain must find it. Prints one `name: ok|<error name>` line per call.
 */
async function asTask(roleName: string, calls: string): Promise<Record<string, string>> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH, HOME: process.env.HOME, AWS_REGION: region, AWS_ENDPOINT_URL: moto.endpoint,
    AWS_CONTAINER_CREDENTIALS_FULL_URI: containerCredentialsUri(moto.endpoint, roleName),
    // No profile files: the container provider must be the one that answers.
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent", AWS_CONFIG_FILE: "/nonexistent",
  };
  const script = `
    import * as ddb from "@aws-sdk/client-dynamodb";
    import * as sm from "@aws-sdk/client-secrets-manager";
    import * as ecsSdk from "@aws-sdk/client-ecs";
    const dynamo = new ddb.DynamoDBClient({ maxAttempts: 1 });
    const ecs = new ecsSdk.ECSClient({ maxAttempts: 1 });
    const secrets = new sm.SecretsManagerClient({ maxAttempts: 1 });
    const results = {};
    const attempt = async (name, call) => { try { await call(); results[name] = "ok"; } catch (e) { results[name] = e.name; } };
    ${calls}
    console.log(JSON.stringify(results));`;
  const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env, timeout: 30_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, string>;
}

beforeAll(async () => {
  moto = await startMoto({ enforceIam: true });
  admin = await bootstrapAdmin(moto.endpoint);
  const dynamo = new DynamoDBClient(adminConfig());
  await dynamo.send(new CreateTableCommand({
    TableName: "profiles", BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "playerId", AttributeType: "S" }, { AttributeName: "board", AttributeType: "S" }, { AttributeName: "rating", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "playerId", KeyType: "HASH" }],
    GlobalSecondaryIndexes: [{ IndexName: "by-rating", KeySchema: [{ AttributeName: "board", KeyType: "HASH" }, { AttributeName: "rating", KeyType: "RANGE" }], Projection: { ProjectionType: "ALL" } }],
  }));
  const secrets = new SecretsManagerClient(adminConfig());
  allowedSecretArn = (await secrets.send(new CreateSecretCommand({ Name: "allowed", SecretString: "s1" }))).ARN!;
  await secrets.send(new CreateSecretCommand({ Name: "other", SecretString: "s2" }));
  const iam = new IAMClient(adminConfig());
  await iam.send(new CreateRoleCommand({ RoleName: "game-task", AssumeRolePolicyDocument: ecsTrust }));
  await iam.send(new PutRolePolicyCommand({
    RoleName: "game-task", PolicyName: "game",
    PolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: tableArn },
        { Effect: "Allow", Action: "dynamodb:Query", Resource: `${tableArn}/index/by-rating` },
        { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: allowedSecretArn },
        { Effect: "Allow", Action: "cloudwatch:PutMetricData", Resource: "*", Condition: { StringEquals: { "cloudwatch:namespace": "GameMetrics" } } },
      ],
    }),
  }));
  await iam.send(new CreateRoleCommand({ RoleName: "lambda-only", AssumeRolePolicyDocument: ecsTrust.replace("ecs-tasks", "lambda") }));
  const ecs = new ECSClient(adminConfig());
  const clusterArn = (await ecs.send(new CreateClusterCommand({ clusterName: "arena" }))).cluster!.clusterArn!;
  await ecs.send(new CreateClusterCommand({ clusterName: "other" }));
  const family = (await ecs.send(new RegisterTaskDefinitionCommand({ family: "game", containerDefinitions: [{ name: "game", image: "game:1", memory: 512 }] }))).taskDefinition!.taskDefinitionArn!;
  for (const cluster of ["arena", "other"]) await ecs.send(new CreateServiceCommand({ cluster, serviceName: "game", taskDefinition: family, desiredCount: 1 }));
  await iam.send(new CreateRoleCommand({ RoleName: "operator", AssumeRolePolicyDocument: ecsTrust }));
  await iam.send(new PutRolePolicyCommand({
    RoleName: "operator", PolicyName: "ecs",
    PolicyDocument: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: "ecs:DescribeServices", Resource: `arn:aws:ecs:${region}:${account}:service/arena/*` },
        { Effect: "Allow", Action: "ecs:ListServices", Resource: "*", Condition: { ArnEquals: { "ecs:cluster": clusterArn } } },
      ],
    }),
  }));
}, 60_000);

afterAll(async () => {
  await moto?.stop();
});

describe("moto launcher --enforce-iam", () => {
  it("refuses keys it did not issue and lets the bootstrap administrator do anything", async () => {
    expect(admin.enforcing, "the launcher was started with --enforce-iam").toBe(true);
    const stranger = new DynamoDBClient({ region, endpoint: moto.endpoint, credentials: { accessKeyId: "AKIAEXAMPLEEXAMPLE00", secretAccessKey: "x" }, maxAttempts: 1 });
    await expect(stranger.send(new ListTablesCommand({}))).rejects.toThrow();
    const tables = await new DynamoDBClient(adminConfig()).send(new ListTablesCommand({}));
    expect(tables.TableNames).toContain("profiles");
  });

  it("authorizes a task role's calls against table, index and secret ARNs, as AWS does", async () => {
    const results = await asTask("game-task", `
      await attempt("GetItem", () => dynamo.send(new ddb.GetItemCommand({ TableName: "profiles", Key: { playerId: { S: "p1" } } })));
      await attempt("PutItem", () => dynamo.send(new ddb.PutItemCommand({ TableName: "profiles", Item: { playerId: { S: "p1" }, board: { S: "rating" }, rating: { N: "1200" } } })));
      await attempt("QueryIndex", () => dynamo.send(new ddb.QueryCommand({ TableName: "profiles", IndexName: "by-rating", KeyConditionExpression: "board = :b", ExpressionAttributeValues: { ":b": { S: "rating" } } })));
      await attempt("QueryTable", () => dynamo.send(new ddb.QueryCommand({ TableName: "profiles", KeyConditionExpression: "playerId = :p", ExpressionAttributeValues: { ":p": { S: "p1" } } })));
      await attempt("Scan", () => dynamo.send(new ddb.ScanCommand({ TableName: "profiles" })));
      await attempt("DescribeTable", () => dynamo.send(new ddb.DescribeTableCommand({ TableName: "profiles" })));
      await attempt("TransactPut", () => dynamo.send(new ddb.TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: "profiles", Item: { playerId: { S: "p2" } } } }] })));
      await attempt("TransactDelete", () => dynamo.send(new ddb.TransactWriteItemsCommand({ TransactItems: [{ Delete: { TableName: "profiles", Key: { playerId: { S: "p2" } } } }] })));
      await attempt("SecretAllowed", () => secrets.send(new sm.GetSecretValueCommand({ SecretId: "allowed" })));
      await attempt("SecretOther", () => secrets.send(new sm.GetSecretValueCommand({ SecretId: "other" })));
    `);
    expect(results).toEqual({
      GetItem: "ok", PutItem: "ok", QueryIndex: "ok", TransactPut: "ok", SecretAllowed: "ok",
      // Not granted: the table itself for Query, Scan, DescribeTable, DeleteItem inside a transaction, another secret.
      QueryTable: "AccessDeniedException", Scan: "AccessDeniedException", DescribeTable: "AccessDeniedException",
      TransactDelete: "AccessDeniedException", SecretOther: "AccessDeniedException",
    });
    const denied = (await recordedRequests(moto.endpoint)).filter((r) => r.error === "AccessDeniedException");
    expect(denied.filter((r) => r.service === "dynamodb" || r.service === "secretsmanager").map((r) => r.operation).sort()).toEqual(["DescribeTable", "GetSecretValue", "Query", "Scan", "TransactWriteItems"]);
    expect(denied.every((r) => r.status === 400)).toBe(true);
  });

  it("authorizes ECS calls on service and cluster ARNs, with the ecs:cluster condition key", async () => {
    const results = await asTask("operator", `
      await attempt("DescribeArena", () => ecs.send(new ecsSdk.DescribeServicesCommand({ cluster: "arena", services: ["game"] })));
      await attempt("DescribeOther", () => ecs.send(new ecsSdk.DescribeServicesCommand({ cluster: "other", services: ["game"] })));
      await attempt("ListArena", () => ecs.send(new ecsSdk.ListServicesCommand({ cluster: "arena" })));
      await attempt("ListOther", () => ecs.send(new ecsSdk.ListServicesCommand({ cluster: "other" })));
      await attempt("UpdateArena", () => ecs.send(new ecsSdk.UpdateServiceCommand({ cluster: "arena", service: "game", desiredCount: 2 })));
    `);
    expect(results).toEqual({ DescribeArena: "ok", ListArena: "ok", DescribeOther: "AccessDeniedException", ListOther: "AccessDeniedException", UpdateArena: "AccessDeniedException" });
  });

  it("authorizes ElastiCache, alarm, dashboard and topic calls on their ARNs, so a policy can name them", async () => {
    const scoped = await userWithPolicy("scoped", [{
      Effect: "Allow", Action: ["elasticache:DeleteCacheSubnetGroup", "cloudwatch:DeleteAlarms", "cloudwatch:PutDashboard", "sns:DeleteTopic"],
      Resource: [`arn:aws:elasticache:${region}:${account}:subnetgroup:mine-*`, `arn:aws:cloudwatch:${region}:${account}:alarm:mine-*`,
        `arn:aws:cloudwatch::${account}:dashboard/mine-*`, `arn:aws:sns:${region}:${account}:mine-*`],
    }]);
    const ec2 = new EC2Client(adminConfig());
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.77.0.0/16" }))).Vpc!.VpcId!;
    const subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: "10.77.1.0/24" }))).Subnet!.SubnetId!;
    const topics: Record<string, string> = {};
    for (const name of ["mine-1", "other-1"]) {
      await new ElastiCacheClient(adminConfig()).send(new CreateCacheSubnetGroupCommand({ CacheSubnetGroupName: name, CacheSubnetGroupDescription: name, SubnetIds: [subnet] }));
      await new CloudWatchClient(adminConfig()).send(new PutMetricAlarmCommand({
        AlarmName: name, Namespace: "N", MetricName: "M", Statistic: "Sum", Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanThreshold",
      }));
      topics[name] = (await new SNSClient(adminConfig()).send(new CreateTopicCommand({ Name: name }))).TopicArn!;
    }
    const outcome = (call: Promise<unknown>) => call.then(() => "ok", (error: Error) => (/AccessDenied|AuthorizationError/.test(error.name) ? "denied" : error.name));
    const results: Record<string, string> = {};
    for (const name of ["mine-1", "other-1"]) {
      results[`subnet group ${name}`] = await outcome(new ElastiCacheClient(scoped).send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: name })));
      results[`alarm ${name}`] = await outcome(new CloudWatchClient(scoped).send(new DeleteAlarmsCommand({ AlarmNames: [name] })));
      results[`dashboard ${name}`] = await outcome(new CloudWatchClient(scoped).send(new PutDashboardCommand({ DashboardName: name, DashboardBody: JSON.stringify({ widgets: [] }) })));
      results[`topic ${name}`] = await outcome(new SNSClient(scoped).send(new DeleteTopicCommand({ TopicArn: topics[name] })));
    }
    expect(results).toEqual({
      "subnet group mine-1": "ok", "alarm mine-1": "ok", "dashboard mine-1": "ok", "topic mine-1": "ok",
      "subnet group other-1": "denied", "alarm other-1": "denied", "dashboard other-1": "denied", "topic other-1": "denied",
    });
  });

  it("authorizes load balancer, target group and listener calls on their ARNs, and tags at create as elasticloadbalancing:AddTags", async () => {
    const arn = `arn:aws:elasticloadbalancing:${region}:${account}`;
    const owned = [`${arn}:loadbalancer/app/mine-*/*`, `${arn}:targetgroup/mine-*/*`, `${arn}:listener/app/mine-*/*`];
    const scoped = new ElasticLoadBalancingV2Client(await userWithPolicy("balancer", [
      {
        Effect: "Allow", Resource: owned,
        Action: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:CreateListener",
          "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DeleteTargetGroup"],
      },
      // Tags only within a create, on the resource being created.
      {
        Effect: "Allow", Action: "elasticloadbalancing:AddTags", Resource: owned,
        Condition: { StringEquals: { "elasticloadbalancing:CreateAction": ["CreateLoadBalancer", "CreateTargetGroup", "CreateListener"] } },
      },
    ]));
    const elb = new ElasticLoadBalancingV2Client(adminConfig());
    const ec2 = new EC2Client(adminConfig());
    const vpc = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.78.0.0/16" }))).Vpc!.VpcId!;
    const subnets = await Promise.all(["a", "b"].map(async (zone, i) => (await ec2.send(new CreateSubnetCommand({
      VpcId: vpc, CidrBlock: `10.78.${i}.0/24`, AvailabilityZone: `${region}${zone}`,
    }))).Subnet!.SubnetId!));
    const tags = [{ Key: "team", Value: "arena" }];
    const createBalancer = (client: ElasticLoadBalancingV2Client, name: string) => client.send(new CreateLoadBalancerCommand({ Name: name, Subnets: subnets, Tags: tags }));
    const createGroup = (client: ElasticLoadBalancingV2Client, name: string) => client.send(new CreateTargetGroupCommand({
      Name: name, Protocol: "HTTP", Port: 80, VpcId: vpc, TargetType: "ip", Tags: tags,
    }));
    const existing: Record<string, { balancer: string; group: string; listener: string }> = {};
    for (const name of ["mine-1", "other-1"]) {
      const balancer = (await createBalancer(elb, name)).LoadBalancers![0]!.LoadBalancerArn!;
      const group = (await createGroup(elb, name)).TargetGroups![0]!.TargetGroupArn!;
      const listener = (await elb.send(new CreateListenerCommand({
        LoadBalancerArn: balancer, Port: 80, Protocol: "HTTP", DefaultActions: [{ Type: "forward", TargetGroupArn: group }],
      }))).Listeners![0]!.ListenerArn!;
      existing[name] = { balancer, group, listener };
    }
    const outcome = (call: Promise<unknown>) => call.then(() => "ok", (error: Error) => (/AccessDenied/.test(error.name) ? "denied" : error.name));
    const results: Record<string, string> = {};
    for (const owner of ["mine", "other"]) {
      const { balancer, group, listener } = existing[`${owner}-1`]!;
      results[`${owner}: create load balancer`] = await outcome(createBalancer(scoped, `${owner}-2`));
      results[`${owner}: create target group`] = await outcome(createGroup(scoped, `${owner}-2`));
      results[`${owner}: create listener`] = await outcome(scoped.send(new CreateListenerCommand({
        LoadBalancerArn: balancer, Port: 8080, Protocol: "HTTP", Tags: tags, DefaultActions: [{ Type: "forward", TargetGroupArn: group }],
      })));
      results[`${owner}: tag outside a create`] = await outcome(scoped.send(new AddTagsCommand({ ResourceArns: [balancer], Tags: tags })));
      results[`${owner}: modify target group`] = await outcome(scoped.send(new ModifyTargetGroupCommand({ TargetGroupArn: group, HealthCheckPath: "/health" })));
      results[`${owner}: modify load balancer`] = await outcome(scoped.send(new ModifyLoadBalancerAttributesCommand({
        LoadBalancerArn: balancer, Attributes: [{ Key: "idle_timeout.timeout_seconds", Value: "120" }],
      })));
      results[`${owner}: delete listener`] = await outcome(scoped.send(new DeleteListenerCommand({ ListenerArn: listener })));
      results[`${owner}: delete load balancer`] = await outcome(scoped.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: balancer })));
      results[`${owner}: delete target group`] = await outcome(scoped.send(new DeleteTargetGroupCommand({ TargetGroupArn: group })));
    }
    const allowed = ["create load balancer", "create target group", "create listener", "modify target group", "modify load balancer", "delete listener", "delete load balancer", "delete target group"];
    expect(results).toEqual({
      ...Object.fromEntries(allowed.map((call) => [`mine: ${call}`, "ok"])),
      ...Object.fromEntries(allowed.map((call) => [`other: ${call}`, "denied"])),
      // AddTags is granted only with elasticloadbalancing:CreateAction, which a plain AddTags call does not carry.
      "mine: tag outside a create": "denied", "other: tag outside a create": "denied",
    });
    scoped.destroy();
    elb.destroy();
  });

  it("evaluates a condition with the request's own keys (cloudwatch:namespace)", async () => {
    const credentials = await (await fetch(containerCredentialsUri(moto.endpoint, "game-task"))).json() as { AccessKeyId: string; SecretAccessKey: string; Token: string };
    const cloudwatch = new CloudWatchClient({ region, endpoint: moto.endpoint, maxAttempts: 1, credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.Token } });
    const put = (namespace: string) => cloudwatch.send(new PutMetricDataCommand({ Namespace: namespace, MetricData: [{ MetricName: "QueueLength", Value: 1 }] }));
    await put("GameMetrics");
    await expect(put("SomethingElse")).rejects.toThrow(/not authorized/);
  });

  it("authorizes Cognito calls on the user pool's ARN with its tags and the request's, and no policy for a public client's calls", async () => {
    const owned = { "gamectl.dev/managed-by": "gamectl" };
    const cognitoAdmin = new CognitoIdentityProviderClient(adminConfig());
    const ownPool = (await cognitoAdmin.send(new CreateUserPoolCommand({ PoolName: "own", UserPoolTags: owned }))).UserPool!;
    const foreignPool = (await cognitoAdmin.send(new CreateUserPoolCommand({ PoolName: "foreign" }))).UserPool!;
    const clientOf = async (userPoolId: string) => (await cognitoAdmin.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId, ClientName: "game", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    }))).UserPoolClient!.ClientId!;
    const [ownClient, foreignClient] = [await clientOf(ownPool.Id!), await clientOf(foreignPool.Id!)];
    cognitoAdmin.destroy();
    const iam = new IAMClient(adminConfig());
    await iam.send(new CreateRoleCommand({ RoleName: "pool-keeper", AssumeRolePolicyDocument: ecsTrust }));
    await iam.send(new PutRolePolicyCommand({
      RoleName: "pool-keeper", PolicyName: "cognito",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          // The game server's task role: confirm sign-ups of its own pool only.
          { Effect: "Allow", Action: "cognito-idp:AdminConfirmSignUp", Resource: ownPool.Arn },
          // The controller's shape: create only with the ownership tag, change only what carries it.
          { Effect: "Allow", Action: "cognito-idp:CreateUserPool", Resource: "*", Condition: { StringEquals: { "aws:RequestTag/gamectl.dev/managed-by": "gamectl" } } },
          {
            Effect: "Allow", Action: ["cognito-idp:UpdateUserPool", "cognito-idp:DeleteUserPool"], Resource: "*",
            Condition: { StringEquals: { "aws:ResourceTag/gamectl.dev/managed-by": "gamectl" }, StringEqualsIfExists: { "aws:RequestTag/gamectl.dev/managed-by": "gamectl" } },
          },
        ],
      }),
    }));
    iam.destroy();
    const credentials = await (await fetch(containerCredentialsUri(moto.endpoint, "pool-keeper"))).json() as { AccessKeyId: string; SecretAccessKey: string; Token: string };
    const cognito = new CognitoIdentityProviderClient({
      region, endpoint: moto.endpoint, maxAttempts: 1, credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.Token },
    });
    const outcome = (call: Promise<unknown>) => call.then(() => "ok", (error: Error) => error.name);
    // Sign-up and sign-in through a public client: signed with the role's keys, which grant neither, as the game server's SDK does.
    const signUp = (clientId: string, username: string) => outcome(cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: "Correct-horse-7" })));
    const confirm = (userPoolId: string, username: string) => outcome(cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username })));
    const results = {
      signUpOwn: await signUp(ownClient, "ann"), signUpForeign: await signUp(foreignClient, "bob"),
      confirmOwn: await confirm(ownPool.Id!, "ann"), confirmForeign: await confirm(foreignPool.Id!, "bob"),
      signIn: await outcome(cognito.send(new InitiateAuthCommand({ ClientId: ownClient, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "ann", PASSWORD: "Correct-horse-7" } }))),
      createTagged: await outcome(cognito.send(new CreateUserPoolCommand({ PoolName: "new", UserPoolTags: owned }))),
      createUntagged: await outcome(cognito.send(new CreateUserPoolCommand({ PoolName: "untagged" }))),
      updateOwn: await outcome(cognito.send(new UpdateUserPoolCommand({ UserPoolId: ownPool.Id!, UserPoolTags: owned }))),
      updateOwnDroppingTheTag: await outcome(cognito.send(new UpdateUserPoolCommand({ UserPoolId: ownPool.Id!, UserPoolTags: { "gamectl.dev/managed-by": "someone" } }))),
      updateForeign: await outcome(cognito.send(new UpdateUserPoolCommand({ UserPoolId: foreignPool.Id!, UserPoolTags: owned }))),
      deleteForeign: await outcome(cognito.send(new DeleteUserPoolCommand({ UserPoolId: foreignPool.Id! }))),
    };
    cognito.destroy();
    expect(results).toEqual({
      signUpOwn: "ok", signUpForeign: "ok", confirmOwn: "ok", confirmForeign: "AccessDeniedException", signIn: "ok",
      createTagged: "ok", createUntagged: "AccessDeniedException",
      updateOwn: "ok", updateOwnDroppingTheTag: "AccessDeniedException", updateForeign: "AccessDeniedException", deleteForeign: "AccessDeniedException",
    });
  });

  it("serves task-role credentials only for a role that trusts ecs-tasks.amazonaws.com", async () => {
    const good = await fetch(containerCredentialsUri(moto.endpoint, "game-task"));
    expect(good.status).toBe(200);
    const body = await good.json() as Record<string, string>;
    expect(Object.keys(body).sort()).toEqual(["AccessKeyId", "Expiration", "RoleArn", "SecretAccessKey", "Token"]);
    expect(body.RoleArn).toBe(`arn:aws:iam::${account}:role/game-task`);
    expect(Date.parse(body.Expiration!)).toBeGreaterThan(Date.now());
    const refused = await fetch(containerCredentialsUri(moto.endpoint, "lambda-only"));
    expect(refused.status, await refused.text()).toBe(403);
    expect((await fetch(containerCredentialsUri(moto.endpoint, "no-such-role"))).status).toBe(404);
  });

  it("maps every ElastiCache endpoint to a test address, keeping the port", async () => {
    const elasticache = new ElastiCacheClient(adminConfig());
    await elasticache.send(new CreateReplicationGroupCommand({ ReplicationGroupId: "mapped", ReplicationGroupDescription: "d", NumCacheClusters: 1, CacheNodeType: "cache.t4g.micro", Engine: "redis", Port: 6380 }));
    await mapElastiCacheEndpoints(moto.endpoint, "127.0.0.1");
    const group = (await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "mapped" }))).ReplicationGroups![0]!;
    expect(group.NodeGroups![0]!.PrimaryEndpoint).toEqual({ Address: "127.0.0.1", Port: 6380 });
  });
});
