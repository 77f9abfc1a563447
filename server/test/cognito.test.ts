import { CreateUserPoolClientCommand, InitiateAuthCommand, SignUpCommand, AdminConfirmSignUpCommand } from "@aws-sdk/client-cognito-identity-provider";
import { Client, type Room } from "@colyseus/sdk";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { cognitoMessages, rotateCognitoKey, setCognitoClock } from "../../test/aws/admin.ts";
import { aws } from "../../test/env/index.ts";
import { cognitoClient, createTestUserPool, type TestUserPool } from "../../test/support/cognito-pool.ts";
import { startTcpProxy, type TcpProxy } from "../../test/support/tcp-proxy.ts";
import { loadServerConfig, type ServerConfig } from "../config.ts";
import { startGameServer, type RunningGameServer } from "../main.ts";
import { GameMetrics } from "../metrics.ts";
import { PlayerAccounts } from "../players.ts";
import { createDocumentClient } from "../dynamo.ts";
import { createRepositories } from "../repositories.ts";
import { prepareBackends } from "./fixtures.ts";

// Issue 16: players register, confirm and sign in with a Cognito user pool (moto's, through the launcher) and join with its ID token.

const password = "correct-horse-7";
let server: RunningGameServer;
let endpoint: string;
let pool: TestUserPool;
let config: ServerConfig;
let jwksProxy: TcpProxy;
let jwksReachable = true;
const logLines: string[] = [];

beforeAll(async () => {
  const prepared = await prepareBackends("cognito");
  process.env.AWS_ACCESS_KEY_ID = "testing";
  process.env.AWS_SECRET_ACCESS_KEY = "testing";
  pool = await createTestUserPool(aws(), "players", { confirmWithCode: true });
  // The server reads the pool's keys through this proxy, so a test can take the JWKS endpoint away.
  const moto = new URL(aws().endpoint);
  jwksProxy = await startTcpProxy(() => (jwksReachable ? { host: moto.hostname, port: Number(moto.port) } : undefined), "jwks");
  const env: Record<string, string> = {
    ...prepared.env, COGNITO_USER_POOL_ID: pool.userPoolId, COGNITO_CLIENT_ID: pool.clientId,
    COGNITO_JWKS_URI: `http://127.0.0.1:${jwksProxy.port}/${pool.userPoolId}/.well-known/jwks.json`, COGNITO_ISSUER: pool.issuer,
  };
  delete env.JWT_SECRET;
  config = loadServerConfig(env);
  server = await startGameServer(config, { log: pino({ level: "info" }, { write: (line: string) => { logLines.push(line); } }), metrics: new GameMetrics({ write: () => undefined }) });
  endpoint = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.stop();
  await jwksProxy?.close();
});

const open: Room[] = [];
afterEach(async () => {
  jwksReachable = true;
  await setCognitoClock(aws().endpoint, 0);
  // A room whose seat was replaced never answers a leave: bounded.
  await Promise.all(open.splice(0).map((room) => Promise.race([room.leave().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))])));
});

async function post<T = Record<string, unknown>>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${endpoint}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as T };
}

interface Tokens { idToken: string; accessToken: string; refreshToken?: string; expiresIn: number }

/** Registers through the server, confirms with the code the pool "sent", signs in. */
async function registeredPlayer(username: string): Promise<{ playerId: string; tokens: Tokens }> {
  const registered = await post<{ playerId: string; confirmed: boolean }>("/players", { username, password, email: `${username}@example.com` });
  expect(registered.status).toBe(200);
  const { code } = (await cognitoMessages(aws().endpoint)).find((m) => m.userPoolId === pool.userPoolId && m.username === username)!;
  expect((await post("/players/confirm", { username, code })).status).toBe(200);
  const signedIn = await post<Tokens>("/players/sign-in", { username, password });
  expect(signedIn.status).toBe(200);
  return { playerId: registered.body.playerId, tokens: signedIn.body };
}

async function join(token: string, roomId?: string): Promise<{ room: Room; session: { playerId: string } }> {
  const client = new Client(endpoint);
  client.auth.token = token;
  const room = roomId ? await client.joinById(roomId) : await client.create("arena");
  open.push(room);
  for (const type of ["ended", "pong", "seat"]) room.onMessage(type, () => undefined);
  const session = await new Promise<{ playerId: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no session message")), 5_000);
    room.onMessage("session", (message: { playerId: string }) => { clearTimeout(timer); resolve(message); });
  });
  return { room, session };
}

const refusal = (token: string) => join(token).then(() => "joined", (error: Error) => error.message);

