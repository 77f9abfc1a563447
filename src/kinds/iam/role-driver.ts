import {
  CreateRoleCommand, DeleteRoleCommand, DeleteRolePolicyCommand, DetachRolePolicyCommand, GetRoleCommand, GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand,
  PutRolePolicyCommand, TagRoleCommand, UpdateAssumeRolePolicyCommand, type Role,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { awsErrorCode, orUndefined, type AwsClients } from "../../aws/clients.ts";
import { strings, type DriverContext, type DriverResult } from "../../aws/driver.ts";
import { ownedBy, tagList, tagMap } from "../../aws/drivers/tags.ts";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import type { KindDriver, ResolvedResourceOf } from "../kind.ts";
import { configuredRoleBoundary, defaultRoleBoundaryName, gamectlRolePath, type RoleProperties } from "./roles.ts";

function parsePolicy(document: string | undefined): JsonValue {
  if (!document) return null;
  try {
    return JSON.parse(decodeURIComponent(document)) as JsonValue;
  } catch {
    return document;
  }
}

/** Per set of clients (one account): the boundary ARN, read once. */
const boundaries = new WeakMap<AwsClients, Promise<string>>();

/**
 * The permissions boundary of the roles gamectl creates: GAMECTL_ROLE_BOUNDARY_ARN, or the policy
 * `gamectl-task-role-boundary` in the controller's own account (manifests/controller/task-role-boundary.json).
 * The controller's IAM policy names that boundary: change both together.
 */
export function roleBoundaryArn(aws: AwsClients): Promise<string> {
  let arn = boundaries.get(aws);
  if (!arn) {
    const configured = process.env.GAMECTL_ROLE_BOUNDARY_ARN?.trim();
    if (configured !== undefined && configured !== "" && !/^arn:aws[a-z-]*:iam::\d{12}:policy\/.+/.test(configured)) {
      throw new Error(`GAMECTL_ROLE_BOUNDARY_ARN is "${configured}", not an IAM policy ARN; set it to arn:aws:iam::<account>:policy/${defaultRoleBoundaryName} or unset it`);
    }
    arn = configured
      ? Promise.resolve(configured)
      : aws.sts.send(new GetCallerIdentityCommand({})).then((identity) => `arn:aws:iam::${identity.Account ?? ""}:policy/${defaultRoleBoundaryName}`);
    arn.catch(() => boundaries.delete(aws));
    boundaries.set(aws, arn);
  }
  return arn;
}

/** Managed policies attached to the role, and inline policies other than gamectl's own. */
async function extraPolicies(ctx: DriverContext, roleName: string, ownPolicy: string): Promise<{ attached: string[]; inline: string[] }> {
  const attached: string[] = [];
  const inline: string[] = [];
  let marker: string | undefined;
  do {
    const page = await ctx.aws.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: roleName, ...(marker ? { Marker: marker } : {}) }));
    for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) attached.push(p.PolicyArn);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  do {
    const page = await ctx.aws.iam.send(new ListRolePoliciesCommand({ RoleName: roleName, ...(marker ? { Marker: marker } : {}) }));
    for (const name of page.PolicyNames ?? []) if (name !== ownPolicy) inline.push(name);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return { attached: attached.sort(), inline: inline.sort() };
}

async function removeExtraPolicies(ctx: DriverContext, roleName: string, attached: readonly string[], inline: readonly string[]): Promise<void> {
  for (const arn of attached) await orUndefined(ctx.aws.iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn })), "NoSuchEntity");
  for (const name of inline) await orUndefined(ctx.aws.iam.send(new DeleteRolePolicyCommand({ RoleName: roleName, PolicyName: name })), "NoSuchEntity");
}

