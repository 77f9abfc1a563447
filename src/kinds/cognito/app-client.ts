import {
  CreateUserPoolClientCommand, DeleteUserPoolClientCommand, DescribeUserPoolClientCommand, ListUserPoolClientsCommand, UpdateUserPoolClientCommand,
  type ExplicitAuthFlowsType, type UserPoolClientType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { DesiredResource, FieldChange, JsonValue, ObservedResource } from "../../plan/types.ts";
import { ref } from "../../plan/values.ts";
import type { LoadedEnvironment } from "../../spec/load.ts";
import { awsErrorCode } from "../../aws/clients.ts";
import type { DriverContext, DriverResult } from "../../aws/driver.ts";
import { ownedBy } from "../../aws/drivers/tags.ts";
import type { DesiredResourceOf, KindDriver, ResolvedResourceOf, ResourceKind } from "../kind.ts";
import { changeOwned, readEverything } from "../permissions.ts";
import { appClientName, appClientPhysicalName, candidatePools, userPoolName } from "./pools.ts";
import { cognitoService } from "./service.ts";

type AuthFlow = "ALLOW_USER_PASSWORD_AUTH" | "ALLOW_USER_SRP_AUTH" | "ALLOW_REFRESH_TOKEN_AUTH";

/** The game's app client, in Cognito's own values. */
export type AppClientProperties = {
  userPoolId: string;
  /** Always false: the browser and the server's sign-in endpoint use a public client. */
  generateSecret: boolean;
  explicitAuthFlows: AuthFlow[];
  accessTokenValidityMinutes: number;
  idTokenValidityMinutes: number;
  refreshTokenValidityDays: number;
  preventUserExistenceErrors: "ENABLED" | "LEGACY";
};

function buildAppClient(env: LoadedEnvironment): Array<DesiredResourceOf<"CognitoAppClient", AppClientProperties>> {
  const client = env.manifest.spec.cognito?.appClient;
  if (!client) return [];
  const flows = client.authFlows.map((flow): AuthFlow => (flow === "USER_PASSWORD_AUTH" ? "ALLOW_USER_PASSWORD_AUTH" : "ALLOW_USER_SRP_AUTH"));
  return [{
    kind: "CognitoAppClient", name: appClientName, component: appClientName, physicalName: appClientPhysicalName(env),
    properties: {
      userPoolId: ref(userPoolName, "id"),
      generateSecret: false,
      // Refresh is always allowed: the server refreshes players' tokens before they expire.
      explicitAuthFlows: [...flows, "ALLOW_REFRESH_TOKEN_AUTH"],
      accessTokenValidityMinutes: client.accessTokenValidityMinutes,
      idTokenValidityMinutes: client.idTokenValidityMinutes,
      refreshTokenValidityDays: client.refreshTokenValidityDays,
      preventUserExistenceErrors: client.preventUserExistenceErrors ? "ENABLED" : "LEGACY",
    },
    // App clients take no tags: the client is the environment's because its pool is.
    tags: {},
  }];
}

function observedProperties(client: UserPoolClientType): AppClientProperties {
  return {
    userPoolId: client.UserPoolId ?? "",
    generateSecret: client.ClientSecret !== undefined,
    explicitAuthFlows: (client.ExplicitAuthFlows ?? []).filter((f): f is AuthFlow => f === "ALLOW_USER_PASSWORD_AUTH" || f === "ALLOW_USER_SRP_AUTH" || f === "ALLOW_REFRESH_TOKEN_AUTH"),
    // Cognito reports each validity in the unit it was set in; gamectl always sets these units.
    accessTokenValidityMinutes: client.AccessTokenValidity ?? 0,
    idTokenValidityMinutes: client.IdTokenValidity ?? 0,
    refreshTokenValidityDays: client.RefreshTokenValidity ?? 0,
    preventUserExistenceErrors: client.PreventUserExistenceErrors === "ENABLED" ? "ENABLED" : "LEGACY",
  };
}

/** Every setting UpdateUserPoolClient resets when it is not sent, so all of them go in every update. */
function clientSettings(p: AppClientProperties) {
  return {
    ExplicitAuthFlows: p.explicitAuthFlows as ExplicitAuthFlowsType[],
    AccessTokenValidity: p.accessTokenValidityMinutes,
    IdTokenValidity: p.idTokenValidityMinutes,
    RefreshTokenValidity: p.refreshTokenValidityDays,
    TokenValidityUnits: { AccessToken: "minutes" as const, IdToken: "minutes" as const, RefreshToken: "days" as const },
    PreventUserExistenceErrors: p.preventUserExistenceErrors,
    EnableTokenRevocation: true,
  };
}

class AppClientDriver implements KindDriver<AppClientProperties> {
  readonly kind = "CognitoAppClient";

  async observe(ctx: DriverContext, desired: readonly DesiredResource[]): Promise<ObservedResource[]> {
    const wanted = desired[0];
    const pools = (await candidatePools(ctx)).filter(({ tags }) => ownedBy(tags, ctx.environment.key));
    const found: ObservedResource[] = [];
    for (const { pool } of pools.slice(0, 1)) {
      const clients = await allClients(ctx, pool.Id ?? "");
      for (const summary of clients) {
        const client = (await ctx.aws.cognito.send(new DescribeUserPoolClientCommand({ UserPoolId: pool.Id, ClientId: summary.ClientId }))).UserPoolClient;
        if (!client?.ClientId) continue;
        // The game's client has the environment's client name; any other client in the pool is someone's own and left alone.
        if (client.ClientName !== (wanted?.physicalName ?? client.ClientName)) continue;
        found.push({
          kind: this.kind, name: found.length === 0 ? appClientName : `${appClientName}#${client.ClientId}`, id: client.ClientId, owned: true, state: "Enabled",
          properties: observedProperties(client) as unknown as Record<string, JsonValue>,
          attributes: { id: client.ClientId, userPoolId: client.UserPoolId ?? "" }, tags: {},
        });
      }
    }
    return found;
  }

  async create(ctx: DriverContext, resource: ResolvedResourceOf<AppClientProperties>): Promise<DriverResult> {
    const p = resource.properties;
    const client = (await ctx.aws.cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: p.userPoolId, ClientName: resource.physicalName, GenerateSecret: p.generateSecret, ...clientSettings(p),
    }))).UserPoolClient;
    return { attributes: { id: client?.ClientId ?? "", userPoolId: p.userPoolId } };
  }

  async update(ctx: DriverContext, resource: ResolvedResourceOf<AppClientProperties>, observed: ObservedResource, _changes: readonly FieldChange[]): Promise<DriverResult> {
    await ctx.aws.cognito.send(new UpdateUserPoolClientCommand({
      UserPoolId: observed.attributes.userPoolId, ClientId: observed.id, ClientName: resource.physicalName, ...clientSettings(resource.properties),
    }));
    return { attributes: observed.attributes };
  }

  async delete(ctx: DriverContext, observed: ObservedResource): Promise<DriverResult> {
    try {
      await ctx.aws.cognito.send(new DeleteUserPoolClientCommand({ UserPoolId: observed.attributes.userPoolId, ClientId: observed.id }));
    } catch (error) {
      if (awsErrorCode(error) !== "ResourceNotFoundException") throw error;
    }
    return {};
  }
}

