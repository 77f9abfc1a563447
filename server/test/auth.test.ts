import { SignJWT, exportJWK, generateKeyPair } from "jose";
import type { Jwks } from "aws-jwt-verify/jwk";
import { describe, expect, it } from "vitest";
import { createTokenVerifier, issueDevToken } from "../auth.ts";

const userPoolId = "us-east-1_TestPool1";
const clientId = "arena-client";

describe("token verification", () => {
  it("HS256: accepts a dev token, rejects another secret, an expired token and a missing one", async () => {
    const secret = "a-development-secret-0123456789";
    const verify = createTokenVerifier({ kind: "hs256", secret });
    expect(await verify(await issueDevToken(secret, { playerId: "p1", name: "One" }))).toEqual({ playerId: "p1", name: "One" });
    await expect(verify(await issueDevToken("some-other-secret-0123456789", { playerId: "p1", name: "One" }))).rejects.toThrow(/invalid token/);
    await expect(verify(await issueDevToken(secret, { playerId: "p1", name: "One" }, Math.floor(Date.now() / 1000) - 5))).rejects.toThrow(/expired token/);
    await expect(verify(undefined)).rejects.toThrow(/no token/);
  });

  it("Cognito: verifies an ID token against the pool's JWKS and rejects a wrong audience", async () => {
    const { privateKey, publicKey } = await generateKeyPair("RS256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "key-1", alg: "RS256", use: "sig" };
    const verify = createTokenVerifier({ kind: "cognito", userPoolId, clientId }, { preloadedJwks: { keys: [jwk] } as unknown as Jwks });
    const token = (audience: string) => new SignJWT({ token_use: "id", "cognito:username": "carol" })
      .setProtectedHeader({ alg: "RS256", kid: "key-1" })
      .setIssuer(`https://cognito-idp.us-east-1.amazonaws.com/${userPoolId}`)
      .setAudience(audience).setSubject("sub-123").setIssuedAt().setExpirationTime("1h")
      .sign(privateKey);
    expect(await verify(await token(clientId))).toEqual({ playerId: "sub-123", name: "carol" });
    await expect(verify(await token("someone-else"))).rejects.toThrow(/invalid token/);
  });
});
