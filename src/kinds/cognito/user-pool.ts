import {
  AddCustomAttributesCommand, CreateUserPoolCommand, DeleteUserPoolCommand, SetUserPoolMfaConfigCommand, TagResourceCommand, UpdateUserPoolCommand,
  type SchemaAttributeType, type UserPoolType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import type { CognitoCustomAttribute } from "../../spec/types.generated.ts";
import { cognitoAutoConfirmActions, cognitoServerVariables } from "../../contract/game-server.ts";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { componentTag, ownedBy } from "../../aws/drivers/tags.ts";
import { tagsFor } from "../tags.ts";
import type { ContainerVariable, DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, createWithOwnershipTags, readEverything } from "../permissions.ts";
import { appClientName, candidatePools, domainName, issuerOf, jwksUriOf, userPoolName, userPoolPhysicalName } from "./pools.ts";
import { cognitoService } from "./service.ts";

type CustomAttribute = { name: string; type: "String" | "Number"; mutable: boolean; minLength?: number; maxLength?: number; minValue?: number; maxValue?: number };
type PasswordPolicy = {
  minimumLength: number; requireLowercase: boolean; requireUppercase: boolean; requireNumbers: boolean; requireSymbols: boolean;
  temporaryPasswordValidityDays: number;
};

/** A user pool's settings, in the shape both the builder writes and the driver observes (Cognito's own values). */
export type UserPoolProperties = {
  /** [] signs in with a username; ["email"] with the email address. */
  usernameAttributes: Array<"email">;
  passwordPolicy: PasswordPolicy;
  mfa: "OFF" | "OPTIONAL" | "ON";
  /** Recovery mechanisms in priority order. */
  accountRecovery: Array<"verified_email" | "admin_only">;
  /** ["email"]: sign-up sends a code to the email; []: nothing is sent. */
  autoVerifiedAttributes: Array<"email">;
  deletionProtection: boolean;
  customAttributes: CustomAttribute[];
};

const mfaModes = { off: "OFF", optional: "OPTIONAL", required: "ON" } as const;

function customAttribute(attribute: CognitoCustomAttribute): CustomAttribute {
  const { name, type, mutable, minLength, maxLength, minValue, maxValue } = attribute;
  // Cognito keeps only the constraints of the attribute's type.
  const limits = type === "String" ? { minLength, maxLength } : { minValue, maxValue };
  return { name, type, mutable, ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) };
}

function buildUserPool(env: LoadedEnvironment): Array<DesiredResourceOf<"CognitoUserPool", UserPoolProperties>> {
  const spec = env.manifest.spec;
  const pool = spec.cognito?.userPool;
  if (!pool) return [];
  const properties: UserPoolProperties = {
    usernameAttributes: pool.signInAttribute === "email" ? ["email"] : [],
    passwordPolicy: { ...pool.passwordPolicy },
    mfa: mfaModes[pool.mfa],
    accountRecovery: pool.accountRecovery === "email" ? ["verified_email"] : ["admin_only"],
    autoVerifiedAttributes: pool.verifyEmail ? ["email"] : [],
    deletionProtection: pool.deletionProtection,
    customAttributes: pool.customAttributes.map(customAttribute),
  };
  return [{
    kind: "CognitoUserPool", name: userPoolName, component: userPoolName, physicalName: userPoolPhysicalName(env), properties,
    tags: tagsFor(env, userPoolName),
    // A new pool starts empty: replacing one is allowed only where the environment lets data go.
    ...(pool.allowReplacement && spec.deletionPolicy === "Delete" ? { allowReplacement: true } : {}),
  }];
}

const numberOrUndefined = (value: string | undefined) => (value === undefined || value === "" ? undefined : Number(value));