async function allClients(ctx: DriverContext, userPoolId: string) {
  const clients = [];
  let token: string | undefined;
  do {
    const page = await ctx.aws.cognito.send(new ListUserPoolClientsCommand({ UserPoolId: userPoolId, MaxResults: 60, ...(token ? { NextToken: token } : {}) }));
    clients.push(...(page.UserPoolClients ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return clients;
}

/**
 * The game's app client: public (no secret), with the sign-in flows, token lifetimes and user-existence errors the
 * manifest asks for, all changed in place by UpdateUserPoolClient. It belongs to one pool and its secret is chosen at
 * creation, so those two replace it; it holds nothing, so a replacement loses no data (players sign in again).
 */
export const cognitoAppClient: ResourceKind<"CognitoAppClient", AppClientProperties> = {
  name: "CognitoAppClient",
  service: cognitoService,
  catalog: {
    title: "Cognito app client",
    dataHolding: false,
    tier: 1,
    fields: {
      userPoolId: { semantics: "replace", reason: "an app client belongs to one user pool" },
      generateSecret: { semantics: "replace", reason: "Cognito sets an app client's secret only when it creates the client" },
      explicitAuthFlows: { semantics: "in-place", compare: "set" },
    },
    readiness: "exists",
    requeueMs: { creating: 2_000, updating: 2_000, deleting: 2_000 },
  },
  build: buildAppClient,
  driver: new AppClientDriver(),
  // Client calls are authorized on the user pool, so they carry its ownership tag.
  permissions: [
    readEverything(["cognito-idp:ListUserPoolClients", "cognito-idp:DescribeUserPoolClient"]),
    changeOwned(["cognito-idp:CreateUserPoolClient", "cognito-idp:UpdateUserPoolClient", "cognito-idp:DeleteUserPoolClient"]),
  ],
};
