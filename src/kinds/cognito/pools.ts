import { DescribeUserPoolCommand, ListUserPoolsCommand, type UserPoolType } from "@aws-sdk/client-cognito-identity-provider";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext } from "../../aws/driver.ts";
import { environmentInventory } from "../../aws/inventory.ts";
import { fitName } from "../../spec/names.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";

/** Logical names of the three Cognito kinds: the client and the domain reference the pool's attributes by them. */
export const userPoolName = "cognito/user-pool";
export const appClientName = "cognito/app-client";
export const domainName = "cognito/domain";

/** Cognito pool names need not be unique, so a pool is found by its tags; the name only helps a reader of the console. */
export const userPoolNameFor = (prefix: string) => fitName(`${prefix}-players`, { max: 128 });
export const userPoolPhysicalName = (env: LoadedEnvironment) => userPoolNameFor(env.names.prefix);
export const appClientPhysicalName = (env: LoadedEnvironment) => fitName(`${env.names.prefix}-game`, { max: 128 });

/** AWS's issuer of the pool's tokens, and where it publishes their keys. */
export const issuerOf = (region: string, userPoolId: string) => `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`;
export const jwksUriOf = (region: string, userPoolId: string) => `${issuerOf(region, userPoolId)}/.well-known/jwks.json`;

export interface FoundPool {
  readonly pool: UserPoolType;
  readonly tags: Record<string, string>;
}

/**
 * Every user pool that may be this environment's, described once per reconcile and shared by the three kinds: the
 * pools the tag inventory lists, and the pools with the environment's pool name (the tagging API is eventually
 * consistent, so a pool created a moment ago is found by name; its tags, which CreateUserPool set, decide).
 */
export function candidatePools(ctx: DriverContext): Promise<FoundPool[]> {
  return ctx.memo("cognito:pools", async () => {
    const poolName = userPoolNameFor(ctx.environment.prefix);
    const ids = new Set<string>();
    for (const { arn } of await environmentInventory(ctx)) {
      const match = /^arn:[^:]+:cognito-idp:[^:]*:[^:]*:userpool\/(.+)$/.exec(arn);
      if (match?.[1]) ids.add(match[1]);
    }
    let token: string | undefined;
    do {
      const page = await ctx.aws.cognito.send(new ListUserPoolsCommand({ MaxResults: 60, ...(token ? { NextToken: token } : {}) }));
      for (const pool of page.UserPools ?? []) if (pool.Name === poolName && pool.Id) ids.add(pool.Id);
      token = page.NextToken || undefined;
    } while (token);
    const found = await Promise.all([...ids].map(async (id): Promise<FoundPool | undefined> => {
      try {
        const pool = (await ctx.aws.cognito.send(new DescribeUserPoolCommand({ UserPoolId: id }))).UserPool;
        return pool ? { pool, tags: { ...pool.UserPoolTags } } : undefined;
      } catch (error) {
        if (awsErrorCode(error) === "ResourceNotFoundException") return undefined;
        throw error;
      }
    }));
    return found.filter((f): f is FoundPool => f !== undefined)
      // The oldest first: should a crash ever leave two, the first one created is the environment's.
      .sort((a, b) => (a.pool.CreationDate?.getTime() ?? 0) - (b.pool.CreationDate?.getTime() ?? 0));
  });
}