/** Every role under gamectl's path, by name, as its id and trust policy: what a role's last read is reused by. */
async function gamectlRoles(ctx: DriverContext): Promise<Map<string, string>> {
  const roles = new Map<string, string>();
  let marker: string | undefined;
  do {
    const page = await ctx.aws.iam.send(new ListRolesCommand({ PathPrefix: gamectlRolePath, MaxItems: 1000, ...(marker ? { Marker: marker } : {}) }));
    for (const role of page.Roles ?? []) if (role.RoleName) roles.set(role.RoleName, `${role.RoleId ?? ""} ${role.AssumeRolePolicyDocument ?? ""}`);
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return roles;
}

export interface LeftoverRole {
  readonly name: string;
  physicalName(prefix: string): string;
  policyName(roleName: string): string;
}

/** gamectl's inline policy on a desired role: every role kind's builder names one. */
const policyNameOf = (resource: DesiredResource): string => (typeof resource.properties.policyName === "string" ? resource.properties.policyName : "");

/**
 * A role, its trust policy and gamectl's one inline policy (or only the policy, on a role the user brought):
 * the driver of the game server's task role and of its execution role.
 */
export class RoleDriver implements KindDriver<RoleProperties> {
  readonly kind: "TaskRole" | "ExecutionRole";
  private readonly purpose: string;
  private readonly leftover: LeftoverRole | undefined;

  /**
   * `leftover`: how to find a role of this kind the spec no longer declares (IAM roles are not in the
   * tagging API): its logical name, policy name and deterministic physical name from the environment's prefix.
   */
  constructor(kind: "TaskRole" | "ExecutionRole", purpose: string, leftover?: LeftoverRole) {
    this.kind = kind;
    this.purpose = purpose;
    this.leftover = leftover;
  }

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    if (desired.length === 0 && this.leftover) {
      const name = this.leftover.physicalName(ctx.environment.prefix);
      desired = [{ kind: this.kind, name: this.leftover.name, component: this.leftover.name, physicalName: name, properties: { policyName: this.leftover.policyName(name) }, tags: {} }];
    }
    const found = await Promise.all(desired.map(async (resource): Promise<ObservedResource | undefined> => {
      const shared = ctx.shared;
      if (!shared || resource.external) return await this.read(ctx, resource);
      // IAM has no batch describe: a light resync reuses a role's last read while one listing of every role under
      // gamectl's path shows it with the same id and trust policy (src/aws/shared-observation.ts).
      const fingerprint = shared.batched ? (await shared.wave("iam:roles:gamectl-path", () => gamectlRoles(ctx))).get(resource.physicalName) : undefined;
      return await shared.details(`${this.kind}:${resource.physicalName}`, fingerprint, () => this.read(ctx, resource));
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  private async read(ctx: DriverContext, resource: DesiredResource): Promise<ObservedResource | undefined> {
    const role: Role | undefined = (await orUndefined(ctx.aws.iam.send(new GetRoleCommand({ RoleName: resource.physicalName })), "NoSuchEntity"))?.Role;
    if (!role) return undefined;
    const policyName = policyNameOf(resource);
    // A resync of a role gamectl created reads the role alone; the inline policy waits for the
    // full observation. A role the user brought is ours only through its policy, so it is always read.
    const light = ctx.observation === "resync" && !resource.external;
    const policy = light ? undefined : await orUndefined(ctx.aws.iam.send(new GetRolePolicyCommand({ RoleName: resource.physicalName, PolicyName: policyName })), "NoSuchEntity");
    // Every permission the role holds, not only gamectl's policy: an attachment added by hand is drift.
    const extras = light || resource.external ? undefined : await extraPolicies(ctx, resource.physicalName, policyName);
    const tags = tagMap(role.Tags);
    const boundary = role.PermissionsBoundary?.PermissionsBoundaryArn;
    // The boundary as the plan compares it: the configured one by the desired value, any other by its ARN.
    const roleShape: Record<string, JsonValue> = resource.external ? {} : {
      path: role.Path ?? "/",
      permissionsBoundary: boundary === undefined ? null : boundary === await roleBoundaryArn(ctx.aws) ? configuredRoleBoundary : boundary,
    };
    return {
      // On a role the user brought, gamectl owns only its inline policy.
      kind: this.kind, name: resource.name, id: role.RoleName ?? resource.physicalName,
      owned: resource.external ? policy !== undefined : ownedBy(tags, ctx.environment.key), state: "available",
      properties: {
        ...roleShape,
        assumeRolePolicy: parsePolicy(role.AssumeRolePolicyDocument),
        policyName: policy ? policyName : null,
        policy: parsePolicy(policy?.PolicyDocument),
        ...(extras ? { attachedPolicies: extras.attached, otherInlinePolicies: extras.inline } : {}),
      },
      attributes: { id: role.RoleName ?? resource.physicalName, arn: role.Arn ?? "", ...(resource.external ? { external: "true", policyName } : {}) },
      tags,
      ...(light ? { unobserved: ["policyName", "policy", "attachedPolicies", "otherInlinePolicies"] } : {}),
    };
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<RoleProperties>): Promise<DriverResult> {
    if (resource.external) {
      throw new Error(`spec.iam.taskRole.existingRoleName: the role "${resource.physicalName}" does not exist; create it first or use taskRole: {create: true}`);
    }
    let arn: string;
    try {
      // Under gamectl's path and with its boundary: the controller's policy allows no other role.
      const created = await ctx.aws.iam.send(new CreateRoleCommand({
        RoleName: resource.physicalName,
        Path: gamectlRolePath,
        PermissionsBoundary: await roleBoundaryArn(ctx.aws),
        AssumeRolePolicyDocument: JSON.stringify(resource.properties.assumeRolePolicy),
        Description: `gamectl ${this.purpose} for ${ctx.environment.key}`,
        Tags: tagList(resource.tags),
      }));
      arn = created.Role?.Arn ?? "";
    } catch (error) {
      if (awsErrorCode(error) !== "EntityAlreadyExists" && awsErrorCode(error) !== "EntityAlreadyExistsException") throw error;
      // Ours if a crash came between CreateRole and this pass; anyone else's role is never given our policy.
      const existing = (await ctx.aws.iam.send(new GetRoleCommand({ RoleName: resource.physicalName }))).Role;
      if (!ownedBy(tagMap(existing?.Tags), ctx.environment.key)) {
        throw new Error(`the IAM role "${resource.physicalName}" was created by someone else while gamectl was creating it, and is not tagged for ${ctx.environment.key}; gamectl leaves it alone. Delete or rename that role, or name it in spec.iam.taskRole.existingRoleName`, { cause: error });
      }
      arn = existing?.Arn ?? "";
    }
    await this.putPolicy(ctx, resource);
    return { attributes: { id: resource.physicalName, arn } };
  }

  private async putPolicy(ctx: DriverContext, resource: ResolvedResourceOf<RoleProperties>): Promise<void> {
    await ctx.aws.iam.send(new PutRolePolicyCommand({
      RoleName: resource.physicalName, PolicyName: resource.properties.policyName, PolicyDocument: JSON.stringify(resource.properties.policy),
    }));
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<RoleProperties>, observed: ObservedResource, changes: readonly FieldChange[]): Promise<DriverResult> {
    const changed = new Set(changes.map((c) => c.field));
    if (changed.has("assumeRolePolicy") && !resource.external) {
      await ctx.aws.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: resource.physicalName, PolicyDocument: JSON.stringify(resource.properties.assumeRolePolicy) }));
    }
    if (changed.has("policy") || changed.has("policyName")) await this.putPolicy(ctx, resource);
    if (!resource.external && (changed.has("attachedPolicies") || changed.has("otherInlinePolicies"))) {
      await removeExtraPolicies(ctx, resource.physicalName, strings(observed.properties.attachedPolicies), strings(observed.properties.otherInlinePolicies));
    }
    if (changed.has("tags") && !resource.external) await ctx.aws.iam.send(new TagRoleCommand({ RoleName: resource.physicalName, Tags: tagList(resource.tags) }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    if (observed.attributes.external === "true") {
      await orUndefined(ctx.aws.iam.send(new DeleteRolePolicyCommand({ RoleName: observed.id, PolicyName: observed.attributes.policyName ?? "" })), "NoSuchEntity");
      return {};
    }
    // IAM refuses to delete a role that still has policies (DeleteConflict), attached ones included.
    const extras = await orUndefined(extraPolicies(ctx, observed.id, ""), "NoSuchEntity");
    if (extras) await removeExtraPolicies(ctx, observed.id, extras.attached, extras.inline);
    await orUndefined(ctx.aws.iam.send(new DeleteRoleCommand({ RoleName: observed.id })), "NoSuchEntity");
    return {};
  }
}