describe("players with a Cognito user pool", () => {
  it("register, confirm with the emailed code, sign in and join as their sub, with a profile made once", async () => {
    const registered = await post<{ playerId: string; confirmed: boolean; codeSentTo?: string }>("/players", { username: "ann", password, email: "ann@example.com" });
    expect(registered).toMatchObject({ status: 200, body: { confirmed: false } });
    expect(registered.body.codeSentTo).toBeTruthy();
    const early = await post<{ code: string }>("/players/sign-in", { username: "ann", password });
    expect(early).toMatchObject({ status: 403, body: { code: "UserNotConfirmedException" } });
    const { code } = (await cognitoMessages(aws().endpoint)).find((m) => m.userPoolId === pool.userPoolId && m.username === "ann")!;
    expect((await post("/players/confirm", { username: "ann", code: code === "000000" ? "111111" : "000000" })).status).toBe(400);
    expect((await post("/players/confirm", { username: "ann", code })).status).toBe(200);
    const signedIn = await post<Tokens>("/players/sign-in", { username: "ann", password });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.refreshToken).toBeTruthy();
    expect((await post("/players/sign-in", { username: "ann", password: "wrong-horse-7" })).status).toBe(401);
    expect((await post("/players", { username: "ann", password, email: "ann@example.com" })).status).toBe(409);
    const { session } = await join(signedIn.body.idToken);
    expect(session.playerId).toBe(registered.body.playerId);
    const repos = createRepositories(createDocumentClient(config.aws, aws().credentials), config.tables);
    expect(await repos.users.get(registered.body.playerId)).toMatchObject({ playerId: registered.body.playerId, name: "ann", gamesPlayed: 0 });
    expect(logLines.join("\n")).not.toContain(password);
  });

  it("refuse a token of another pool, of another client, an access token, an expired and a tampered token", async () => {
    const { tokens } = await registeredPlayer("bea");
    const cognito = cognitoClient(aws());
    const other = await createTestUserPool(aws(), "other-game");
    await cognito.send(new SignUpCommand({ ClientId: other.clientId, Username: "bea", Password: password }));
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: other.userPoolId, Username: "bea" }));
    const signIn = (clientId: string) => cognito.send(new InitiateAuthCommand({ ClientId: clientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: "bea", PASSWORD: password } }));
    const otherPoolToken = (await signIn(other.clientId)).AuthenticationResult!.IdToken!;
    const otherClient = (await cognito.send(new CreateUserPoolClientCommand({ UserPoolId: pool.userPoolId, ClientName: "admin-tool", ExplicitAuthFlows: ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"] }))).UserPoolClient!.ClientId!;
    const otherClientToken = (await signIn(otherClient)).AuthenticationResult!.IdToken!;
    await setCognitoClock(aws().endpoint, -7200);
    const expired = (await signIn(pool.clientId)).AuthenticationResult!.IdToken!;
    cognito.destroy();
    const [header, payload, signature] = tokens.idToken.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Record<string, unknown>;
    const tampered = [header, Buffer.from(JSON.stringify({ ...claims, sub: "someone-else" })).toString("base64url"), signature].join(".");

    expect(await refusal(otherPoolToken)).toMatch(/invalid token/);
    expect(await refusal(otherClientToken)).toMatch(/invalid token: .*audience/i);
    expect(await refusal(tokens.accessToken)).toMatch(/invalid token: .*token use/i);
    expect(await refusal(expired)).toMatch(/expired token/);
    expect(await refusal(tampered)).toMatch(/invalid token: .*signature/i);
    expect(await refusal(tokens.idToken)).toBe("joined");
  });

  it("refresh tokens, and a join with the refreshed token takes the same seat", async () => {
    const { playerId, tokens } = await registeredPlayer("cal");
    const first = await join(tokens.idToken);
    const closed = new Promise<number>((resolve) => first.room.onLeave((code) => resolve(code)));
    const refreshed = await post<Tokens>("/players/refresh", { refreshToken: tokens.refreshToken });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.idToken).not.toBe(tokens.idToken);
    const second = await join(refreshed.body.idToken, first.room.roomId);
    expect(second.session.playerId).toBe(playerId);
    expect(await closed).toBe(4100);
    expect(second.room.state.players.size).toBe(1);
    // Sign-out revokes the refresh token.
    expect((await post("/players/sign-out", { accessToken: refreshed.body.accessToken })).status).toBe(200);
    expect((await post("/players/refresh", { refreshToken: tokens.refreshToken })).status).toBe(401);
  });

  it("let players in through a JWKS outage with the key cached, and fetch a rotated key once the JWKS is back", async () => {
    const { tokens } = await registeredPlayer("dee");
    jwksReachable = false;
    jwksProxy.drop();
    const { session } = await join(tokens.idToken);
    expect(session.playerId).toBeTruthy();
    await rotateCognitoKey(aws().endpoint, pool.userPoolId);
    const rotated = (await post<Tokens>("/players/sign-in", { username: "dee", password })).body.idToken;
    expect(await refusal(rotated)).toMatch(/invalid token/);
    jwksReachable = true;
    // Within 10 s: after a kid the JWKS did not list (the other pool's token above), aws-jwt-verify waits that long before fetching again.
    await expect.poll(() => refusal(rotated), { timeout: 15_000, interval: 1_000 }).toBe("joined");
  });
});

describe("a development pool (no code sent)", () => {
  it("is confirmed by the server when COGNITO_AUTO_CONFIRM is set, and left unconfirmed otherwise", async () => {
    const dev = await createTestUserPool(aws(), "dev-players");
    const repos = createRepositories(createDocumentClient(config.aws, aws().credentials), config.tables);
    const auto = new PlayerAccounts({ kind: "cognito", userPoolId: dev.userPoolId, clientId: dev.clientId, autoConfirm: true }, repos.users, config.aws);
    const manual = new PlayerAccounts({ kind: "cognito", userPoolId: dev.userPoolId, clientId: dev.clientId }, repos.users, config.aws);
    try {
      const registered = await auto.register({ username: "eve", password });
      expect(registered).toEqual({ playerId: expect.any(String), confirmed: true });
      expect((await auto.signIn({ username: "eve", password })).idToken).toBeTruthy();
      expect(await manual.register({ username: "fay", password })).toEqual({ playerId: expect.any(String), confirmed: false });
      await expect(manual.signIn({ username: "fay", password })).rejects.toMatchObject({ status: 403 });
    } finally {
      auto.close();
      manual.close();
    }
  });
});
