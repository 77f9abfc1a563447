import { VpcEndpointDriver } from "../../aws/drivers/edge/endpoints.ts";
import { vpcEndpointsFamily } from "../../plan/families/edge.ts";
import type { ResourceKind } from "../kind.ts";
import { ec2Service } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, createInTheNetwork, createWithOwnershipTags, ec2TagAtCreate, readEverything } from "../permissions.ts";

export const vpcEndpoint: ResourceKind<"VpcEndpoint"> = {
  name: "VpcEndpoint",
  service: ec2Service,
  taggingType: "ec2:vpc-endpoint",
  catalog: {
    title: "VPC endpoint",
    inventoryType: "ec2:vpc-endpoint",
    dataHolding: false,
    tier: 2,
    fields: {
      serviceName: { semantics: "replace", reason: "an endpoint serves one service" },
      vpcId: { semantics: "replace", reason: "an endpoint cannot move to another VPC" },
      type: { semantics: "replace", reason: "EC2 cannot turn a gateway endpoint into an interface endpoint" },
      routeTableIds: { semantics: "in-place", compare: "set" },
      subnetIds: { semantics: "needs-state", waitsFor: "available", compare: "set" },
      securityGroupIds: { semantics: "needs-state", waitsFor: "available", compare: "set" },
      privateDns: { semantics: "needs-state", waitsFor: "available" },
    },
    readiness: { states: ["available"], noun: "endpoint" },
    requeueMs: { creating: 5_000, updating: 5_000, deleting: 5_000 },
  },
  build: familyBuilder("VpcEndpoint", vpcEndpointsFamily),
  outputs: (env, lookup, observed, outputs) => vpcEndpointsFamily.outputs?.(env, lookup, observed, outputs),
  driver: new VpcEndpointDriver(),
  permissions: [
    readEverything(["ec2:DescribeVpcEndpoints"]),
    createWithOwnershipTags(["ec2:CreateVpcEndpoint"]),
    createInTheNetwork(["ec2:CreateVpcEndpoint"], ["arn:aws:ec2:*:*:vpc/*", "arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:*:*:route-table/*", "arn:aws:ec2:*:*:security-group/*"]),
    ec2TagAtCreate("CreateVpcEndpoint", "arn:aws:ec2:*:*:vpc-endpoint/*"),
    changeOwned(["ec2:CreateTags", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"]),
  ],
};
