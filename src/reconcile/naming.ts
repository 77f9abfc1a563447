import { GetRoleCommand } from "@aws-sdk/client-iam";
import { orUndefined } from "../aws/clients.ts";
import type { DriverContext } from "../aws/driver.ts";
import { environmentInventory } from "../aws/inventory.ts";
import { environmentTag, tagMap } from "../aws/drivers/tags.ts";
import type { LoadedEnvironment } from "../spec/load.ts";
import { NAMING_TAG, physicalNames, type NamingScheme } from "../spec/names.ts";

export interface NamingDecision {
  /** The environment with the names of the scheme in force. */
  readonly env: LoadedEnvironment;
  readonly scheme: NamingScheme;
  /** What the plan says about the scheme: which one, why, and how to move on. Unset for a v2 environment. */
  readonly note?: string;
}

/**
 * Which naming scheme an environment's resources live under, read from AWS on every reconcile (never remembered,
 * so a crash at any point leaves nothing to repair): v2 once any of its resources carries the naming tag, v1 when
 * its resources exist without it, v2 for a new environment. A v1 environment keeps every v1 name, data-holding or
 * not: renaming a table, a replication group, a secret or a log group means a new one, and renaming the rest
 * replaces the load balancer (its DNS name is the game's endpoint), the roles running tasks hold and the security
 * groups their network interfaces use, for no gain to the environment itself.
 */
export async function resolveNaming(env: LoadedEnvironment, ctx: DriverContext): Promise<NamingDecision> {
  const inventory = await environmentInventory(ctx);
  if (inventory.some((resource) => resource.tags[NAMING_TAG] === "v2")) return { env, scheme: "v2" };
  const namespace = env.manifest.metadata.namespace ?? "default";
  const legacy = physicalNames(namespace, env.manifest.metadata.name, env.manifest.spec, { scheme: "v1" });
  const evidence = inventory.length > 0
    ? `${inventory.length} resource(s) tagged ${environmentTag}=${env.key} carry no ${NAMING_TAG} tag`
    : await legacyRoleEvidence(env, legacy.taskRoleName, ctx);
  if (!evidence) return { env, scheme: "v2" };
  const note = `naming: v1 (legacy) names are kept for every resource of ${env.key}, because ${evidence}: they were created before `
    + `names became unique per environment, and renaming a table, Redis, a secret or a log group would replace it and lose its data. `
    + `New environments get v2 names (${env.names.prefix}-...). To move ${env.key} to v2 names, create the environment under a new name, `
    + `copy its data, and delete this one; until no environment plans v1 names, the controller's policy needs the legacy-names `
    + `statement (manifests/controller/README.md).`;
  return { env: { ...env, names: legacy }, scheme: "v1", note };
}

/**
 * Roles are not in the tagging inventory: an environment whose only resource so far is its task role (a crash right
 * after creating it) is recognised by the role's v1 name and its environment tag.
 */
async function legacyRoleEvidence(env: LoadedEnvironment, legacyRoleName: string, ctx: DriverContext): Promise<string | undefined> {
  if (env.manifest.spec.iam.taskRole.existingRoleName) return undefined;
  const role = (await orUndefined(ctx.aws.iam.send(new GetRoleCommand({ RoleName: legacyRoleName })), "NoSuchEntity"))?.Role;
  if (!role || tagMap(role.Tags)[environmentTag] !== env.key) return undefined;
  return `its task role ${legacyRoleName} exists under its v1 name`;
}
