import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { DynamoDBClient, QueryCommand } from "@aws-sdk/client-dynamodb";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { cognitoServerVariables, gameMetricNamespace, serverVariables } from "../../src/contract/game-server.ts";
import { accessKeySecret, authorizeKey, bootstrapAdmin, mapElastiCacheEndpoints, recordedRequests } from "../aws/admin.ts";
import { startMoto, type MotoService } from "../env/moto.ts";
import { startRedis, type RedisService } from "../env/redis.ts";
import { convergeFully, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";
import { cognitoHost, startCognitoFront, type CognitoFront } from "./harness/cognito-front.ts";
import { playMatch, relayedConnections, runDeployed, teardown, type Deployment } from "./harness/game.ts";
import { startIamAuthProxy, type IamAuthProxy } from "./harness/iam-auth-proxy.ts";
import { serviceSecurityGroups, type AwsTarget, type DeployedGameServer } from "./harness/task.ts";
import { makeCertificates, startTlsRedis, type TestCertificates, type TlsRedis } from "./harness/tls-redis.ts";

/**
 * Issue 12's proof: `gamectl apply` on a manifest deploys a game that works, in the shape it runs in production.
 *
 * moto runs with IAM enforced; the controller applies the manifest with an administrator's keys; the test then
 * reads the task definition back from the ECS API and starts two server processes exactly as it says (command
 * from the image, environment, secrets resolved with the execution role, task-role credentials from the ECS
 * credentials endpoint, ECS task metadata), behind a round-robin TCP proxy. Real Colyseus bots play a match.
 *
 * Which assertion catches which defect of the issue:
 *   1 (server image starts a file that only exports)     -> "starts two tasks ..." (the command exits 0 before /health)
 *   2 (task role lacks Scan/DescribeTable; extra grants)  -> "/ready and /leaderboard answer 200" and "no AccessDenied"
 *   3 (alarm without the dimensions the server publishes) -> "the latency alarm watches the series the server prints"
 *   5 (relay advertises 127.0.0.1; SG lacks self rule)     -> "reads its address from task metadata", "admits itself", bots through the proxy
 *   6 (no ECS service with role, SG, subnets, env)        -> "registers a task definition and a service ..."
 *   4 (prod.yaml's authentication: iam refused at start) -> the IAM variant: "starts two tasks ..." and
 *                                                           "authenticates to Redis with IAM tokens the check accepts"
 *   7/8 (cluster mode) are covered by the server's and the controller's own suites.
 *
 * Issue 16 (dev.yaml's user pool): the bots sign up and sign in through the server's /players routes, against the
 * pool the controller created, and join with its ID tokens; "plays a match ..." fails if the server does not start
 * (COGNITO_AUTO_CONFIRM refused under the image's NODE_ENV=production), cannot confirm (the task role lacks
 * AdminConfirmSignUp) or cannot fetch the pool's JWKS; "confirms sign-ups with AdminConfirmSignUp under the task
 * role" checks who made the call.
 */

const manifestFile = fileURLToPath(new URL("../../manifests/examples/dev.yaml", import.meta.url));
const jwtSecret = "e2e-jwt-secret-0123456789abcdef";
const matchDurationMs = 4_000;

let moto: MotoService;
let admin: AwsTarget;
let network: TestNetwork;
let jwtSecretArn: string;
let certs: TestCertificates;
let internet: CognitoFront;

beforeAll(async () => {
  moto = await startMoto({ enforceIam: true });
  const keys = await bootstrapAdmin(moto.endpoint);
  expect(keys.enforcing, "the launcher enforces IAM").toBe(true);
  admin = { endpoint: moto.endpoint, region: "us-east-1", credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey } };
  // Every ElastiCache endpoint is the test's own redis-server on loopback (ports stay as each manifest asks).
  await mapElastiCacheEndpoints(moto.endpoint, "127.0.0.1");
  // The test CA signs every TLS server a task meets: ElastiCache with in-transit encryption, and the Cognito host,
  // whose JWKS the deployed server fetches from AWS's own URL (the task definition's COGNITO_JWKS_URI); the front
  // answers it with the launcher's JWKS of the same pool.
  certs = makeCertificates({ dnsNames: [cognitoHost("us-east-1")] });
  internet = await startCognitoFront({ certs, region: "us-east-1", launcher: moto.endpoint });
  network = await createNetwork(admin);
  const secrets = new SecretsManagerClient(admin);
  jwtSecretArn = (await secrets.send(new CreateSecretCommand({ Name: "arena/jwt", SecretString: jwtSecret }))).ARN!;
  secrets.destroy();
}, 60_000);

