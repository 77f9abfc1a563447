// The peer baseline of bench/server.ts: a bare Colyseus 0.18 room with the arena's state shape (ArenaState), tick and
// patch rate (20 Hz) and movement, on the same WebSocket transport options, and nothing of ours: no auth, sessions,
// checkpoints, leases, relay, Redis or DynamoDB (Colyseus's local presence and driver), no input guard. Patches are
// stamped with patchedAt like the benches' own server (bench/stamped-server.ts). Prints the same "listening" line as
// server/index.ts so server/test/processes.ts starts it.
import { Room, Server, type Client } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { ARENA_SIZE, ArenaState, PlayerState } from "../server/arena-room.ts";

const SPEED_PER_SECOND = 30;

class BareArena extends Room<{ state: ArenaState }> {
  override maxClients = 16;
  override patchRate = 50;
  override state = new ArenaState();
  readonly #directions = new Map<string, { player: PlayerState; dx: number; dy: number }>();

  override onCreate(): void {
    this.state.phase = "playing";
    this.onMessage("move", (client, message: { dx: number; dy: number }) => {
      const seat = this.#directions.get(client.sessionId);
      const length = Math.hypot(message.dx, message.dy);
      if (seat) { seat.dx = length > 0 ? message.dx / length : 0; seat.dy = length > 0 ? message.dy / length : 0; }
    });
    this.setSimulationInterval((deltaMs) => {
      const step = (SPEED_PER_SECOND * deltaMs) / 1000;
      for (const seat of this.#directions.values()) {
        if (seat.dx === 0 && seat.dy === 0) continue;
        seat.player.x = Math.min(ARENA_SIZE, Math.max(0, seat.player.x + seat.dx * step));
        seat.player.y = Math.min(ARENA_SIZE, Math.max(0, seat.player.y + seat.dy * step));
      }
    }, 50);
  }

  override onBeforePatch(): void {
    this.state.patchedAt = performance.timeOrigin + performance.now();
  }

  override onJoin(client: Client): void {
    const player = new PlayerState();
    player.playerId = client.sessionId;
    player.name = client.sessionId;
    player.x = Math.random() * ARENA_SIZE;
    player.y = Math.random() * ARENA_SIZE;
    player.connected = true;
    this.state.players.set(client.sessionId, player);
    this.#directions.set(client.sessionId, { player, dx: 0, dy: 0 });
  }

  override onLeave(client: Client): void {
    this.#directions.delete(client.sessionId);
    this.state.players.delete(client.sessionId);
  }
}

const server = new Server({ transport: new WebSocketTransport({ maxPayload: 64 * 1024, pingInterval: 3_000 }), greet: false });
server.define("arena", BareArena);
await server.listen(Number(process.env.PORT ?? 0));
const address = (server.transport as unknown as { server: { address(): { port: number } } }).server.address();
process.stdout.write(`${JSON.stringify({ event: "listening", port: address.port, processId: "bare-colyseus" })}\n`);
