import { SignJWT, exportJWK, generateKeyPair } from "jose";
import type { Jwks } from "aws-jwt-verify/jwk";
import { describe, expect, it } from "vitest";
import { GAME_TOKEN_AUDIENCE, MAX_TOKEN_LIFETIME_SECONDS, createTokenVerifier, issueDevToken } from "../auth.ts";

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

  it("HS256: refuses a token without exp, without the game's audience, or living longer than the bound (issue 14, defect 1)", async () => {
    const secret = "a-development-secret-0123456789";
    const verify = createTokenVerifier({ kind: "hs256", secret });
    const key = new TextEncoder().encode(secret);
    const now = Math.floor(Date.now() / 1000);
    const signed = (claims: { aud?: string; exp?: number; iat?: number }) => {
      const jwt = new SignJWT({ name: "Eve" }).setProtectedHeader({ alg: "HS256" }).setSubject("eve").setIssuer("gamectl-dev");
      if (claims.aud !== undefined) jwt.setAudience(claims.aud);
      if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
      if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
      return jwt.sign(key);
    };
    expect(await verify(await signed({ aud: GAME_TOKEN_AUDIENCE, iat: now, exp: now + 3600 }))).toEqual({ playerId: "eve", name: "Eve" });
    await expect(verify(await signed({ aud: GAME_TOKEN_AUDIENCE, iat: now }))).rejects.toThrow(/invalid token: .*exp/);
    await expect(verify(await signed({ iat: now, exp: now + 3600 }))).rejects.toThrow(/invalid token: .*aud/);
    await expect(verify(await signed({ aud: "another-service", iat: now, exp: now + 3600 }))).rejects.toThrow(/invalid token: .*aud/);
    await expect(verify(await signed({ aud: GAME_TOKEN_AUDIENCE, exp: now + 3600 }))).rejects.toThrow(/invalid token: .*iat/);
    await expect(verify(await signed({ aud: GAME_TOKEN_AUDIENCE, iat: now, exp: now + MAX_TOKEN_LIFETIME_SECONDS + 60 }))).rejects.toThrow(/invalid token: lifetime/);
    await expect(issueDevToken(secret, { playerId: "p1", name: "One" }, now + MAX_TOKEN_LIFETIME_SECONDS + 60)).rejects.toThrow(/lifetime/);
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
