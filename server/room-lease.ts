/**
 * Room ownership. A room is owned under a lease stored with its checkpoint in DynamoDB's game-state table: the owner's
 * fencing token (`ownerToken`, raised by one at every takeover) and the time its lease runs out (`leaseUntil`, wall
 * clock), renewed by every checkpoint, which is conditional on the token. Another process takes a room over only
 * once that lease has run out, with a compare-and-set on the token it read, so exactly one process wins, and the
 * previous owner's next checkpoint fails: it drops its copy. Redis holds a copy of the lease (`room-owner:{roomId}`)
 * only so that restore passes need not read DynamoDB for rooms whose owner is renewing: a failover that loses that
 * copy costs a DynamoDB read per room, never a second live room.
 */

/** How long a checkpoint keeps its room: five checkpoint intervals, at least 5 s. */
export function roomLeaseMs(checkpointIntervalMs: number): number {
  return Math.max(5 * checkpointIntervalMs, 5_000);
}

/**
 * How long before its lease runs out (by its own clock) an owner stops simulating: covers the clock difference
 * between processes (NTP keeps ECS tasks within milliseconds) and the time a checkpoint request takes to land.
 */
export const LEASE_MARGIN_MS = 1_000;

/** The room's fencing token moved on: another process owns it now, and this copy must stop. */
export class FencedError extends Error {
  constructor(roomId: string) {
    super(`room ${roomId}: another process took this room over (its fencing token in the game-state table moved on); this process drops its copy`);
    this.name = "FencedError";
  }
}
