import { CognitoJwtVerifier, JwtVerifier } from "aws-jwt-verify";
import { validateCognitoJwtFields } from "aws-jwt-verify/cognito-verifier";
import { SimpleFetcher, type Fetcher } from "aws-jwt-verify/https";
import { SimpleJwksCache, type Jwks } from "aws-jwt-verify/jwk";
import { SignJWT, jwtVerify } from "jose";
import type { AuthConfig, CognitoAuthConfig } from "./config.ts";

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
/** The audience every HS256 join token must name: a token minted for another service sharing the secret is refused. */
export const GAME_TOKEN_AUDIENCE = "gamectl-game-server";
/** The longest an HS256 token may live (exp - iat): a leaked token stops working within this bound. */
export const MAX_TOKEN_LIFETIME_SECONDS = 12 * 3600;

export type TokenVerifier = (token: string | undefined) => Promise<PlayerIdentity>;

/** HS256 with a shared secret for local development; the Cognito user pool's JWKS when configured. */
export function createTokenVerifier(auth: AuthConfig, options: { preloadedJwks?: Jwks } = {}): TokenVerifier {
  if (auth.kind === "cognito") {
    const verifier = cognitoVerifier(auth);
    if (options.preloadedJwks) verifier.cacheJwks(options.preloadedJwks);
    return verifier.verify;
  }
  const key = new TextEncoder().encode(auth.secret);
  return async (token) => {
    if (!token) throw new AuthError("no token: pass a JWT signed with the server's JWT_SECRET");
    try {
      // exp, iat and aud are required: a token without them would be valid forever, or for any service sharing the secret.
      const { payload } = await jwtVerify(token, key, {
        algorithms: ["HS256"], issuer: ISSUER, audience: GAME_TOKEN_AUDIENCE, requiredClaims: ["exp", "iat", "aud"], maxTokenAge: MAX_TOKEN_LIFETIME_SECONDS,
      });
      if (payload.exp! - payload.iat! > MAX_TOKEN_LIFETIME_SECONDS) throw new AuthError(`invalid token: lifetime (exp - iat) over ${MAX_TOKEN_LIFETIME_SECONDS} s: issue shorter-lived tokens`);
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

/**
 * An HS256 join token: the page asks /dev-token for one in development mode (GAME_DEV_TOKENS=true); tests, the
 * bench and a trusted issuer holding JWT_SECRET sign their own. `expiresIn` is a jose duration ("2h") or an absolute
 * exp in seconds; a lifetime over MAX_TOKEN_LIFETIME_SECONDS is refused here as the verifier would refuse it.
 */
export async function issueDevToken(secret: string, identity: PlayerIdentity, expiresIn: string | number = "2h"): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ name: identity.name })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(identity.playerId)
    .setIssuer(ISSUER)
    .setAudience(GAME_TOKEN_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresIn);
  const token = await jwt.sign(new TextEncoder().encode(secret));
  const exp = (JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8")) as { exp: number }).exp;
  if (exp - issuedAt > MAX_TOKEN_LIFETIME_SECONDS) throw new Error(`expiresIn: a lifetime of ${exp - issuedAt} s is over ${MAX_TOKEN_LIFETIME_SECONDS} s, which the server refuses`);
  return token;
}

export interface CognitoTokenVerifier {
  verify: TokenVerifier;
  /** Fetches the pool's keys now (at start), so that a JWKS outage later does not refuse tokens signed by them. */
  hydrate(): Promise<void>;
  cacheJwks(jwks: Jwks): void;
}

/**
 * Cognito ID tokens of the pool's game client, verified offline: signature against the pool's JWKS, issuer, audience
 * (the client id), token_use "id", expiry. aws-jwt-verify's JWKS cache keeps every key it fetched and goes back to
 * the JWKS URI only for a kid it does not hold (a key rotation), so a JWKS outage refuses no token signed by a cached
 * key; after a kid the JWKS does not list, it waits 10 s before fetching again (its penalty box), so forged kids cannot
 * flood the endpoint. CognitoJwtVerifier derives the JWKS URI and the issuer from the pool id; JwtVerifier takes
 * them from the configuration (an emulator serves the keys at its own address), with the same Cognito claim checks.
 */
export function cognitoVerifier(auth: CognitoAuthConfig): CognitoTokenVerifier {
  // The pool's own issuer and JWKS URI, as CognitoJwtVerifier would use them.
  const pool = CognitoJwtVerifier.parseUserPoolId(auth.userPoolId);
  const verifier = JwtVerifier.create({
    issuer: auth.issuer ?? pool.issuer,
    jwksUri: auth.jwksUri ?? pool.jwksUri,
    audience: null,
    customJwtCheck: ({ payload }) => validateCognitoJwtFields(payload, { tokenUse: "id", clientId: auth.clientId }),
  }, { jwksCache: new SimpleJwksCache({ fetcher: new LoopbackAwareFetcher() }) });
  const verify: TokenVerifier = async (token) => {
    if (!token) throw new AuthError("no token: sign in and pass the Cognito ID token");
    try {
      const payload = await verifier.verify(token);
      // The player is the pool's immutable sub: a username can be freed and taken again, the sub never.
      if (typeof payload.sub !== "string" || payload.sub === "") throw new AuthError("invalid token: no sub");
      const name = typeof payload["cognito:username"] === "string" ? payload["cognito:username"] : payload.sub;
      return { playerId: payload.sub, name };
    } catch (error) {
      if (error instanceof AuthError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new AuthError(/expired/i.test(message) ? `expired token: refresh it or sign in again (${message})` : `invalid token: ${message}`);
    }
  };
  return { verify, hydrate: () => verifier.hydrate(), cacheJwks: (jwks) => verifier.cacheJwks(jwks) };
}

/**
 * aws-jwt-verify's fetcher speaks https only (it refuses "http:"), which is right for Cognito but not for a local
 * emulator's JWKS on loopback. https goes to the library's fetcher; http to Node's fetch, with the same bounded wait
 * and one retry.
 */
class LoopbackAwareFetcher implements Fetcher {
  readonly #https = new SimpleFetcher();

  async fetch(uri: string): Promise<ArrayBuffer> {
    if (!uri.startsWith("http:")) return this.#https.fetch(uri);
    const once = async () => {
      const response = await fetch(uri, { signal: AbortSignal.timeout(3_000) });
      if (!response.ok) throw new Error(`JWKS ${uri} answered HTTP ${response.status}`);
      return response.arrayBuffer();
    };
    return once().catch(once);
  }
}
