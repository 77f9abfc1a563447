import { describe, expect, it } from "vitest";
import { computeDeletePlan, computePlan } from "../../src/plan/plan.ts";
import { renderPlan } from "../../src/plan/render.ts";
import type { DesiredResource, JsonValue, ObservedResource } from "../../src/plan/types.ts";

/** The Cognito kinds in the pure plan: plain data in, typed actions out, no AWS. */
const env = "games/arena";
const tags = { "gamectl.dev/environment": env, "gamectl.dev/managed-by": "gamectl", "gamectl.dev/component": "cognito/user-pool" };
const passwordPolicy = { minimumLength: 8, requireLowercase: true, requireUppercase: true, requireNumbers: true, requireSymbols: false, temporaryPasswordValidityDays: 7 };
const level = { name: "level", type: "Number", mutable: true, minValue: 1 };
const settings: Record<string, JsonValue> = {
  usernameAttributes: [], passwordPolicy, mfa: "OFF", accountRecovery: ["verified_email"], autoVerifiedAttributes: ["email"],
  deletionProtection: true, customAttributes: [level],
};

function desiredPool(overrides: Record<string, JsonValue> = {}, extra: Partial<DesiredResource> = {}): DesiredResource {
  return { kind: "CognitoUserPool", name: "cognito/user-pool", component: "cognito/user-pool", physicalName: "games-arena-players", properties: { ...settings, ...overrides }, tags, ...extra };
}

function observedPool(overrides: Record<string, JsonValue> = {}, extra: Partial<ObservedResource> = {}): ObservedResource {
  return {
    kind: "CognitoUserPool", name: "cognito/user-pool", id: "us-east-1_Abc123", owned: true, state: "Enabled", properties: { ...settings, ...overrides },
    attributes: { id: "us-east-1_Abc123", arn: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Abc123" }, tags,
    deletionProtected: (overrides.deletionProtection ?? settings.deletionProtection) === true, ...extra,
  };
}

const base = { environment: env, adopt: false };
const planFor = (desired: DesiredResource, observed: ObservedResource, deletionPolicy: "Retain" | "Delete" = "Retain") =>
  computePlan({ ...base, deletionPolicy, desired: [desired], observed: [observed] });

describe("the user pool in the plan", () => {
  it("repairs a drifted password policy in place", () => {
    const plan = planFor(desiredPool(), observedPool({ passwordPolicy: { ...passwordPolicy, minimumLength: 6 } }));
    expect(plan.actions[0]).toMatchObject({ type: "update", dataLoss: false });
    expect(plan.actions[0]!.changes).toEqual([{ field: "passwordPolicy", old: { ...passwordPolicy, minimumLength: 6 }, new: passwordPolicy, class: "in-place" }]);
  });

  it("blocks a new sign-in attribute under Retain, saying that a new pool loses every player account", () => {
    const plan = planFor(desiredPool({ usernameAttributes: ["email"] }), observedPool());
    expect(plan.actions[0]!.type).toBe("blocked");
    expect(plan.actions[0]!.reason).toMatch(/^usernameAttributes: .*without any player account.*allowReplacement/);
  });

  it("replaces the pool only with the opt-in, and flags the replacement as data loss", () => {
    const plan = planFor(desiredPool({ usernameAttributes: ["email"] }, { allowReplacement: true }), observedPool(), "Delete");
    expect(plan.actions[0]).toMatchObject({ type: "replace", dataLoss: true });
    expect(renderPlan(plan)).toContain("DATA LOSS");
  });

  it("adds a custom attribute in place, in any order", () => {
    const rank = { name: "rank", type: "String", mutable: true, maxLength: 16 };
    const plan = planFor(desiredPool({ customAttributes: [rank, level] }), observedPool());
    expect(plan.actions[0]!.type).toBe("update");
    expect(plan.actions[0]!.changes.map((c) => [c.field, c.class])).toEqual([["customAttributes", "in-place"]]);
  });

  it("blocks removing or changing a custom attribute, which Cognito cannot do, with the fix", () => {
    for (const customAttributes of [[], [{ ...level, minValue: 0 }]]) {
      const plan = planFor(desiredPool({ customAttributes }), observedPool());
      expect(plan.actions[0]!.type).toBe("blocked");
      expect(plan.actions[0]!.reason).toMatch(/^customAttributes: Cognito can add custom attributes to a user pool but never remove or change one; put the attribute back/);
    }
  });

  it("keeps the pool under Retain, refuses to delete it while deletion protection is on, and deletes it (data loss) otherwise", () => {
    expect(computeDeletePlan(env, [observedPool()], "Retain").actions[0]).toMatchObject({ type: "retain", dataLoss: false });
    expect(computeDeletePlan(env, [observedPool()], "Delete").actions[0]).toMatchObject({ type: "blocked", reason: expect.stringMatching(/deletion protection is on/) });
    expect(computeDeletePlan(env, [observedPool({ deletionProtection: false })], "Delete").actions[0]).toMatchObject({ type: "delete", dataLoss: true });
  });
});

describe("the Cognito section of prod.yaml", () => {
  it("builds the pool and the client, and hands the deployed server the pool's outputs", async () => {
    const { readFileSync } = await import("node:fs");
    const { loadManifestText } = await import("../../src/spec/load.ts");
    const { desiredResources } = await import("../../src/kinds/registries.ts");
    const file = new URL("../../manifests/examples/prod.yaml", import.meta.url);
    const loaded = loadManifestText(readFileSync(file, "utf8"), "prod.yaml");
    expect(loaded.errors).toEqual([]);
    const env = loaded.environments[0]!;
    const desired = desiredResources(env);
    expect(desired.filter((d) => d.kind.startsWith("Cognito")).map((d) => d.kind)).toEqual(["CognitoUserPool", "CognitoAppClient"]);
    const task = desired.find((d) => d.kind === "TaskDefinition")!;
    const environment = task.properties["containerDefinition.environment"] as Array<{ name: string; value: JsonValue }>;
    const value = (name: string) => environment.find((v) => v.name === name)?.value;
    expect(value("COGNITO_USER_POOL_ID")).toEqual({ $ref: "cognito/user-pool", attribute: "id" });
    expect(value("COGNITO_CLIENT_ID")).toEqual({ $ref: "cognito/app-client", attribute: "id" });
    expect(value("COGNITO_JWKS_URI")).toEqual({ $ref: "cognito/user-pool", attribute: "id", format: "https://cognito-idp.us-east-1.amazonaws.com/{}/.well-known/jwks.json" });
    expect(value("COGNITO_AUTO_CONFIRM")).toBe("false");
  });
});
