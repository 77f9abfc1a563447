import { CognitoJwtVerifier } from "aws-jwt-verify";
import type { Jwks } from "aws-jwt-verify/jwk";
import { SignJWT, jwtVerify } from "jose";
import type { AuthConfig } from "./config.ts";

export interface PlayerIdentity {
  playerId: string;
  name: string;
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthError";
  }
}

const ISSUER = "gamectl-dev";

export type TokenVerifier = (token: string | undefined) => Promise<PlayerIdentity>;

/** HS256 with a shared secret for local development; the Cognito user pool's JWKS when configured. */
export function createTokenVerifier(auth: AuthConfig, options: { preloadedJwks?: Jwks } = {}): TokenVerifier {
  if (auth.kind === "cognito") {
    const verifier = CognitoJwtVerifier.create({ userPoolId: auth.userPoolId, clientId: auth.clientId, tokenUse: "id" });
    // Without a preload the keys are fetched from the pool's JWKS URL on first use and cached.
    if (options.preloadedJwks) verifier.cacheJwks(options.preloadedJwks);
    return async (token) => {
      if (!token) throw new AuthError("no token: sign in and pass the Cognito ID token");
      try {
        const payload = await verifier.verify(token);
        const name = typeof payload["cognito:username"] === "string" ? payload["cognito:username"] : payload.sub;
        return { playerId: payload.sub, name };
      } catch (error) {
        throw new AuthError(`invalid token: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
  }
  const key = new TextEncoder().encode(auth.secret);
  return async (token) => {
    if (!token) throw new AuthError("no token: pass a JWT signed with the server's JWT_SECRET");
    try {
      const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"], issuer: ISSUER });
      if (typeof payload.sub !== "string" || !/^[A-Za-z0-9_.:@-]{1,64}$/.test(payload.sub)) throw new AuthError("invalid token: sub must be a player id");
      const name = typeof payload.name === "string" ? payload.name.slice(0, 24) : payload.sub;
      return { playerId: payload.sub, name };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      const code = (error as { code?: string }).code;
      throw new AuthError(code === "ERR_JWT_EXPIRED" ? "expired token: sign in again" : `invalid token: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}

/** A development token (HS256); the page asks the server for one when Cognito is not configured. */
export async function issueDevToken(secret: string, identity: PlayerIdentity, expiresIn: string | number = "2h"): Promise<string> {
  return new SignJWT({ name: identity.name })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(identity.playerId)
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
