import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { DescribeSecurityGroupsCommand, EC2Client, type SecurityGroup } from "@aws-sdk/client-ec2";
import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, ListClustersCommand, ListServicesCommand, type ContainerDefinition, type Service, type TaskDefinition } from "@aws-sdk/client-ecs";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { serverVariables } from "../../../src/contract/game-server.ts";
import { containerCredentialsUri, type ContainerCredentials } from "../../aws/admin.ts";
import { imageConfig, type ImageConfig } from "./dockerfile.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const dockerfile = fileURLToPath(new URL("../../../Dockerfile", import.meta.url));

export interface AwsTarget {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** What the ECS API says about the environment's game server: its service and the task definition it runs. */
export interface DeployedGameServer {
  cluster: string;
  service: Service;
  taskDefinition: TaskDefinition;
  container: ContainerDefinition;
}

function roleName(arn: string | undefined, what: string): string {
  const name = arn?.split("/").at(-1);
  if (!name) throw new Error(`the task definition has no ${what} (taskDefinition.${what === "task role" ? "taskRoleArn" : "executionRoleArn"}); ECS would run the task without it`);
  return name;
}

/**
 * Finds the ECS service running this environment's server, through the ECS API only (as an operator would):
 * every service in every cluster, the one whose container carries GAMECTL_ENVIRONMENT = the environment's key.
 */
export async function findDeployedServer(target: AwsTarget, environmentKey: string, containerName: string): Promise<DeployedGameServer> {
  const ecs = new ECSClient(target);
  try {
    const seen: string[] = [];
    for (const cluster of (await ecs.send(new ListClustersCommand({}))).clusterArns ?? []) {
      const serviceArns = (await ecs.send(new ListServicesCommand({ cluster }))).serviceArns ?? [];
      if (serviceArns.length === 0) continue;
      for (const service of (await ecs.send(new DescribeServicesCommand({ cluster, services: serviceArns }))).services ?? []) {
        seen.push(`${service.serviceName} (${service.taskDefinition ?? "no task definition"})`);
        if (!service.taskDefinition) continue;
        const taskDefinition = (await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: service.taskDefinition }))).taskDefinition!;
        const container = taskDefinition.containerDefinitions?.find((c) => c.name === containerName);
        const key = container?.environment?.find((e) => e.name === serverVariables.environment)?.value;
        if (key === environmentKey) return { cluster, service, taskDefinition, container: container! };
      }
    }
    throw new Error(`no ECS service runs a container "${containerName}" with ${serverVariables.environment}=${environmentKey} (services seen: ${seen.join(", ") || "none"}); the controller must deploy the game server (issue 12, defect 6)`);
  } finally {
    ecs.destroy();
  }
}

/** Task-role or execution-role credentials, from the launcher's ECS credentials endpoint. */
export async function roleCredentials(endpoint: string, roleArn: string | undefined, what: "task role" | "execution role"): Promise<ContainerCredentials> {
  const response = await fetch(containerCredentialsUri(endpoint, roleName(roleArn, what)));
  const body = await response.text();
  if (!response.ok) throw new Error(`ECS could not give the task its ${what} ${roleArn}: HTTP ${response.status} ${body}`);
  return JSON.parse(body) as ContainerCredentials;
}

/**
 * Resolves the container's `secrets` as the ECS agent does before starting it: GetSecretValue with the
 * EXECUTION role's credentials (the task role is not involved). `valueFrom` may name a JSON key
 * (`<secret arn>:<json key>:<version stage>:<version id>`).
 */
