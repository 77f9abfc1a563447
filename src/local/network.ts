import { CreateRouteTableCommand, CreateSubnetCommand, CreateVpcCommand, EC2Client } from "@aws-sdk/client-ec2";
import type { GameEnvironment } from "../spec/types.generated.ts";

export interface LocalTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { accessKeyId: string; secretAccessKey: string };
}

/**
 * gamectl does not own the VPC: the local default makes one in moto shaped like the manifest's
 * network (as many private/public subnets and route tables), and returns the manifest pointing at it.
 */
export async function withLocalNetwork(target: LocalTarget, manifest: GameEnvironment): Promise<GameEnvironment> {
  const ec2 = new EC2Client({ region: target.region, endpoint: target.endpoint, credentials: target.credentials });
  try {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: "10.42.0.0/16" }))).Vpc!.VpcId!;
    const zones = ["a", "b", "c", "d", "e", "f"].map((z) => `${target.region}${z}`);
    const subnets = async (count: number, base: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const subnet = await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.42.${base + i}.0/24`, AvailabilityZone: zones[i % zones.length]! }));
        ids.push(subnet.Subnet!.SubnetId!);
      }
      return ids;
    };
    const network = manifest.spec.network;
    const privateSubnetIds = await subnets(network.privateSubnetIds.length, 1);
    const publicSubnetIds = await subnets(network.publicSubnetIds?.length ?? 0, 101);
    const privateRouteTableIds: string[] = [];
    for (let i = 0; i < (network.privateRouteTableIds?.length ?? 0); i++) {
      privateRouteTableIds.push((await ec2.send(new CreateRouteTableCommand({ VpcId: vpcId }))).RouteTable!.RouteTableId!);
    }
    return {
      ...manifest,
      spec: {
        ...manifest.spec,
        network: {
          ...network, vpcId, privateSubnetIds,
          ...(network.publicSubnetIds ? { publicSubnetIds } : {}), ...(network.privateRouteTableIds ? { privateRouteTableIds } : {}),
        },
      },
    };
  } finally {
    ec2.destroy();
  }
}
