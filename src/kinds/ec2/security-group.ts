import { SecurityGroupDriver } from "../../aws/drivers/security-groups.ts";
import { securityGroupsFamily } from "../../plan/families/security-groups.ts";
import type { ResourceKind } from "../kind.ts";
import { ec2Service } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, createInTheNetwork, createWithOwnershipTags, ec2TagAtCreate, readEverything } from "../permissions.ts";

export const securityGroup: ResourceKind<"SecurityGroup"> = {
  name: "SecurityGroup",
  service: ec2Service,
  taggingType: "ec2:security-group",
  catalog: {
    title: "security group",
    dataHolding: false,
    tier: 0,
    fields: {
      vpcId: { semantics: "replace", reason: "a security group cannot move to another VPC" },
      description: { semantics: "replace", reason: "EC2 cannot change a security group's description" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: familyBuilder("SecurityGroup", securityGroupsFamily),
  outputs: (env, lookup, observed, outputs) => securityGroupsFamily.outputs?.(env, lookup, observed, outputs),
  driver: new SecurityGroupDriver(),
  permissions: [
    readEverything(["ec2:DescribeSecurityGroups"]),
    createWithOwnershipTags(["ec2:CreateSecurityGroup"]),
    createInTheNetwork(["ec2:CreateSecurityGroup"], ["arn:aws:ec2:*:*:vpc/*", "arn:aws:ec2:*:*:security-group/*"]),
    ec2TagAtCreate("CreateSecurityGroup", "arn:aws:ec2:*:*:security-group/*"),
    changeOwned(["ec2:CreateTags", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup"]),
  ],
};
