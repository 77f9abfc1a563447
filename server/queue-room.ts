import { randomUUID } from "node:crypto";
import { Room, matchMaker, type Client, type IRoomCache } from "@colyseus/core";
import { MATCH_TICKET_OPTION, MATCH_TICKET_TTL_MS, SEAT_REPLACED_CLOSE_CODE } from "./arena-room.ts";
import type { PlayerIdentity } from "./auth.ts";
import { redisKeys } from "./keys.ts";
import { DEFAULT_RULES, formGroups, type QueuedPlayer } from "./matchmaking.ts";
import { authenticateJoin, roomServices } from "./services.ts";
import { traceJoin, traceMatchFound, untraced } from "./traces.ts";

type Waiting = QueuedPlayer & { client: Client; playerId: string };

/**
 * The rating-based matchmaking queue: clients wait here, groups of similar rating get seats in a new arena
 * (the window widens while they wait), and QueueLength and MatchmakingTime are reported. The arenas it creates
 * are the only rated ones: each is created with a one-time ticket naming its group (see ArenaRoom).
 */
export class QueueRoom extends Room {
  override autoDispose = true;
  readonly #waiting = new Map<string, Waiting>();
  #matching = false;

  /**
   * Creates a rated arena on whichever process Colyseus picks. A seam: tests replace it to make a creation fail.
   */
  static createArena: (options: Record<string, unknown>) => Promise<IRoomCache> = (options) => matchMaker.createRoom("arena", options);

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
    // One place per player: a second connection replaces the first, so a player is never matched against themselves.
    for (const [sessionId, entry] of this.#waiting) {
      if (entry.playerId !== auth.playerId) continue;
      this.#waiting.delete(sessionId);
      entry.client.leave(SEAT_REPLACED_CLOSE_CODE, "replaced by a newer connection of the same player");
    }
    this.#waiting.set(client.sessionId, { id: client.sessionId, playerId: auth.playerId, rating: profile.rating, enqueuedAt: Date.now(), client });
    roomServices().metrics.record("QueueLength", this.#waiting.size);
  }

  override onLeave(client: Client): void {
    this.#waiting.delete(client.sessionId);
  }

  async #match(): Promise<void> {
    // A pass can outlast the 500 ms interval (a slow creation): one at a time, or a group would be matched twice.
    if (this.#matching) return;
    this.#matching = true;
    try {
      const now = Date.now();
      const groups = formGroups([...this.#waiting.values()], now, DEFAULT_RULES) as Waiting[][];
      for (const group of groups) await this.#seat(group, now);
      if (groups.length > 0 || this.#waiting.size > 0) roomServices().metrics.record("QueueLength", this.#waiting.size);
    } finally {
      this.#matching = false;
    }
  }

  /**
   * The group stays queued, in its places (its enqueue times), until its room exists and its seats are reserved:
   * a failed creation leaves it to the next pass instead of stranding it.
   */
  async #seat(group: Waiting[], now: number): Promise<void> {
    const services = roomServices();
    let seats;
    try {
      const ticket = randomUUID();
      await services.redis.set(redisKeys.matchTicket(ticket), JSON.stringify(group.map((member) => member.playerId)), "PX", MATCH_TICKET_TTL_MS);
      const room = await traceMatchFound(group.map((member) => ({ ...member, auth: member.client.auth })), now, () => QueueRoom.createArena({ [MATCH_TICKET_OPTION]: ticket }));
      seats = await Promise.all(group.map((member) => matchMaker.reserveSeatFor(room, {}, member.client.auth as PlayerIdentity)));
    } catch (error) {
      services.log.warn({ players: group.map((member) => member.playerId), error: String(error) }, "creating a match's room failed; its players stay queued in their places");
      return;
    }
    for (const [i, member] of group.entries()) {
      // A member who left meanwhile loses nothing but their reserved seat, which expires.
      if (this.#waiting.get(member.id) !== member) continue;
      this.#waiting.delete(member.id);
      services.metrics.record("MatchmakingTime", now - member.enqueuedAt);
      member.client.send("seat", seats[i]);
    }
  }
}
