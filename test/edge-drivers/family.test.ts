import { describe, expect, it } from "vitest";
import { desiredResources } from "../../src/kinds/registries.ts";
import type { DesiredResource } from "../../src/plan/types.ts";
import { coreManifest, loadEnvironment } from "../support/aws-environment.ts";

// Desired state only, no AWS call: well-formed IDs are enough here.
const [p1, p2, u1, u2] = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"];
const network = { vpcId: "vpc-0a1b2c3d4e5f60718", privateSubnetIds: [p1!, p2!], publicSubnetIds: [u1!, u2!], privateRouteTableIds: ["rtb-0a1b2c3d4e5f60005"] };

function desired(stage: string, scheme: string): DesiredResource[] {
  const env = loadEnvironment(coreManifest("family", network, {
    tags: { project: "arena", stage },
    loadBalancer: { scheme, allowedCidrs: ["10.0.0.0/8"], listeners: [{ port: 80, protocol: "HTTP" }] },
  }));
  return desiredResources(env);
}

describe("load balancer family", () => {
  it("puts an internet-facing load balancer in the public subnets and protects it from deletion in prod", () => {
    const lb = desired("prod", "internet-facing").find((r) => r.kind === "LoadBalancer")!;
    expect(lb.properties.subnets).toEqual([u1, u2]);
    expect(lb.properties.attributes).toMatchObject({ "deletion_protection.enabled": "true", "routing.http.drop_invalid_header_fields.enabled": "true" });
  });

  it("puts an internal load balancer in the private subnets, unprotected outside prod", () => {
    const lb = desired("dev", "internal").find((r) => r.kind === "LoadBalancer")!;
    expect(lb.properties).toMatchObject({ scheme: "internal", subnets: [p1, p2] });
    expect(lb.properties.attributes).toMatchObject({ "deletion_protection.enabled": "false" });
  });

  it("declares only the target-group attributes the spec sets: no stickiness type or duration when stickiness is off", () => {
    const env = loadEnvironment(coreManifest("family", network, {
      loadBalancer: { scheme: "internal", allowedCidrs: ["10.0.0.0/8"], listeners: [{ port: 80, protocol: "HTTP" }], stickiness: { enabled: false } },
    }));
    const group = desiredResources(env).find((r) => r.kind === "TargetGroup")!;
    expect(Object.keys(group.properties.attributes as object).sort()).toEqual(["deregistration_delay.timeout_seconds", "stickiness.enabled"]);
  });
});
