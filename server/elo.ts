export const INITIAL_RATING = 1200;

/**
 * Multi-player Elo: every pair of players is a game, won by the higher score (a tie is a draw),
 * with K spread over the n-1 pairings so a match moves a rating as much as one duel would.
 */
export function eloUpdate(players: { playerId: string; rating: number; score: number }[], k = 32): Map<string, number> {
  const result = new Map<string, number>();
  const pairings = Math.max(players.length - 1, 1);
  for (const player of players) {
    let delta = 0;
    for (const other of players) {
      if (other === player) continue;
      const expected = 1 / (1 + 10 ** ((other.rating - player.rating) / 400));
      const actual = player.score > other.score ? 1 : player.score === other.score ? 0.5 : 0;
      delta += (k / pairings) * (actual - expected);
    }
    result.set(player.playerId, Math.round(player.rating + delta));
  }
  return result;
}
