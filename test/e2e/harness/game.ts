import { Client, type Room } from "@colyseus/sdk";
import { containerCredentialsUri } from "../../aws/admin.ts";
import { freePort } from "../../env/process.ts";
import { startTaskMetadata, type TaskMetadataServer } from "./ecs-metadata.ts";
import { startRoundRobin, type RoundRobinProxy } from "./round-robin.ts";
import { findDeployedServer, resolveSecrets, startTask, type AwsTarget, type DeployedGameServer, type RunningTask } from "./task.ts";

/** A deployed game server run the way ECS runs it, and real Colyseus bots playing on it. */

export interface Deployment {
  key: string;
  deployed: DeployedGameServer;
  tasks: RunningTask[];
  metadata: TaskMetadataServer[];
  proxy: RoundRobinProxy;
}

/**
 * What stands in for the network around a task: the CA that signed the test's TLS servers (ElastiCache with
 * in-transit encryption, the Cognito host), and the proxy through which the task's https reaches "the internet"
 * (cognito-front.ts).
 */
export interface TaskNetwork {
  caFile: string;
  httpsProxy: string;
}

/**
 * Runs two tasks of what the ECS API says is deployed for `key`, behind a round-robin proxy, as ECS would:
 * secrets resolved with the execution role, the task role's credentials endpoint, a task metadata endpoint each.
 */
export async function runDeployed(moto: { endpoint: string }, admin: AwsTarget, key: string, containerName: string, network: TaskNetwork, beforeStart: (secrets: Record<string, string>, deployed: DeployedGameServer) => Promise<void> = async () => undefined): Promise<Deployment> {
  const deployed = await findDeployedServer(admin, key, containerName);
  const secrets = await resolveSecrets(admin, deployed.taskDefinition, deployed.container);
  await beforeStart(secrets, deployed);
  const taskRole = deployed.taskDefinition.taskRoleArn?.split("/").at(-1);
  if (!taskRole) throw new Error(`task definition ${deployed.taskDefinition.taskDefinitionArn} has no taskRoleArn: the server would run without AWS permissions`);
  const metadata: TaskMetadataServer[] = [];
  const tasks: RunningTask[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const meta = await startTaskMetadata({
        ipv4: "127.0.0.1", cluster: deployed.cluster.split("/").at(-1)!, family: deployed.taskDefinition.family!, revision: String(deployed.taskDefinition.revision),
        containerName, image: deployed.container.image ?? "",
      });
      metadata.push(meta);
      tasks.push(await startTask({
        container: deployed.container, secrets, port: await freePort(),
        agent: {
          AWS_CONTAINER_CREDENTIALS_FULL_URI: containerCredentialsUri(moto.endpoint, taskRole),
          ECS_CONTAINER_METADATA_URI_V4: meta.uri,
          // The SDK's own endpoint override: every AWS call of the server goes to the launcher.
          AWS_ENDPOINT_URL: moto.endpoint,
          NODE_EXTRA_CA_CERTS: network.caFile,
          // The network, not the task definition: Node's own https requests (the pool's JWKS) leave through the
          // test's stand-in for the internet; loopback (the launcher, metadata, credentials) goes direct.
          HTTPS_PROXY: network.httpsProxy,
          NODE_USE_ENV_PROXY: "1",
          NO_PROXY: "127.0.0.1,localhost",
        },
      }));
    }
  } catch (error) {
    await Promise.all(tasks.map((t) => t.stop()));
    await Promise.all(metadata.map((m) => m.close()));
    throw error;
  }
  const proxy = await startRoundRobin(tasks.map((t) => ({ host: "127.0.0.1", port: t.port })));
  return { key, deployed, tasks, metadata, proxy };
}

export async function teardown(deployment: Deployment | undefined): Promise<void> {
  if (!deployment) return;
  await deployment.proxy.close();
  await Promise.all(deployment.tasks.map((t) => t.stop()));
  await Promise.all(deployment.metadata.map((m) => m.close()));
}

function nextMessage<T>(room: Room, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${type}" message within ${timeoutMs} ms`)), timeoutMs);
    room.onMessage(type, (message: T) => {
      clearTimeout(timer);
      resolve(message);
    });
  });
}

interface PlayerView { x: number; y: number }

/** Messages every seat gets; registered so that the SDK does not warn about them. */
function quiet(room: Room): Room {
  for (const type of ["session", "ended"]) room.onMessage(type, () => undefined);
  return room;
}

