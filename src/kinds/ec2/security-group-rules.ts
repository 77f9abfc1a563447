import { SecurityGroupRulesDriver } from "../../aws/drivers/security-groups.ts";
import { securityGroupsFamily } from "../../plan/families/security-groups.ts";
import type { ResourceKind } from "../kind.ts";
import { ec2Service } from "./service.ts";
import { familyBuilder } from "../family-builder.ts";
import { changeOwned, readEverything } from "../permissions.ts";

export const securityGroupRules: ResourceKind<"SecurityGroupRules"> = {
  name: "SecurityGroupRules",
  service: ec2Service,
  catalog: {
    title: "security group rules",
    dataHolding: false,
    tier: 1,
    fields: {
      groupId: { semantics: "replace", reason: "rules belong to one security group" },
      ingress: { semantics: "in-place", compare: "set" },
      egress: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
    // Deleting the rules revokes both directions; the group stays while a retained Redis uses it.
    goneWhenEmpty: ["ingress", "egress"],
  },
  build: familyBuilder("SecurityGroupRules", securityGroupsFamily),
  driver: new SecurityGroupRulesDriver(),
  permissions: [
    readEverything(["ec2:DescribeSecurityGroups", "ec2:DescribePrefixLists"]),
    changeOwned(["ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"]),
  ],
};
