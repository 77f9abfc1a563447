import {
  DescribeUserPoolClientCommand, DescribeUserPoolCommand, DescribeUserPoolDomainCommand, ListUserPoolsCommand, UpdateUserPoolCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { beforeAll, describe, expect, it } from "vitest";
import { resetMoto } from "../aws/admin.ts";
import { aws } from "../env/index.ts";
import { cognitoClient } from "../support/cognito-pool.ts";
import { convergeFully, coreManifest, createNetwork, loadEnvironment, testPool, type TestNetwork } from "../support/aws-environment.ts";

/** The Cognito kinds against the launcher's cognito-idp: create, drift repair, blocked replacement, deletion. */
const target = () => aws();
let network: TestNetwork;

beforeAll(async () => {
  await resetMoto(target().endpoint);
  network = await createNetwork(target());
});

const cognito = { userPool: { passwordPolicy: { minimumLength: 10 }, mfa: "optional", customAttributes: [{ name: "level", type: "Number", minValue: 1 }] } };
const manifest = (name: string, spec: Record<string, unknown> = {}) =>
  coreManifest(name, network, { cognito: { ...cognito, domain: { prefix: `${name}-players` } }, ...spec });

async function poolsNamed(name: string) {
  const client = cognitoClient(target());
  const pools = (await client.send(new ListUserPoolsCommand({ MaxResults: 60 }))).UserPools ?? [];
  client.destroy();
  return pools.filter((p) => p.Name === name);
}

describe("Cognito kinds against the launcher", () => {
  it("creates the pool, the public client and the domain as the manifest says; outputs them; a second pass writes nothing", async () => {
    const env = loadEnvironment(manifest("signup"));
    const reconcilers = testPool(target());
    const result = await convergeFully(reconcilers, env);
    expect(result.errors).toEqual([]);
    const { userPoolId, clientId, issuer, jwksUri, domain } = result.outputs.cognito!;
    expect(issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`);
    expect(jwksUri).toBe(`${issuer}/.well-known/jwks.json`);
    expect(domain).toBe("signup-players.auth.us-east-1.amazoncognito.com");

    const client = cognitoClient(target());
    const pool = (await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool!;
    expect(pool.Policies?.PasswordPolicy).toMatchObject({ MinimumLength: 10, RequireUppercase: true, RequireSymbols: false });
    expect(pool.MfaConfiguration).toBe("OPTIONAL");
    expect(pool.DeletionProtection).toBe("ACTIVE");
    expect(pool.AutoVerifiedAttributes).toEqual(["email"]);
    expect(pool.UserPoolTags).toMatchObject({ "gamectl.dev/environment": "games/signup", project: "arena" });
    expect(pool.SchemaAttributes?.find((a) => a.Name === "custom:level")).toMatchObject({ AttributeDataType: "Number", NumberAttributeConstraints: { MinValue: "1" } });
    const app = (await client.send(new DescribeUserPoolClientCommand({ UserPoolId: userPoolId, ClientId: clientId }))).UserPoolClient!;
    expect(app.ClientSecret).toBeUndefined();
    expect([...app.ExplicitAuthFlows!].sort()).toEqual(["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_PASSWORD_AUTH"]);
    expect(app.PreventUserExistenceErrors).toBe("ENABLED");
    expect((await client.send(new DescribeUserPoolDomainCommand({ Domain: "signup-players" }))).DomainDescription?.UserPoolId).toBe(userPoolId);
    client.destroy();

    reconcilers.calls.reset();
    const steady = await reconcilers.forEnvironment(env).reconcile(env, { mode: "apply" });
    expect(steady.converged).toBe(true);
    expect(reconcilers.calls.mutatingOperations()).toEqual([]);
  });

  it("finds drift on the password policy and repairs it, keeping the rest of the pool's settings", async () => {
    const env = loadEnvironment(manifest("drift"));
    const reconcilers = testPool(target());
    const { outputs } = await convergeFully(reconcilers, env);
    const client = cognitoClient(target());
    const userPoolId = outputs.cognito!.userPoolId;
    await client.send(new UpdateUserPoolCommand({ UserPoolId: userPoolId, Policies: { PasswordPolicy: { MinimumLength: 6 } }, DeletionProtection: "ACTIVE", MfaConfiguration: "OPTIONAL", AutoVerifiedAttributes: ["email"], AccountRecoverySetting: { RecoveryMechanisms: [{ Name: "verified_email", Priority: 1 }] } }));

    const preview = await reconcilers.forEnvironment(env).reconcile(env, { mode: "plan" });
    const action = preview.plan.actions.find((a) => a.kind === "CognitoUserPool")!;
    expect(action.type).toBe("update");
    expect(action.changes.map((c) => c.field)).toEqual(["passwordPolicy"]);
    await convergeFully(reconcilers, env);
    const pool = (await client.send(new DescribeUserPoolCommand({ UserPoolId: userPoolId }))).UserPool!;
    expect(pool.Policies?.PasswordPolicy?.MinimumLength).toBe(10);
    expect(pool.UserPoolTags?.["gamectl.dev/environment"]).toBe("games/drift");
    expect(pool.MfaConfiguration).toBe("OPTIONAL");
    client.destroy();
  });

  it("blocks a new sign-in attribute under Retain, even with allowReplacement, and changes nothing, saying a new pool has no accounts", async () => {
    const env = loadEnvironment(manifest("immutable"));
    const reconcilers = testPool(target());
    const { outputs } = await convergeFully(reconcilers, env);
    const changed = loadEnvironment(manifest("immutable", { cognito: { ...cognito, domain: { prefix: "immutable-players" }, userPool: { ...cognito.userPool, signInAttribute: "email", allowReplacement: true } } }));
    reconcilers.calls.reset();
    const result = await reconcilers.forEnvironment(changed).reconcile(changed, { mode: "apply" });
    const action = result.plan.actions.find((a) => a.kind === "CognitoUserPool")!;
    expect(action.type).toBe("blocked");
    expect(action.reason).toMatch(/usernameAttributes: .*without any player account/);
    expect(reconcilers.calls.mutatingOperations()).toEqual([]);
    expect((await poolsNamed(changed.names.prefix + "-players")).map((p) => p.Id)).toEqual([outputs.cognito!.userPoolId]);
  });

  it("keeps the pool when the environment is deleted under Retain, and deletes it under Delete once deletion protection is off", async () => {
    const retained = loadEnvironment(manifest("retain"));
    const reconcilers = testPool(target());
    const { outputs } = await convergeFully(reconcilers, retained);
    const deletion = await reconcilers.forEnvironment(retained).reconcile(retained, { mode: "delete", allowMassDelete: true });
    expect(deletion.plan.actions.find((a) => a.kind === "CognitoUserPool")).toMatchObject({ type: "retain" });
    expect((await poolsNamed(retained.names.prefix + "-players")).map((p) => p.Id)).toEqual([outputs.cognito!.userPoolId]);

    const deletable = (protection: boolean) => loadEnvironment(manifest("delete", {
      deletionPolicy: "Delete", cognito: { ...cognito, domain: { prefix: "delete-players" }, userPool: { ...cognito.userPool, deletionProtection: protection } },
    }));
    await convergeFully(reconcilers, deletable(true));
    const refused = await reconcilers.forEnvironment(deletable(true)).reconcile(deletable(true), { mode: "delete", allowMassDelete: true });
    expect(refused.plan.actions.find((a) => a.kind === "CognitoUserPool")).toMatchObject({ type: "blocked", dataLoss: true });
    expect(await poolsNamed(deletable(true).names.prefix + "-players")).toHaveLength(1);
    await convergeFully(reconcilers, deletable(false));
    for (let pass = 0; pass < 5 && (await poolsNamed(deletable(false).names.prefix + "-players")).length > 0; pass++) {
      await reconcilers.forEnvironment(deletable(false)).reconcile(deletable(false), { mode: "delete", allowMassDelete: true });
    }
    expect(await poolsNamed(deletable(false).names.prefix + "-players")).toEqual([]);
  });
});