async function postJson(url: string, body: Record<string, string>): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => ({})) as Record<string, unknown>;
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}: ${JSON.stringify(answer)}`);
  return answer;
}

/** A player as the page makes one: registered through the server's /players (SignUp, then AdminConfirmSignUp for a pool that sends no code), then signed in. */
export interface SignedInPlayer {
  username: string;
  /** The pool's sub: the player id the server seats and records. */
  playerId: string;
  idToken: string;
}

export async function signUpAndSignIn(serverUrl: string, username: string): Promise<SignedInPlayer> {
  // Meets any password policy a pool may set: upper and lower case, a digit, a symbol, 16 characters.
  const password = `Bot-${username}-Pw1!`.padEnd(16, "x");
  const registered = await postJson(`${serverUrl}/players`, { username, password }).catch((error: unknown) => {
    throw new Error(`bot ${username} could not register through POST /players: ${String(error)}`, { cause: error });
  });
  if (registered.confirmed !== true) {
    throw new Error(`bot ${username} was registered but not confirmed (${JSON.stringify(registered)}): with a pool that sends no code (verifyEmail: false) the server confirms the player itself (COGNITO_AUTO_CONFIRM)`);
  }
  const tokens = await postJson(`${serverUrl}/players/sign-in`, { username, password });
  if (typeof tokens.idToken !== "string") throw new Error(`sign-in of ${username} answered no idToken: ${JSON.stringify(tokens)}`);
  return { username, playerId: String(registered.playerId), idToken: tokens.idToken };
}

/**
 * Four bots sign up and sign in through the proxy (the page's flow against the pool), join one arena (so some
 * joins land on the process that does not own it) and play until it ends. `players` are their usernames, the
 * names the leaderboard shows.
 */
export async function playMatch(deployment: Deployment, prefix: string, matchDurationMs: number): Promise<{ gameId: string; recorded: boolean; players: string[] }> {
  const url = `http://127.0.0.1:${deployment.proxy.port}`;
  const bot = async (username: string) => {
    const player = await signUpAndSignIn(url, username);
    const client = new Client(url);
    client.auth.token = player.idToken;
    return { client, player };
  };
  const players: string[] = [];
  const seated: string[] = [];
  const rooms: Room[] = [];
  const join = async (username: string, roomId: string) => {
    const { client, player } = await bot(username);
    try {
      const room = quiet(await client.joinById(roomId));
      players.push(username);
      seated.push(player.playerId);
      return room;
    } catch (error) {
      throw new Error(`bot ${username} could not join room ${roomId} through the round-robin proxy (a join on the process that does not own the room needs the relay; issue 12, defect 5): ${String(error)}`, { cause: error });
    }
  };
  try {
    const first = await bot(`${prefix}-bot-0`);
    const host = quiet(await first.client.create("arena"));
    players.push(first.player.username);
    seated.push(first.player.playerId);
    rooms.push(host);
    for (const i of [1, 2, 3]) rooms.push(await join(`${prefix}-bot-${i}`, host.roomId));
    // Which process a WebSocket lands on depends on how many connections each join opened (the SDK reuses
    // HTTP connections), so the joins above may all have reached the owner. Shift the rotation, as other
    // clients' connections would, and join more bots until one is relayed: the case the relay exists for.
    for (let extra = 0; (await relayedConnections(deployment)) === 0 && extra < 6; extra++) {
      if (extra % 2 === 0) deployment.proxy.advance();
      rooms.push(await join(`${prefix}-bot-${players.length}`, host.roomId));
    }
    const ended = nextMessage<{ gameId: string; recorded: boolean }>(host, "ended", matchDurationMs + 20_000);
    // Move toward the orb until the match ends, so there is a score to record.
    const mover = setInterval(() => {
      for (const [i, room] of rooms.entries()) {
        const me = room.state.players?.get(seated[i]!) as PlayerView | undefined;
        if (!me) continue;
        const dx = (room.state.orbX as number) - me.x;
        const dy = (room.state.orbY as number) - me.y;
        const length = Math.hypot(dx, dy) || 1;
        room.send("move", { dx: dx / length, dy: dy / length });
      }
    }, 100);
    try {
      const result = await ended;
      return { ...result, players };
    } finally {
      clearInterval(mover);
    }
  } finally {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
  }
}

export async function relayedConnections(deployment: Deployment): Promise<number> {
  let total = 0;
  for (const task of deployment.tasks) {
    const metrics = await (await fetch(`${task.endpoint}/metrics`)).text();
    total += Number(/game_relayed_connections_total (\d+)/.exec(metrics)?.[1] ?? 0);
  }
  return total;
}

