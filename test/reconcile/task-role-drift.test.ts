import { AttachRolePolicyCommand, CreatePolicyCommand, GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { renderPlan } from "../../src/plan/render.ts";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, sdkClients, testPool, type TestNetwork } from "../support/aws-environment.ts";

const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

const admin = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });

describe("the task role's permissions", () => {
  it("reports an attached policy and a second inline policy added by hand as drift, and removes them", async () => {
    const env = loadEnvironment(coreManifest("roledrift", network));
    const pool = testPool(target());
    expect((await convergeFully(pool, env)).errors).toEqual([]);
    const { iam } = sdkClients(target());
    const policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: "roledrift-admin", PolicyDocument: admin }))).Policy!.Arn!;
    await iam.send(new AttachRolePolicyCommand({ RoleName: env.names.taskRoleName, PolicyArn: policyArn }));
    await iam.send(new PutRolePolicyCommand({ RoleName: env.names.taskRoleName, PolicyName: "by-hand", PolicyDocument: admin }));

    const plan = await pool.forEnvironment(env).reconcile(env, { mode: "plan" });
    const role = plan.plan.actions.find((a) => a.name === "role/task")!;
    expect(role.type).toBe("update");
    expect(role.changes.map((c) => c.field).sort()).toEqual(["attachedPolicies", "otherInlinePolicies"]);
    expect(renderPlan(plan.plan)).toContain(policyArn);

    expect((await convergeFully(pool, env)).errors).toEqual([]);
    expect((await iam.send(new ListAttachedRolePoliciesCommand({ RoleName: env.names.taskRoleName }))).AttachedPolicies).toEqual([]);
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: env.names.taskRoleName }))).PolicyNames).toEqual([env.names.taskPolicyName]);
  });

  it("deletes a role that someone attached a policy to (IAM refuses while anything is attached)", async () => {
    const env = loadEnvironment(coreManifest("roledelete", network, { deletionPolicy: "Delete" }));
    const pool = testPool(target());
    expect((await convergeFully(pool, env)).errors).toEqual([]);
    const { iam } = sdkClients(target());
    const policyArn = (await iam.send(new CreatePolicyCommand({ PolicyName: "roledelete-extra", PolicyDocument: admin }))).Policy!.Arn!;
    await iam.send(new AttachRolePolicyCommand({ RoleName: env.names.taskRoleName, PolicyArn: policyArn }));
    for (let pass = 0; pass < 5; pass++) {
      const result = await pool.forEnvironment(env).reconcile(env, { mode: "delete", allowMassDelete: true });
      if (result.converged) break;
    }
    await expect(iam.send(new GetRoleCommand({ RoleName: env.names.taskRoleName }))).rejects.toThrow(/not found|cannot be found/);
  });
});