function observedCustomAttributes(schema: readonly SchemaAttributeType[] | undefined): CustomAttribute[] {
  return (schema ?? []).filter((a) => a.Name?.startsWith("custom:")).map((a) => {
    const limits = a.AttributeDataType === "Number"
      ? { minValue: numberOrUndefined(a.NumberAttributeConstraints?.MinValue), maxValue: numberOrUndefined(a.NumberAttributeConstraints?.MaxValue) }
      : { minLength: numberOrUndefined(a.StringAttributeConstraints?.MinLength), maxLength: numberOrUndefined(a.StringAttributeConstraints?.MaxLength) };
    return {
      name: (a.Name ?? "").slice("custom:".length), type: a.AttributeDataType === "Number" ? "Number" : "String", mutable: a.Mutable ?? true,
      ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    };
  });
}

function observedProperties(pool: UserPoolType): UserPoolProperties {
  const policy = pool.Policies?.PasswordPolicy;
  return {
    usernameAttributes: (pool.UsernameAttributes ?? []).filter((a): a is "email" => a === "email"),
    passwordPolicy: {
      minimumLength: policy?.MinimumLength ?? 0, requireLowercase: policy?.RequireLowercase ?? false, requireUppercase: policy?.RequireUppercase ?? false,
      requireNumbers: policy?.RequireNumbers ?? false, requireSymbols: policy?.RequireSymbols ?? false,
      temporaryPasswordValidityDays: policy?.TemporaryPasswordValidityDays ?? 0,
    },
    mfa: pool.MfaConfiguration ?? "OFF",
    accountRecovery: [...(pool.AccountRecoverySetting?.RecoveryMechanisms ?? [])].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0))
      .map((m) => m.Name).filter((n): n is "verified_email" | "admin_only" => n === "verified_email" || n === "admin_only"),
    autoVerifiedAttributes: (pool.AutoVerifiedAttributes ?? []).filter((a): a is "email" => a === "email"),
    deletionProtection: pool.DeletionProtection === "ACTIVE",
    customAttributes: observedCustomAttributes(pool.SchemaAttributes),
  };
}

function poolAttributes(pool: UserPoolType, region: string): Record<string, string> {
  const id = pool.Id ?? "";
  return { id, arn: pool.Arn ?? "", issuer: issuerOf(region, id), jwksUri: jwksUriOf(region, id), ...(pool.Domain ? { domain: pool.Domain } : {}) };
}

const sdkSchema = (attributes: readonly CustomAttribute[]): SchemaAttributeType[] => attributes.map((a) => ({
  Name: a.name, AttributeDataType: a.type, Mutable: a.mutable, DeveloperOnlyAttribute: false, Required: false,
  ...(a.type === "String" && (a.minLength !== undefined || a.maxLength !== undefined)
    ? { StringAttributeConstraints: { ...(a.minLength !== undefined ? { MinLength: String(a.minLength) } : {}), ...(a.maxLength !== undefined ? { MaxLength: String(a.maxLength) } : {}) } } : {}),
  ...(a.type === "Number" && (a.minValue !== undefined || a.maxValue !== undefined)
    ? { NumberAttributeConstraints: { ...(a.minValue !== undefined ? { MinValue: String(a.minValue) } : {}), ...(a.maxValue !== undefined ? { MaxValue: String(a.maxValue) } : {}) } } : {}),
}));

/** The settings UpdateUserPool takes. It resets every setting it is not sent to Cognito's default, so it is always sent all of them. */
function mutableSettings(p: UserPoolProperties, tags: Readonly<Record<string, string>>) {
  const policy = p.passwordPolicy;
  return {
    Policies: {
      PasswordPolicy: {
        MinimumLength: policy.minimumLength, RequireLowercase: policy.requireLowercase, RequireUppercase: policy.requireUppercase,
        RequireNumbers: policy.requireNumbers, RequireSymbols: policy.requireSymbols, TemporaryPasswordValidityDays: policy.temporaryPasswordValidityDays,
      },
    },
    AccountRecoverySetting: { RecoveryMechanisms: p.accountRecovery.map((Name, i) => ({ Name, Priority: i + 1 })) },
    AutoVerifiedAttributes: p.autoVerifiedAttributes,
    DeletionProtection: p.deletionProtection ? "ACTIVE" as const : "INACTIVE" as const,
    UserPoolTags: { ...tags },
  };
}