afterAll(async () => {
  await internet?.close();
  await moto?.stop();
  certs?.remove();
});

/**
 * dev.yaml as a user has it (its user pool included), with what only the test can supply: its network, its Redis
 * port, a short match, and a JWT secret that exists in this account (dev.yaml names one in the example account; with
 * the pool the server verifies Cognito tokens, but the execution role must still resolve every secret).
 */
function manifestFrom(overrides: { name: string; redisPort: number; redis?: Record<string, unknown> }): Record<string, unknown> {
  const manifest = parse(readFileSync(manifestFile, "utf8")) as { metadata: Record<string, unknown>; spec: Record<string, Record<string, unknown>> };
  manifest.metadata.name = overrides.name;
  const spec = manifest.spec;
  spec.network = { ...network };
  spec.redis = { ...spec.redis, ...overrides.redis, port: overrides.redisPort };
  const gameServer = spec.gameServer ?? {};
  spec.gameServer = {
    ...gameServer,
    environment: { ...(gameServer.environment as Record<string, string> | undefined), MATCH_DURATION_MS: String(matchDurationMs) },
    secrets: { ...(gameServer.secrets as Record<string, string> | undefined), JWT_SECRET: jwtSecretArn },
  };
  return manifest;
}

/** Applies the manifest as the controller does, then runs two tasks of what it deployed behind the proxy. */
async function deploy(manifest: Record<string, unknown>, beforeStart?: (secrets: Record<string, string>, deployed: DeployedGameServer) => Promise<void>): Promise<Deployment> {
  const env = loadEnvironment(manifest, manifestFile);
  await convergeFully(testPool(admin), env);
  const containerName = (env.manifest.spec.gameServer as { containerName?: string } | undefined)?.containerName ?? "game";
  return await runDeployed(moto, admin, env.key, containerName, { caFile: certs.caFile, httpsProxy: internet.proxyUrl }, beforeStart);
}

async function expectNoAccessDenied(): Promise<void> {
  // Authorization failures, and authentication ones (credentials the task was given that moto does not accept).
  const denied = (await recordedRequests(moto.endpoint)).filter((r) => /AccessDenied|UnauthorizedOperation|NotAuthorized|InvalidClientTokenId|UnrecognizedClient|SignatureDoesNotMatch|ExpiredToken|MissingAuthenticationToken/.test(r.error ?? ""));
  const described = denied.map((r) => `${r.service}:${r.operation} ${JSON.stringify(r.params).slice(0, 200)} -> ${r.status} ${r.error}`);
  expect(described, "AWS calls denied by IAM (the task role's or execution role's policy lacks them; issue 12, defect 2)").toEqual([]);
}

