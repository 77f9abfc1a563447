import { createServer, type Server } from "node:http";
import { randomUUID } from "node:crypto";

export interface TaskMetadataServer {
  /** The value of ECS_CONTAINER_METADATA_URI_V4 for the task's one container. */
  readonly uri: string;
  /** Requests served, by path (to assert the server read it). */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * The ECS task metadata endpoint v4, as the ECS agent serves it to a Fargate task: the container's JSON at
 * `${ECS_CONTAINER_METADATA_URI_V4}` and the task's at `${ECS_CONTAINER_METADATA_URI_V4}/task`, in the
 * documented shape (docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v4-fargate.html),
 * with the task's private IP set to `ipv4` so that the relay's advertised address works on one host.
 */
export async function startTaskMetadata(options: { ipv4: string; cluster: string; family: string; revision: string; containerName: string; image: string }): Promise<TaskMetadataServer> {
  const taskId = randomUUID().replaceAll("-", "");
  const taskArn = `arn:aws:ecs:us-east-1:123456789012:task/${options.cluster}/${taskId}`;
  const network = {
    AttachmentIndex: 0, NetworkMode: "awsvpc", IPv4Addresses: [options.ipv4], IPv4SubnetCIDRBlock: "10.20.1.0/24",
    MACAddress: "0a:de:f6:10:51:e5", PrivateDNSName: "ip-10-20-1-17.ec2.internal", SubnetGatewayIpv4Address: "10.20.1.1/24",
    DomainNameServers: ["10.20.0.2"], DomainNameSearchList: ["ec2.internal"],
  };
  const container = {
    DockerId: `${taskId}-0000000001`, Name: options.containerName, DockerName: options.containerName, Image: options.image, ImageID: "sha256:0",
    Labels: { "com.amazonaws.ecs.cluster": options.cluster, "com.amazonaws.ecs.container-name": options.containerName, "com.amazonaws.ecs.task-arn": taskArn, "com.amazonaws.ecs.task-definition-family": options.family, "com.amazonaws.ecs.task-definition-version": options.revision },
    DesiredStatus: "RUNNING", KnownStatus: "RUNNING", Limits: { CPU: 2 }, CreatedAt: new Date().toISOString(), StartedAt: new Date().toISOString(), Type: "NORMAL",
    ContainerARN: `arn:aws:ecs:us-east-1:123456789012:container/${options.cluster}/${taskId}/${randomUUID()}`,
    LogDriver: "awslogs", LogOptions: { "awslogs-group": `/ecs/${options.family}`, "awslogs-region": "us-east-1", "awslogs-stream": `game/${options.containerName}/${taskId}` },
    Networks: [network],
  };
  const task = {
    Cluster: `arn:aws:ecs:us-east-1:123456789012:cluster/${options.cluster}`, TaskARN: taskArn, Family: options.family, Revision: options.revision,
    DesiredStatus: "RUNNING", KnownStatus: "RUNNING", Limits: { CPU: 0.25, Memory: 512 }, PullStartedAt: new Date().toISOString(), PullStoppedAt: new Date().toISOString(),
    AvailabilityZone: "us-east-1a", LaunchType: "FARGATE", Containers: [container], ClockDrift: { ClockErrorBound: 0.5, ReferenceTimestamp: new Date().toISOString(), ClockSynchronizationStatus: "SYNCHRONIZED" },
    EphemeralStorageMetrics: { Utilized: 100, Reserved: 20496 },
  };
  const requests: string[] = [];
  const base = `/v4/${taskId}-0000000001`;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0]!;
    requests.push(path);
    const body = path === base ? container : path === `${base}/task` ? task : undefined;
    response.writeHead(body ? 200 : 404, { "content-type": "application/json" });
    response.end(JSON.stringify(body ?? { error: `no metadata at ${path}` }));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("task metadata server: no TCP address");
  return { uri: `http://127.0.0.1:${address.port}${base}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