/** MFA is by authenticator app (TOTP): Cognito turns it on through SetUserPoolMfaConfig, not UpdateUserPool. */
async function setMfa(ctx: DriverContext, userPoolId: string, mfa: UserPoolProperties["mfa"]): Promise<void> {
  await ctx.aws.cognito.send(new SetUserPoolMfaConfigCommand({
    UserPoolId: userPoolId, MfaConfiguration: mfa, SoftwareTokenMfaConfiguration: { Enabled: mfa !== "OFF" },
  }));
}

class UserPoolDriver implements KindDriver<UserPoolProperties> {
  readonly kind = "CognitoUserPool";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const wanted = desired[0];
    const seen = new Set<string>();
    return (await candidatePools(ctx)).flatMap(({ pool, tags }) => {
      const owned = ownedBy(tags, ctx.environment.key);
      // A pool of the environment's name that is not its own is reported unowned: the plan refuses to touch it.
      if (!owned && pool.Name !== wanted?.physicalName) return [];
      const logical = tags[componentTag] ?? userPoolName;
      // A second pool with the same logical name (a crash between two creates) is a leftover, removed like any other.
      const name = seen.has(logical) ? `${logical}#${pool.Id ?? ""}` : logical;
      seen.add(logical);
      const deletionProtected = pool.DeletionProtection === "ACTIVE";
      return [{
        kind: this.kind, name, id: pool.Id ?? "", owned, state: pool.Status ?? "Enabled",
        properties: observedProperties(pool) as unknown as Record<string, JsonValue>, attributes: poolAttributes(pool, ctx.environment.region), tags, deletionProtected,
      }];
    });
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<UserPoolProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const created = (await ctx.aws.cognito.send(new CreateUserPoolCommand({
      PoolName: resource.physicalName,
      ...(p.usernameAttributes.length ? { UsernameAttributes: p.usernameAttributes } : {}),
      ...mutableSettings(p, resource.tags),
      ...(p.customAttributes.length ? { Schema: sdkSchema(p.customAttributes) } : {}),
    }))).UserPool;
    if (!created?.Id) throw new Error(`CreateUserPool for ${resource.physicalName} returned no pool id`);
    // The next pass finds MFA off and sets it, should this process stop in between.
    if (p.mfa !== "OFF") await setMfa(ctx, created.Id, p.mfa);
    return { attributes: poolAttributes(created, ctx.environment.region) };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<UserPoolProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    const p = resource.properties;
    const id = observed.id;
    if (changed.has("mfa")) await setMfa(ctx, id, p.mfa);
    if (changed.has("customAttributes")) {
      // The plan let this through only if every observed attribute is still wanted: only the new ones are sent.
      const current = Array.isArray(observed.properties.customAttributes) ? observed.properties.customAttributes as unknown as CustomAttribute[] : [];
      const existing = new Set(current.map((a) => a.name));
      const added = p.customAttributes.filter((a) => !existing.has(a.name));
      if (added.length) await ctx.aws.cognito.send(new AddCustomAttributesCommand({ UserPoolId: id, CustomAttributes: sdkSchema(added) }));
    }
    if (["passwordPolicy", "accountRecovery", "autoVerifiedAttributes", "deletionProtection", "mfa"].some((f) => changed.has(f))) {
      await ctx.aws.cognito.send(new UpdateUserPoolCommand({ UserPoolId: id, ...mutableSettings(p, resource.tags), MfaConfiguration: p.mfa }));
    } else if (changed.has("tags")) {
      await ctx.aws.cognito.send(new TagResourceCommand({ ResourceArn: observed.attributes.arn, Tags: { ...resource.tags } }));
    }
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.cognito.send(new DeleteUserPoolCommand({ UserPoolId: observed.id }));
    } catch (error) {
      if (awsErrorCode(error) !== "ResourceNotFoundException") throw error;
    }
    return {};
  }
}

/**
 * What a deployed game server is told about the pool (server/config.ts reads them): the pool and client ids, the issuer
 * and JWKS URL, and whether it confirms sign-ups itself (a pool that sends no code).
 */