/** Every assertion of the production shape, for one deployed environment. */
function productionChecks(name: string, get: () => Deployment | undefined, tableOf: () => string) {
  const deployment = () => {
    const d = get();
    if (!d) throw new Error(`${name} was not deployed (see the first failure above)`);
    return d;
  };

  it("registers a task definition and a service with the task role, execution role, app security group and private subnets", () => {
    const { deployed } = deployment();
    expect(deployed.taskDefinition.taskRoleArn, "taskRoleArn").toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(deployed.taskDefinition.executionRoleArn, "executionRoleArn").toMatch(/^arn:aws:iam::\d{12}:role\//);
    expect(deployed.taskDefinition.requiresCompatibilities, "requiresCompatibilities").toContain("FARGATE");
    expect(deployed.container.command ?? [], "the container command is the image's (no override)").toEqual([]);
    const vpc = deployed.service.networkConfiguration?.awsvpcConfiguration;
    expect([...(vpc?.subnets ?? [])].sort(), "service subnets are the private subnets").toEqual([...network.privateSubnetIds].sort());
    expect(vpc?.securityGroups?.length, "service security groups").toBeGreaterThan(0);
    expect(deployed.service.loadBalancers?.[0]?.targetGroupArn, "service attached to the target group").toBeTruthy();
    expect(deployed.service.deploymentConfiguration?.deploymentCircuitBreaker, "circuit breaker with rollback").toEqual({ enable: true, rollback: true });
  });

  it("admits itself on the game port, so a task can relay to another", async () => {
    const { deployed } = deployment();
    const port = deployed.container.portMappings?.[0]?.containerPort;
    const groups = await serviceSecurityGroups(admin, deployed.service);
    const selfRule = groups.some((g) => (g.IpPermissions ?? []).some((p) => p.FromPort === port && (p.UserIdGroupPairs ?? []).some((pair) => pair.GroupId === g.GroupId)));
    expect(selfRule, `a security group of the service admits itself on ${port} (issue 12, defect 5)`).toBe(true);
  });

  it("starts two tasks from the task definition; each reads its address from the ECS task metadata", () => {
    const d = deployment();
    expect(d.tasks).toHaveLength(2);
    for (const meta of d.metadata) expect(meta.requests.length, "the server read ECS_CONTAINER_METADATA_URI_V4 (issue 12, defect 5)").toBeGreaterThan(0);
  });

  it("plays a match through the round-robin proxy, relaying joins that land on the other process, and records it in DynamoDB", async () => {
    const d = deployment();
    const result = await playMatch(d, name, matchDurationMs);
    expect(result.recorded, "the game end was recorded").toBe(true);
    expect(Math.min(...d.proxy.counts), "both processes got connections").toBeGreaterThan(0);
    expect(await relayedConnections(d), "joins relayed to the owning process").toBeGreaterThan(0);
    const dynamo = new DynamoDBClient(admin);
    const items = await dynamo.send(new QueryCommand({ TableName: tableOf(), KeyConditionExpression: "gameId = :g", ExpressionAttributeValues: { ":g": { S: result.gameId } } }));
    dynamo.destroy();
    expect(items.Count, `game ${result.gameId} in ${tableOf()}`).toBeGreaterThan(0);
    const board = await fetch(`http://127.0.0.1:${d.proxy.port}/leaderboard`);
    expect(board.status, "/leaderboard through the proxy").toBe(200);
    const text = await board.text();
    expect(result.players.some((p) => text.includes(p)), `the leaderboard lists the match's players: ${text.slice(0, 300)}`).toBe(true);
  }, 90_000);

  it("/ready and /leaderboard answer 200 on every task", async () => {
    for (const task of deployment().tasks) {
      for (const path of ["/ready", "/leaderboard"]) {
        const response = await fetch(`${task.endpoint}${path}`);
        expect(response.status, `${path} on ${task.endpoint}: ${await response.text().catch(() => "")}`).toBe(200);
      }
    }
  });

  it("the latency alarm watches the series the server prints (namespace, name and dimensions)", async () => {
    const d = deployment();
    const emf = d.tasks.flatMap((t) => t.stdoutLines()).map((line) => { try { return JSON.parse(line) as Record<string, unknown>; } catch { return undefined; } })
      .find((o) => o && "SessionCreationLatency" in o && "_aws" in o);
    expect(emf, "an EMF line with SessionCreationLatency on a task's stdout").toBeDefined();
    const directive = (emf!._aws as { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> }).CloudWatchMetrics[0]!;
    const published = Object.fromEntries(directive.Dimensions[0]!.map((dim) => [dim, String(emf![dim])]));
    const cloudwatch = new CloudWatchClient(admin);
    const alarms = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
    cloudwatch.destroy();
    const alarm = alarms.find((a) => a.MetricName === "SessionCreationLatency" && (a.Dimensions ?? []).some((dim) => dim.Name === "Environment" && dim.Value === d.key));
    expect(alarm, `an alarm on SessionCreationLatency for Environment=${d.key} (issue 12, defect 3); alarms: ${alarms.map((a) => `${a.AlarmName} ${JSON.stringify(a.Dimensions)}`).join("; ")}`).toBeDefined();
    expect(alarm!.Namespace).toBe(directive.Namespace);
    expect(directive.Namespace).toBe(gameMetricNamespace);
    expect(Object.fromEntries((alarm!.Dimensions ?? []).map((dim) => [dim.Name, dim.Value]))).toEqual(published);
  });

  it("confirms the players' sign-ups with AdminConfirmSignUp under the task role, and fetches the pool's JWKS from its AWS URL", async () => {
    const d = deployment();
    const plain = Object.fromEntries((d.deployed.container.environment ?? []).map((e) => [e.name, e.value]));
    const userPoolId = plain[cognitoServerVariables.cognitoUserPoolId];
    expect(userPoolId, "the task definition names the environment's user pool").toMatch(/^us-east-1_/);
    expect(plain[cognitoServerVariables.cognitoAutoConfirm], "dev.yaml's pool sends no code: the server confirms").toBe("true");
    const confirms = (await recordedRequests(moto.endpoint, { operation: "AdminConfirmSignUp" })).filter((r) => r.params.UserPoolId === userPoolId);
    expect(confirms.length, "AdminConfirmSignUp calls on the pool (one per bot that signed up)").toBeGreaterThanOrEqual(4);
    const taskRole = d.deployed.taskDefinition.taskRoleArn!.split("/").at(-1)!;
    for (const call of confirms) {
      expect(call.status, `AdminConfirmSignUp answered ${call.status} ${call.error}`).toBe(200);
      const signer = call.accessKeyId ? (await accessKeySecret(moto.endpoint, call.accessKeyId)).arn : "unsigned";
      expect(signer, "AdminConfirmSignUp was signed with the task role's credentials").toMatch(new RegExp(`:assumed-role/${taskRole}/`));
    }
    expect(internet.fetched, "the servers fetched the pool's JWKS at its AWS URL").toContain(`/${userPoolId}/.well-known/jwks.json`);
    expect(internet.refused, "hosts on the internet a task tried to reach besides Cognito").toEqual([]);
    const warned = d.tasks.every((t) => t.stdoutLines().some((line) => line.includes(`${cognitoServerVariables.cognitoAutoConfirm}=true`) && line.includes("not verified")));
    expect(warned, "each task warns at start that it confirms sign-ups without verification").toBe(true);
  });

  it("made no AWS call that IAM denied", async () => {
    await expectNoAccessDenied();
  });
}

describe("production shape: dev.yaml (plain Redis, no auth)", { timeout: 120_000 }, () => {
  let redis: RedisService;
  let deployment: Deployment | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    deployment = await deploy(manifestFrom({ name: "arena-dev", redisPort: redis.port }));
  }, 120_000);

  afterAll(async () => {
    await teardown(deployment);
    await redis?.stop();
  });

  productionChecks("dev", () => deployment, () => tableVariable(deployment, serverVariables.tableGameHistory));
});

