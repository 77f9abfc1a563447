export interface QueuedPlayer {
  id: string;
  rating: number;
  enqueuedAt: number;
}

export interface MatchmakingRules {
  groupSize: number;
  /** Rating window around a player when they join the queue. */
  initialWindow: number;
  /** How much the window grows per second waited, so nobody waits forever. */
  widenPerSecond: number;
  maxWindow: number;
}

export const DEFAULT_RULES: MatchmakingRules = { groupSize: 2, initialWindow: 50, widenPerSecond: 50, maxWindow: 1000 };

export function windowFor(player: QueuedPlayer, now: number, rules: MatchmakingRules): number {
  return Math.min(rules.maxWindow, rules.initialWindow + ((now - player.enqueuedAt) / 1000) * rules.widenPerSecond);
}

/**
 * Groups players of similar rating: the longest-waiting player anchors a group, which takes the nearest
 * ratings that both sides' windows accept. Returns the groups formed and leaves the rest queued.
 */
export function formGroups(queue: QueuedPlayer[], now: number, rules: MatchmakingRules = DEFAULT_RULES): QueuedPlayer[][] {
  const waiting = [...queue].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
  const taken = new Set<string>();
  const groups: QueuedPlayer[][] = [];
  for (const anchor of waiting) {
    if (taken.has(anchor.id)) continue;
    const anchorWindow = windowFor(anchor, now, rules);
    const candidates = waiting
      .filter((other) => other !== anchor && !taken.has(other.id))
      .filter((other) => Math.abs(other.rating - anchor.rating) <= Math.min(anchorWindow, windowFor(other, now, rules)))
      .sort((a, b) => Math.abs(a.rating - anchor.rating) - Math.abs(b.rating - anchor.rating));
    if (candidates.length + 1 < rules.groupSize) continue;
    const group = [anchor, ...candidates.slice(0, rules.groupSize - 1)];
    for (const member of group) taken.add(member.id);
    groups.push(group);
  }
  return groups;
}
