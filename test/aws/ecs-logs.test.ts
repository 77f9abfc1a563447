import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, PutRetentionPolicyCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CreateSecurityGroupCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  CreateClusterCommand, CreateServiceCommand, DeleteClusterCommand, DeleteServiceCommand, DeregisterTaskDefinitionCommand, DescribeServicesCommand,
  DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand,
} from "@aws-sdk/client-ecs";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { beforeAll, describe, expect, it } from "vitest";
import { resetMoto } from "./admin.ts";
import { aws } from "../env/index.ts";

const target = () => aws();
const config = () => ({ region: target().region, endpoint: target().endpoint, credentials: target().credentials });
let subnet: string;
let group: string;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  const ec2 = new EC2Client(config());
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: "10.30.0.0/16" }));
  subnet = (await ec2.send(new CreateSubnetCommand({ VpcId: vpc.Vpc!.VpcId!, CidrBlock: "10.30.1.0/24" }))).Subnet!.SubnetId!;
  group = (await ec2.send(new CreateSecurityGroupCommand({ VpcId: vpc.Vpc!.VpcId!, GroupName: "app", Description: "app" }))).GroupId!;
});

const fargate = (family: string, image: string) => new RegisterTaskDefinitionCommand({
  family, networkMode: "awsvpc", requiresCompatibilities: ["FARGATE"], cpu: "256", memory: "512", containerDefinitions: [{ name: "game", image }],
});

describe("ECS in the launcher behaves like AWS", () => {
  it("keeps a service's circuit breaker and execute-command setting, and returns them", async () => {
    const ecs = new ECSClient(config());
    await ecs.send(new CreateClusterCommand({ clusterName: "breaker" }));
    const task = (await ecs.send(fargate("breaker-game", "game:1"))).taskDefinition!.taskDefinitionArn!;
    await ecs.send(new CreateServiceCommand({
      cluster: "breaker", serviceName: "game", taskDefinition: task, desiredCount: 1, launchType: "FARGATE", enableExecuteCommand: false,
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnet], securityGroups: [group], assignPublicIp: "DISABLED" } },
      deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 },
    }));
    const service = (await ecs.send(new DescribeServicesCommand({ cluster: "breaker", services: ["game"] }))).services![0]!;
    expect(service.deploymentConfiguration?.deploymentCircuitBreaker).toEqual({ enable: true, rollback: true });
    expect(service.enableExecuteCommand).toBe(false);
  });

  it("describes a family as its latest ACTIVE revision, and fails with ClientException when none is left", async () => {
    const ecs = new ECSClient(config());
    const first = (await ecs.send(fargate("revisions", "game:1"))).taskDefinition!.taskDefinitionArn!;
    const second = (await ecs.send(fargate("revisions", "game:2"))).taskDefinition!.taskDefinitionArn!;
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: second }));
    expect((await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "revisions" }))).taskDefinition?.taskDefinitionArn).toBe(first);
    await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: first }));
    await expect(ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "revisions" }))).rejects.toMatchObject({ name: "ClientException" });
  });

  it("refuses to delete a cluster while a service is in it", async () => {
    const ecs = new ECSClient(config());
    await ecs.send(new CreateClusterCommand({ clusterName: "busy" }));
    const task = (await ecs.send(fargate("busy-game", "game:1"))).taskDefinition!.taskDefinitionArn!;
    await ecs.send(new CreateServiceCommand({ cluster: "busy", serviceName: "game", taskDefinition: task, desiredCount: 0 }));
    await expect(ecs.send(new DeleteClusterCommand({ cluster: "busy" }))).rejects.toMatchObject({ name: "ClusterContainsServicesException" });
    await ecs.send(new DeleteServiceCommand({ cluster: "busy", service: "game", force: true }));
    expect((await ecs.send(new DeleteClusterCommand({ cluster: "busy" }))).cluster?.status).toBe("INACTIVE");
  });

  it("lists tagged ECS resources through the tagging API even when an untagged cluster exists", async () => {
    const ecs = new ECSClient(config());
    await ecs.send(new CreateClusterCommand({ clusterName: "untagged" }));
    await ecs.send(new CreateClusterCommand({ clusterName: "tagged", tags: [{ key: "gamectl.dev/environment", value: "games/tags" }] }));
    const found = await new ResourceGroupsTaggingAPIClient(config()).send(new GetResourcesCommand({
      TagFilters: [{ Key: "gamectl.dev/environment", Values: ["games/tags"] }], ResourceTypeFilters: ["ecs:cluster", "ecs:service", "ecs:task-definition", "logs"],
    }));
    expect(found.ResourceTagMappingList?.map((m) => m.ResourceARN?.split("/").pop())).toEqual(["tagged"]);
  });
});

describe("CloudWatch Logs in the launcher behaves like AWS", () => {
  it("accepts only the retention periods CloudWatch Logs offers", async () => {
    const logs = new CloudWatchLogsClient(config());
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/retention", tags: { a: "b" } }));
    await expect(logs.send(new PutRetentionPolicyCommand({ logGroupName: "/retention", retentionInDays: 8 }))).rejects.toMatchObject({ name: "InvalidParameterException" });
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/retention", retentionInDays: 7 }));
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/retention" }))).logGroups?.[0]?.retentionInDays).toBe(7);
  });
});
