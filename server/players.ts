/**
 * Player accounts in the environment's Cognito user pool, through the game's public app client (no secret):
 * registration (sign-up, then the profile in the users table), confirmation, sign-in, refresh and sign-out.
 *
 * Passwords, codes and tokens pass through to Cognito and back; they are never logged or kept. Only
 * AdminConfirmSignUp (auto-confirm, development) is signed with the task's credentials; the public client's
 * operations are not authorized by IAM.
 */

import {
  AdminConfirmSignUpCommand, CognitoIdentityProviderClient, ConfirmSignUpCommand, GlobalSignOutCommand, InitiateAuthCommand,
  SignUpCommand, type AuthenticationResultType,
} from "@aws-sdk/client-cognito-identity-provider";
import type { CognitoAuthConfig } from "./config.ts";
import type { UserRepository } from "./repositories.ts";

/** What the page receives after a sign-in or a refresh. The refresh token comes only with a sign-in. */
export interface PlayerTokens {
  idToken: string;
  accessToken: string;
  refreshToken?: string;
  /** Seconds the ID and access tokens live. */
  expiresIn: number;
}

export interface Registration {
  playerId: string;
  confirmed: boolean;
  /** Where the pool sent the confirmation code (masked by Cognito), when the player must enter one. */
  codeSentTo?: string;
}

/** A refusal the page shows as is: the HTTP status and Cognito's reason, which never contains the password. */
export class AccountError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = "AccountError";
    this.status = status;
    this.code = code;
  }
}

const USERNAME = /^[A-Za-z0-9_.@+-]{1,64}$/;
const statusByCognitoError: Readonly<Record<string, number>> = {
  UsernameExistsException: 409,
  InvalidPasswordException: 400,
  InvalidParameterException: 400,
  CodeMismatchException: 400,
  ExpiredCodeException: 400,
  NotAuthorizedException: 401,
  UserNotFoundException: 401,
  UserNotConfirmedException: 403,
  TooManyRequestsException: 429,
  TooManyFailedAttemptsException: 429,
  LimitExceededException: 429,
  CodeDeliveryFailureException: 502,
};

export class PlayerAccounts {
  readonly #cognito: CognitoIdentityProviderClient;
  readonly #auth: CognitoAuthConfig;
  readonly #users: UserRepository;

  constructor(auth: CognitoAuthConfig, users: UserRepository, aws: { endpoint?: string }) {
    this.#auth = auth;
    this.#users = users;
    // The pool's region is the first part of its id; AWS_ENDPOINT_URL (the local emulator) serves Cognito too.
    const region = auth.userPoolId.split("_")[0]!;
    this.#cognito = new CognitoIdentityProviderClient({ region, ...(aws.endpoint !== undefined ? { endpoint: aws.endpoint } : {}) });
  }

  /**
   * Sign-up, confirmation as the pool wants it, then the profile, keyed by the pool's sub. The profile write is
   * idempotent (created once, whoever comes first: this or the player's first join), so a registration whose profile
   * write failed loses nothing: the first join creates it.
   */
  async register(body: unknown): Promise<Registration> {
    const { username, password, email } = fields(body, ["username", "password"], ["email"]);
    if (!USERNAME.test(username)) throw new AccountError(400, "InvalidParameterException", "username: use 1-64 letters, digits or _ . @ + -");
    const signUp = await this.#call(() => this.#cognito.send(new SignUpCommand({
      ClientId: this.#auth.clientId, Username: username, Password: password,
      ...(email !== undefined ? { UserAttributes: [{ Name: "email", Value: email }] } : {}),
    })));
    const playerId = signUp.UserSub!;
    let confirmed = signUp.UserConfirmed === true;
    const codeSentTo = signUp.CodeDeliveryDetails?.Destination;
    // A pool that sends no code (development) leaves the player unconfirmed: the server confirms it when told to.
    if (!confirmed && codeSentTo === undefined && this.#auth.autoConfirm) {
      await this.#call(() => this.#cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: this.#auth.userPoolId, Username: username })));
      confirmed = true;
    }
    await this.#users.getOrCreate(playerId, username);
    return { playerId, confirmed, ...(!confirmed && codeSentTo !== undefined ? { codeSentTo } : {}) };
  }

  async confirm(body: unknown): Promise<void> {
    const { username, code } = fields(body, ["username", "code"]);
    await this.#call(() => this.#cognito.send(new ConfirmSignUpCommand({ ClientId: this.#auth.clientId, Username: username, ConfirmationCode: code })));
  }

  async signIn(body: unknown): Promise<PlayerTokens> {
    const { username, password } = fields(body, ["username", "password"]);
    const answer = await this.#call(() => this.#cognito.send(new InitiateAuthCommand({
      ClientId: this.#auth.clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: username, PASSWORD: password },
    })));
    if (answer.ChallengeName) {
      throw new AccountError(409, answer.ChallengeName, `Cognito asks for ${answer.ChallengeName}, which this page does not support: complete it with the hosted UI or an administrator`);
    }
    return tokens(answer.AuthenticationResult);
  }

  async refresh(body: unknown): Promise<PlayerTokens> {
    const { refreshToken } = fields(body, ["refreshToken"]);
    const answer = await this.#call(() => this.#cognito.send(new InitiateAuthCommand({
      ClientId: this.#auth.clientId, AuthFlow: "REFRESH_TOKEN_AUTH", AuthParameters: { REFRESH_TOKEN: refreshToken },
    })));
    return tokens(answer.AuthenticationResult);
  }

  /** Revokes the player's refresh tokens everywhere; ID tokens already issued stay valid until they expire. */
  async signOut(body: unknown): Promise<void> {
    const { accessToken } = fields(body, ["accessToken"]);
    await this.#call(() => this.#cognito.send(new GlobalSignOutCommand({ AccessToken: accessToken })));
  }

  close(): void {
    this.#cognito.destroy();
  }

  async #call<T>(send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (error) {
      const name = (error as { name?: string }).name ?? "Error";
      const status = statusByCognitoError[name];
      if (status === undefined) throw new AccountError(502, name, "the user pool did not answer as expected: try again later");
      throw new AccountError(status, name, (error as Error).message);
    }
  }
}

function tokens(result: AuthenticationResultType | undefined): PlayerTokens {
  if (!result?.IdToken || !result.AccessToken) throw new AccountError(502, "NoTokens", "the user pool answered without tokens: try again later");
  return {
    idToken: result.IdToken, accessToken: result.AccessToken, expiresIn: result.ExpiresIn ?? 3600,
    ...(result.RefreshToken ? { refreshToken: result.RefreshToken } : {}),
  };
}

/** The string fields a request body must carry and may carry, each at most 4096 characters. */
function fields<R extends string, O extends string = never>(body: unknown, required: readonly R[], optional: readonly O[] = []): Record<R, string> & Partial<Record<O, string>> {
  const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const name of [...required, ...optional]) {
    const value = record[name];
    if (value === undefined || value === "") {
      if ((required as readonly string[]).includes(name)) throw new AccountError(400, "InvalidParameterException", `${name} is required`);
      continue;
    }
    if (typeof value !== "string" || value.length > 4096) throw new AccountError(400, "InvalidParameterException", `${name} must be a string of at most 4096 characters`);
    out[name] = value;
  }
  return out as Record<R, string> & Partial<Record<O, string>>;
}