export async function resolveSecrets(target: AwsTarget, taskDefinition: TaskDefinition, container: ContainerDefinition): Promise<Record<string, string>> {
  const secrets = container.secrets ?? [];
  if (secrets.length === 0) return {};
  const credentials = await roleCredentials(target.endpoint, taskDefinition.executionRoleArn, "execution role");
  const client = new SecretsManagerClient({
    region: target.region, endpoint: target.endpoint, maxAttempts: 1,
    credentials: { accessKeyId: credentials.AccessKeyId, secretAccessKey: credentials.SecretAccessKey, sessionToken: credentials.Token },
  });
  try {
    const resolved: Record<string, string> = {};
    for (const secret of secrets) {
      const parts = (secret.valueFrom ?? "").split(":");
      // arn:aws:secretsmanager:region:account:secret:name[:json-key[:stage[:version]]]
      const arn = parts.slice(0, 7).join(":");
      const [jsonKey, stage, version] = parts.slice(7);
      try {
        const value = await client.send(new GetSecretValueCommand({ SecretId: arn, ...(stage ? { VersionStage: stage } : {}), ...(version ? { VersionId: version } : {}) }));
        const text = value.SecretString ?? "";
        resolved[secret.name!] = jsonKey ? String((JSON.parse(text) as Record<string, unknown>)[jsonKey]) : text;
      } catch (error) {
        throw new Error(`the ECS agent could not resolve secret ${secret.name} (${secret.valueFrom}) with the execution role ${taskDefinition.executionRoleArn}: ${(error as Error).name}: ${(error as Error).message}`, { cause: error });
      }
    }
    return resolved;
  } finally {
    client.destroy();
  }
}

export interface RunningTask {
  readonly child: ChildProcess;
  readonly port: number;
  readonly endpoint: string;
  readonly command: string[];
  output(): string;
  stdoutLines(): string[];
  stop(): Promise<void>;
}

/**
 * Starts one "task": the image's ENTRYPOINT + CMD (or the task definition's overrides) from the Dockerfile's
 * `server` target, in the repository root standing in for WORKDIR (the target copies the sources there),
 * with the image's ENV, then the task definition's environment and resolved secrets, and what the ECS agent
 * adds: the task role's credentials endpoint and the metadata endpoint. Nothing of this process's own
 * environment leaks in except PATH and HOME (no AWS keys). Runs as the test's user, not the image's USER:
 * there is no container engine on the test machine.
 */
export async function startTask(options: {
  container: ContainerDefinition;
  secrets: Record<string, string>;
  agent: Record<string, string>;
  port: number;
  timeoutMs?: number;
}): Promise<RunningTask> {
  const image: ImageConfig = imageConfig(dockerfile, "server");
  const entrypoint = options.container.entryPoint?.length ? options.container.entryPoint : image.entrypoint;
  const cmd = options.container.command?.length ? options.container.command : options.container.entryPoint?.length ? [] : image.cmd;
  const command = [...entrypoint, ...cmd];
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...image.env };
  for (const variable of options.container.environment ?? []) if (variable.name) env[variable.name] = variable.value ?? "";
  Object.assign(env, options.secrets, options.agent);
  // The one deviation from the task definition: two processes on one host cannot share the container port
  // (and a shared test machine may have it taken), so each task listens on a port of its own.
  env[serverVariables.port] = String(options.port);
  const [program, ...args] = command;
  if (!program) throw new Error("the task's command is empty");
  const child = spawn(program === "node" ? process.execPath : program, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const lines: string[] = [];
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
    partial += chunk.toString();
    const complete = partial.split("\n");
    partial = complete.pop() ?? "";
    lines.push(...complete);
  });
  child.stderr!.on("data", (chunk: Buffer) => { output = (output + chunk.toString()).slice(-20_000); });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const endpoint = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });
  for (;;) {
    if (exitCode !== undefined) {
      throw new Error(`the task's command \`${command.join(" ")}\` (Dockerfile server target / task definition) exited with code ${exitCode} before answering /health (issue 12, defect 1 if it exits 0 at once); output:\n${output}`);
    }
    const healthy = await fetch(`${endpoint}/health`).then((r) => r.ok, () => false);
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the task \`${command.join(" ")}\` did not answer ${endpoint}/health within ${(options.timeoutMs ?? 20_000) / 1000}s; output:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    child, port: options.port, endpoint, command, output: () => output, stdoutLines: () => [...lines],
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The security group rules of the service's tasks (for the relay: the group must admit itself on the game port). */
export async function serviceSecurityGroups(target: AwsTarget, service: Service): Promise<SecurityGroup[]> {
  const ids = service.networkConfiguration?.awsvpcConfiguration?.securityGroups ?? [];
  if (ids.length === 0) return [];
  const ec2 = new EC2Client(target);
  try {
    return (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ids }))).SecurityGroups ?? [];
  } finally {
    ec2.destroy();
  }
}
