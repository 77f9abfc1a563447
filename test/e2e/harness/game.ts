import { Client, type Room } from "@colyseus/sdk";
import { issueDevToken } from "../../../server/auth.ts";
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
 * Runs two tasks of what the ECS API says is deployed for `key`, behind a round-robin proxy, as ECS would:
 * secrets resolved with the execution role, the task role's credentials endpoint, a task metadata endpoint each.
 */
export async function runDeployed(moto: { endpoint: string }, admin: AwsTarget, key: string, containerName: string, redisCa: string | undefined, beforeStart: (secrets: Record<string, string>, deployed: DeployedGameServer) => Promise<void> = async () => undefined): Promise<Deployment> {
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
          ...(redisCa ? { NODE_EXTRA_CA_CERTS: redisCa } : {}),
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

/** Four bots join one arena through the proxy (so some land on the process that does not own it) and play until it ends. */
export async function playMatch(deployment: Deployment, prefix: string, jwtSecret: string, matchDurationMs: number): Promise<{ gameId: string; recorded: boolean; players: string[] }> {
  const url = `http://127.0.0.1:${deployment.proxy.port}`;
  const bot = async (playerId: string) => {
    const client = new Client(url);
    client.auth.token = await issueDevToken(jwtSecret, { playerId, name: playerId }, "1h");
    return client;
  };
  const players = [0, 1, 2, 3].map((i) => `${prefix}-bot-${i}`);
  const rooms: Room[] = [];
  const join = async (playerId: string, roomId: string) => {
    try {
      return quiet(await (await bot(playerId)).joinById(roomId));
    } catch (error) {
      throw new Error(`bot ${playerId} could not join room ${roomId} through the round-robin proxy (a join on the process that does not own the room needs the relay; issue 12, defect 5): ${String(error)}`, { cause: error });
    }
  };
  try {
    const host = quiet(await (await bot(players[0]!)).create("arena"));
    rooms.push(host);
    for (const playerId of players.slice(1)) rooms.push(await join(playerId, host.roomId));
    // Which process a WebSocket lands on depends on how many connections each join opened (the SDK reuses
    // HTTP connections), so the joins above may all have reached the owner. Shift the rotation, as other
    // clients' connections would, and join more bots until one is relayed: the case the relay exists for.
    for (let extra = 0; (await relayedConnections(deployment)) === 0 && extra < 6; extra++) {
      if (extra % 2 === 0) deployment.proxy.advance();
      const playerId = `${prefix}-bot-${players.length}`;
      rooms.push(await join(playerId, host.roomId));
      players.push(playerId);
    }
    const ended = nextMessage<{ gameId: string; recorded: boolean }>(host, "ended", matchDurationMs + 20_000);
    // Move toward the orb until the match ends, so there is a score to record.
    const mover = setInterval(() => {
      for (const [i, room] of rooms.entries()) {
        const me = room.state.players?.get(players[i]!) as PlayerView | undefined;
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

