import {
  AdminConfirmSignUpCommand, ConfirmSignUpCommand, CreateUserPoolClientCommand, InitiateAuthCommand, SignUpCommand,
} from "@aws-sdk/client-cognito-identity-provider";
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from "jose";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { cognitoMessages, resetMoto, rotateCognitoKey, setCognitoClock } from "./admin.ts";
import { awsError } from "./sdk-helpers.ts";
import { aws } from "../env/index.ts";
import { cognitoClient, createTestUserPool } from "../support/cognito-pool.ts";

const target = () => aws();
const password = "correct-horse-7";

beforeAll(async () => {
  await resetMoto(target().endpoint);
});
afterEach(async () => {
  await setCognitoClock(target().endpoint, 0);
});

async function signedIn(clientId: string, username: string, userPoolId: string) {
  const cognito = cognitoClient(target());
  await cognito.send(new SignUpCommand({ ClientId: clientId, Username: username, Password: password }));
  await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: userPoolId, Username: username }));
  const auth = await cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password } }));
  cognito.destroy();
  return auth.AuthenticationResult!;
}

describe("Cognito in the launcher behaves like AWS", () => {
  it("signs each pool's tokens with the pool's own key, served as that pool's JWKS only", async () => {
    const red = await createTestUserPool(target(), "red");
    const blue = await createTestUserPool(target(), "blue");
    const token = (await signedIn(red.clientId, "rita", red.userPoolId)).IdToken!;
    expect(decodeJwt(token).iss).toBe(red.issuer);
    await jwtVerify(token, createRemoteJWKSet(new URL(red.jwksUri)), { issuer: red.issuer });
    const wrongKeys = await jwtVerify(token, createRemoteJWKSet(new URL(blue.jwksUri))).then(() => "verified", (error: Error) => error.name);
    expect(wrongKeys).toBe("JWKSNoMatchingKey");
    const unknown = await fetch(new URL("/us-east-1_Nope12345/.well-known/jwks.json", target().endpoint));
    expect(unknown.status).toBe(404);
  });

  it("confirms a sign-up only with the code it sent, once", async () => {
    const pool = await createTestUserPool(target(), "coded", { confirmWithCode: true });
    const cognito = cognitoClient(target());
    const signUp = await cognito.send(new SignUpCommand({ ClientId: pool.clientId, Username: "cora", Password: password, UserAttributes: [{ Name: "email", Value: "cora@example.com" }] }));
    expect(signUp.UserConfirmed).toBe(false);
    expect(signUp.CodeDeliveryDetails?.DeliveryMedium).toBe("EMAIL");
    const unconfirmed = await awsError(cognito.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cora", PASSWORD: password } })));
    expect(unconfirmed.name).toBe("UserNotConfirmedException");
    const message = (await cognitoMessages(target().endpoint)).find((m) => m.userPoolId === pool.userPoolId && m.username === "cora")!;
    expect(message.code).toMatch(/^\d{6}$/);
    const wrong = String((Number(message.code) + 1) % 1_000_000).padStart(6, "0");
    expect((await awsError(cognito.send(new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: "cora", ConfirmationCode: wrong })))).name).toBe("CodeMismatchException");
    await cognito.send(new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: "cora", ConfirmationCode: message.code }));
    expect((await awsError(cognito.send(new ConfirmSignUpCommand({ ClientId: pool.clientId, Username: "cora", ConfirmationCode: message.code })))).name).toBe("NotAuthorizedException");
    const auth = await cognito.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "cora", PASSWORD: password } }));
    expect(auth.AuthenticationResult?.IdToken).toBeTruthy();
    cognito.destroy();
  });

  it("refuses USER_PASSWORD_AUTH through a client that does not allow it, and a refresh token through another client", async () => {
    const pool = await createTestUserPool(target(), "flows");
    const cognito = cognitoClient(target());
    const srpOnly = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: "srp", ExplicitAuthFlows: ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }))).UserPoolClient!.ClientId!;
    const tokens = await signedIn(pool.clientId, "finn", pool.userPoolId);
    const refused = await awsError(cognito.send(new InitiateAuthCommand({ ClientId: srpOnly, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "finn", PASSWORD: password } })));
    expect(refused.name).toBe("InvalidParameterException");
    expect(refused.message).toMatch(/USER_PASSWORD_AUTH flow not enabled/);
    const otherClient = await awsError(cognito.send(new InitiateAuthCommand({ ClientId: srpOnly, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } })));
    expect(otherClient.name).toBe("NotAuthorizedException");
    const refreshed = await cognito.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken! } }));
    expect(decodeJwt(refreshed.AuthenticationResult!.IdToken!).aud).toBe(pool.clientId);
    cognito.destroy();
  });

  it("rotates a pool's key on request, keeping the old one in its JWKS, and issues tokens from a shifted clock", async () => {
    const pool = await createTestUserPool(target(), "rotating");
    const before = (await signedIn(pool.clientId, "rosa", pool.userPoolId)).IdToken!;
    const { kid, kids } = await rotateCognitoKey(target().endpoint, pool.userPoolId);
    expect(kids).toEqual([kid, decodeProtectedHeader(before).kid]);
    await setCognitoClock(target().endpoint, -7200);
    const cognito = cognitoClient(target());
    const stale = (await cognito.send(new InitiateAuthCommand({ ClientId: pool.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "rosa", PASSWORD: password } }))).AuthenticationResult!.IdToken!;
    cognito.destroy();
    expect(decodeProtectedHeader(stale).kid).toBe(kid);
    expect(decodeJwt(stale).exp!).toBeLessThan(Date.now() / 1000);
    const keys = createRemoteJWKSet(new URL(pool.jwksUri));
    await jwtVerify(before, keys);
    expect(await jwtVerify(stale, keys).then(() => "verified", (error: Error) => error.name)).toBe("JWTExpired");
  });
});
