import { Room, matchMaker, type Client } from "@colyseus/core";
import type { PlayerIdentity } from "./auth.ts";
import { DEFAULT_RULES, formGroups, type QueuedPlayer } from "./matchmaking.ts";
import { authenticateJoin, roomServices } from "./services.ts";
import { traceJoin, traceMatchFound, untraced } from "./traces.ts";

/**
 * The rating-based matchmaking queue: clients wait here, groups of similar rating get seats in a new arena
 * (the window widens while they wait), and QueueLength and MatchmakingTime are reported.
 */
export class QueueRoom extends Room {
  override autoDispose = true;
  readonly #waiting = new Map<string, QueuedPlayer & { client: Client }>();

  static override onAuth(token: string | undefined): Promise<PlayerIdentity> {
    return authenticateJoin(token);
  }

  override onCreate(): void {
    this.maxClients = 1000;
    this.onMessage("*", () => roomServices().metrics.dropped("invalid"));
    this.clock.setInterval(untraced(() => { void this.#match(); }), 500);
  }

  override onJoin(client: Client, _options: unknown, auth: PlayerIdentity): Promise<void> {
    return traceJoin("queue", this.roomId, auth, () => this.#enter(client, auth));
  }

  async #enter(client: Client, auth: PlayerIdentity): Promise<void> {
    const profile = await roomServices().repos.users.getOrCreate(auth.playerId, auth.name);
    this.#waiting.set(client.sessionId, { id: client.sessionId, rating: profile.rating, enqueuedAt: Date.now(), client });
    roomServices().metrics.record("QueueLength", this.#waiting.size);
  }

  override onLeave(client: Client): void {
    this.#waiting.delete(client.sessionId);
  }

  async #match(): Promise<void> {
    const now = Date.now();
    const groups = formGroups([...this.#waiting.values()], now, DEFAULT_RULES);
    for (const group of groups) {
      for (const member of group) this.#waiting.delete(member.id);
      const room = await traceMatchFound(group.map((m) => ({ ...m, auth: (m as { client?: Client }).client?.auth })), now, () => matchMaker.createRoom("arena", {}));
      for (const member of group) {
        const entry = member as QueuedPlayer & { client: Client };
        roomServices().metrics.record("MatchmakingTime", now - member.enqueuedAt);
        const seat = await matchMaker.reserveSeatFor(room, {}, entry.client.auth as PlayerIdentity);
        entry.client.send("seat", seat);
      }
    }
    if (groups.length > 0 || this.#waiting.size > 0) roomServices().metrics.record("QueueLength", this.#waiting.size);
  }
}