describe("production shape: Multi-AZ, TLS, AUTH token", { timeout: 120_000 }, () => {
  let redis: TlsRedis;
  let deployment: Deployment | undefined;

  beforeAll(async () => {
    redis = await startTlsRedis(certs);
    const manifest = manifestFrom({
      name: "arena-secure", redisPort: redis.port,
      redis: { replicasPerShard: 1, multiAZ: true, encryption: { atRest: true, inTransit: true }, authentication: "token" },
    });
    deployment = await deploy(manifest, async (secrets) => {
      const token = secrets[serverVariables.redisAuthToken];
      if (!token) throw new Error(`the task definition has no secret ${serverVariables.redisAuthToken}: with authentication: token the AUTH token must reach the container through secrets`);
      // ElastiCache holds the replication group's AUTH token; the test's redis-server gets the same one.
      await redis.requirePassword(token);
    });
  }, 120_000);

  afterAll(async () => {
    await teardown(deployment);
    await redis?.stop();
  });

  it("passes the AUTH token only as a secret, and TLS on", () => {
    const container = deployment!.deployed.container;
    const plain = Object.fromEntries((container.environment ?? []).map((e) => [e.name, e.value]));
    expect(plain[serverVariables.redisAuthToken], "REDIS_AUTH_TOKEN must not be a plain variable").toBeUndefined();
    expect((container.secrets ?? []).map((s) => s.name)).toContain(serverVariables.redisAuthToken);
    expect(plain[serverVariables.redisTls] ?? plain[serverVariables.redisUrl], "TLS on").toMatch(/^(true|rediss:\/\/)/);
  });

  productionChecks("secure", () => deployment, () => tableVariable(deployment, serverVariables.tableGameHistory));
});

