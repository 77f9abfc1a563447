import { CreateUserPoolDomainCommand, DeleteUserPoolDomainCommand, DescribeUserPoolDomainCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { DesiredResource, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { ownedBy } from "../../aws/drivers/tags.ts";
import type { DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, readEverything } from "../permissions.ts";
import { candidatePools, domainName, userPoolName } from "./pools.ts";
import { cognitoService } from "./service.ts";

/** A hosted-UI prefix domain: <prefix>.auth.<region>.amazoncognito.com. */
export type DomainProperties = {
  userPoolId: string;
  prefix: string;
};

function buildDomain(env: LoadedEnvironment): Array<DesiredResourceOf<"CognitoUserPoolDomain", DomainProperties>> {
  const domain = env.manifest.spec.cognito?.domain;
  if (!domain) return [];
  return [{
    kind: "CognitoUserPoolDomain", name: domainName, component: domainName, physicalName: domain.prefix,
    properties: { userPoolId: ref(userPoolName, "id"), prefix: domain.prefix },
    // Domains take no tags: a domain is the environment's when its pool is.
    tags: {},
  }];
}

class DomainDriver implements KindDriver<DomainProperties> {
  readonly kind = "CognitoUserPoolDomain";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const ownPools = new Set((await candidatePools(ctx)).filter(({ tags }) => ownedBy(tags, ctx.environment.key)).map(({ pool }) => pool.Id));
    // The desired prefix (which may belong to another pool, even another account's) and every domain of the environment's pools.
    const prefixes = new Set([...desired.map((d) => d.physicalName), ...(await candidatePools(ctx)).flatMap(({ pool, tags }) => (ownedBy(tags, ctx.environment.key) && pool.Domain ? [pool.Domain] : []))]);
    const found = await Promise.all([...prefixes].map(async (prefix): Promise<ObservedResource | undefined> => {
      const description = (await ctx.aws.cognito.send(new DescribeUserPoolDomainCommand({ Domain: prefix }))).DomainDescription;
      // Cognito answers an unknown domain with an empty description.
      if (!description?.UserPoolId) return undefined;
      const owned = ownPools.has(description.UserPoolId);
      return {
        kind: this.kind, name: desired.some((d) => d.physicalName === prefix) ? domainName : `${domainName}#${prefix}`, id: prefix, owned,
        state: description.Status ?? "ACTIVE", properties: { userPoolId: description.UserPoolId, prefix },
        attributes: { domain: `${prefix}.auth.${ctx.environment.region}.amazoncognito.com`, userPoolId: description.UserPoolId },
        tags: {},
      };
    }));
    return found.filter((o): o is ObservedResource => o !== undefined);
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<DomainProperties>): Promise<DriverResult> {
    await ctx.aws.cognito.send(new CreateUserPoolDomainCommand({ Domain: resource.properties.prefix, UserPoolId: resource.properties.userPoolId }));
    return { attributes: { domain: `${resource.properties.prefix}.auth.${ctx.environment.region}.amazoncognito.com`, userPoolId: resource.properties.userPoolId }, requeueAfterMs: 5_000 };
  }

  async update(_ctx: DriverContext, _resource: ResolvedResourceOf<DomainProperties>, observed: ObservedResource): Promise<DriverResult> {
    // Every field of a prefix domain is a replacement: nothing is ever updated in place.
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.cognito.send(new DeleteUserPoolDomainCommand({ Domain: observed.id, UserPoolId: observed.attributes.userPoolId }));
    } catch (error) {
      if (awsErrorCode(error) !== "ResourceNotFoundException") throw error;
    }
    return {};
  }
}

/** The optional hosted-UI domain. A prefix domain has nothing to change in place: a new prefix or pool replaces it. */
export const cognitoUserPoolDomain: ResourceKind<"CognitoUserPoolDomain", DomainProperties> = {
  name: "CognitoUserPoolDomain",
  service: cognitoService,
  catalog: {
    title: "Cognito user pool domain",
    dataHolding: false,
    tier: 1,
    fields: {
      userPoolId: { semantics: "replace", reason: "a domain belongs to one user pool" },
      prefix: { semantics: "replace", reason: "a Cognito domain cannot be renamed" },
    },
    readiness: { states: ["ACTIVE"], noun: "user pool domain" },
    requeueMs: { creating: 5_000, updating: 5_000, deleting: 5_000 },
  },
  build: buildDomain,
  driver: new DomainDriver(),
  // Domain calls are authorized on the user pool, so they carry its ownership tag.
  permissions: [
    readEverything(["cognito-idp:DescribeUserPoolDomain"]),
    changeOwned(["cognito-idp:CreateUserPoolDomain", "cognito-idp:DeleteUserPoolDomain"]),
  ],
};