function cognitoContainerEnvironment(env: LoadedEnvironment): ContainerVariable[] {
  const spec = env.manifest.spec;
  if (!spec.cognito) return [];
  const region = spec.region;
  return [
    { name: cognitoServerVariables.cognitoUserPoolId, value: ref(userPoolName, "id") },
    { name: cognitoServerVariables.cognitoClientId, value: ref(appClientName, "id") },
    { name: cognitoServerVariables.cognitoIssuer, value: ref(userPoolName, "id", { format: issuerOf(region, "{}") }) },
    { name: cognitoServerVariables.cognitoJwksUri, value: ref(userPoolName, "id", { format: jwksUriOf(region, "{}") }) },
    { name: cognitoServerVariables.cognitoAutoConfirm, value: String(!spec.cognito.userPool.verifyEmail) },
  ];
}

/**
 * The user pool: every player's account. Data-holding, so it follows deletionPolicy and a replacement (which starts
 * an empty pool) is flagged as data loss. Cognito changes everything but the sign-in attribute in place
 * (UpdateUserPool, SetUserPoolMfaConfig) and custom attributes can only be added (AddCustomAttributes).
 */
export const cognitoUserPool: ResourceKind<"CognitoUserPool", UserPoolProperties> = {
  name: "CognitoUserPool",
  service: cognitoService,
  taggingType: "cognito-idp:userpool",
  catalog: {
    title: "Cognito user pool",
    dataHolding: true,
    tier: 0,
    fields: {
      usernameAttributes: {
        semantics: "immutable",
        reason: "Cognito cannot change what players sign in with on an existing user pool; a new pool starts without any player account (set cognito.userPool.allowReplacement with deletionPolicy Delete to accept that)",
      },
      customAttributes: {
        semantics: "add-only", compare: "set",
        reason: "Cognito can add custom attributes to a user pool but never remove or change one; put the attribute back in cognito.userPool.customAttributes as it was (a new pool would lose every player account)",
      },
      autoVerifiedAttributes: { semantics: "in-place" },
      passwordPolicy: { semantics: "in-place" },
      mfa: { semantics: "in-place" },
      accountRecovery: { semantics: "in-place" },
      deletionProtection: { semantics: "in-place" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 3_000 },
  },
  build: buildUserPool,
  outputs(env, lookup, _observed, outputs) {
    const userPoolId = lookup(userPoolName, "id");
    const clientId = lookup(appClientName, "id");
    if (!env.manifest.spec.cognito || !userPoolId || !clientId) return;
    const domain = env.manifest.spec.cognito.domain ? lookup(domainName, "domain") : undefined;
    outputs.cognito = {
      userPoolId, userPoolArn: lookup(userPoolName, "arn") ?? "", clientId,
      issuer: issuerOf(env.manifest.spec.region, userPoolId), jwksUri: jwksUriOf(env.manifest.spec.region, userPoolId),
      ...(domain ? { domain } : {}),
    };
  },
  driver: new UserPoolDriver(),
  permissions: [
    readEverything(["cognito-idp:ListUserPools", "cognito-idp:DescribeUserPool"]),
    createWithOwnershipTags(["cognito-idp:CreateUserPool"]),
    changeOwned(["cognito-idp:UpdateUserPool", "cognito-idp:SetUserPoolMfaConfig", "cognito-idp:AddCustomAttributes", "cognito-idp:TagResource", "cognito-idp:DeleteUserPool"]),
  ],
  taskRoleStatements(env) {
    const spec = env.manifest.spec;
    // Only a deployed server of a pool that sends no code confirms sign-ups itself (server/README.md).
    if (!spec.cognito || spec.cognito.userPool.verifyEmail || !spec.gameServer.image) return [];
    return [{ Sid: "CognitoAutoConfirm", Effect: "Allow", Action: [...cognitoAutoConfirmActions], Resource: ref(userPoolName, "arn") }];
  },
  containerEnvironment: cognitoContainerEnvironment,
};