describe("production shape: Multi-AZ, TLS, IAM authentication (prod.yaml's Redis)", { timeout: 120_000 }, () => {
  const proxyPassword = "acl-password-the-check-uses-0123";
  const account = "123456789012";
  let redis: TlsRedis;
  let check: IamAuthProxy;
  let deployment: Deployment | undefined;

  beforeAll(async () => {
    redis = await startTlsRedis(certs);
    // The server reaches "ElastiCache" through the check, which verifies its IAM token as ElastiCache does.
    check = await startIamAuthProxy({
      certs, cacheName: "(set after apply)", user: "(set after apply)", region: "us-east-1", redisPassword: proxyPassword, redisPort: redis.port,
      secretFor: async (id) => accessKeySecret(moto.endpoint, id).catch(() => undefined),
      authorize: async (id, cacheName, user) => {
        const resources = [`arn:aws:elasticache:us-east-1:${account}:replicationgroup:${cacheName}`, `arn:aws:elasticache:us-east-1:${account}:user:${user}`];
        const answer = await authorizeKey(moto.endpoint, id, "elasticache:Connect", resources);
        return answer.allowed ? undefined : `the task role may not elasticache:Connect to ${answer.denied.join(", ")}`;
      },
    });
    const manifest = manifestFrom({
      name: "arena-iam", redisPort: check.port,
      redis: { replicasPerShard: 1, multiAZ: true, encryption: { atRest: true, inTransit: true }, authentication: "iam" },
    });
    deployment = await deploy(manifest, async (_secrets, deployed) => {
      const plain = Object.fromEntries((deployed.container.environment ?? []).map((e) => [e.name, e.value]));
      const cacheName = plain[serverVariables.redisCacheName];
      const user = plain[serverVariables.redisUser];
      if (!cacheName || !user) throw new Error(`with authentication: iam the task definition must set ${serverVariables.redisCacheName} and ${serverVariables.redisUser} (got ${cacheName}, ${user})`);
      // The ElastiCache user the controller made, as an ACL user of the test's redis-server.
      await redis.addUser(user, proxyPassword);
      check.expect(cacheName, user);
    });
  }, 120_000);

  afterAll(async () => {
    await teardown(deployment);
    await check?.close();
    await redis?.stop();
  });

  it("authenticates to Redis with IAM tokens the check accepts (signature, group, user, expiry, elasticache:Connect)", () => {
    expect(deployment, "deployed").toBeDefined();
    expect(check.refusals, "tokens the ElastiCache IAM check refused").toEqual([]);
    expect(check.accepted, "connections authenticated with an IAM token").toBeGreaterThan(0);
  });

  productionChecks("iam", () => deployment, () => tableVariable(deployment, serverVariables.tableGameHistory));
});

function tableVariable(deployment: Deployment | undefined, name: string): string {
  const value = deployment?.deployed.container.environment?.find((e) => e.name === name)?.value;
  if (!value) throw new Error(`the task definition sets no ${name}`);
  return value;
}
