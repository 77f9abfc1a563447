import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from "@aws-sdk/client-cognito-identity-provider";
import type { AwsTestTarget } from "../env/index.ts";

export interface TestUserPool {
  userPoolId: string;
  /** The game's public client: no secret, USER_PASSWORD_AUTH and refresh. */
  clientId: string;
  /** Where the launcher serves the pool's keys (AWS: the issuer followed by /.well-known/jwks.json). */
  jwksUri: string;
  /** The issuer Cognito (and the launcher) put in the pool's tokens. */
  issuer: string;
}

export function cognitoClient(target: AwsTestTarget): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region: target.region, endpoint: target.endpoint, credentials: target.credentials, maxAttempts: 1 });
}

/**
 * A user pool and app client as the game needs them, made with the SDK until the controller's Cognito kinds create
 * them. `confirmWithCode`: the pool verifies email, so SignUp sends a code (production); otherwise nothing is sent
 * and the server confirms players itself (development).
 */
export async function createTestUserPool(target: AwsTestTarget, name: string, options: { confirmWithCode?: boolean; clientName?: string } = {}): Promise<TestUserPool> {
  const cognito = cognitoClient(target);
  try {
    const pool = await cognito.send(new CreateUserPoolCommand({
      PoolName: name,
      Policies: { PasswordPolicy: { MinimumLength: 8, RequireLowercase: true, RequireUppercase: false, RequireNumbers: true, RequireSymbols: false } },
      ...(options.confirmWithCode ? { AutoVerifiedAttributes: ["email"] } : {}),
    }));
    const userPoolId = pool.UserPool!.Id!;
    const client = await cognito.send(new CreateUserPoolClientCommand({
      UserPoolId: userPoolId, ClientName: options.clientName ?? "game", GenerateSecret: false,
      ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"], PreventUserExistenceErrors: "ENABLED",
    }));
    return {
      userPoolId, clientId: client.UserPoolClient!.ClientId!,
      jwksUri: new URL(`/${userPoolId}/.well-known/jwks.json`, target.endpoint).toString(),
      issuer: `https://cognito-idp.${target.region}.amazonaws.com/${userPoolId}`,
    };
  } finally {
    cognito.destroy();
  }
}
