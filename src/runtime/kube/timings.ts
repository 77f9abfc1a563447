// Kept apart from leader.ts so that checking the flags does not load the Kubernetes client (folder mode never needs it).

/** The timings of leader election, as client-go's LeaderElectionConfig names them. */
export interface LeaderElectionTimings {
  /** How long a candidate waits, from the last renewal it observed, before it may take the lease (client-go LeaseDuration; default 15 s). */
  readonly leaseDurationMs?: number;
  /** How long the leader keeps trying to renew before it stops leading (client-go RenewDeadline; default 10 s). */
  readonly renewDeadlineMs?: number;
  /** How long to wait between attempts, for candidates and for the leader (client-go RetryPeriod; default 2 s). */
  readonly retryPeriodMs?: number;
}

export const DEFAULT_LEASE_DURATION_MS = 15_000;
export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_PERIOD_MS = 2_000;
/** client-go's leaderelection.JitterFactor: candidates wait retryPeriod plus up to 1.2 retryPeriod more. */
export const JITTER_FACTOR = 1.2;

/**
 * The checks client-go's NewLeaderElector makes. leaseDuration > renewDeadline is what makes leader
 * election safe: the leader stops at its last renewal + renewDeadline, a candidate starts no earlier
 * than the last renewal it saw + leaseDuration, so the two never overlap (up to clock rate drift).
 */
export function validateLeaderElection(timings: LeaderElectionTimings): Required<LeaderElectionTimings> {
  const leaseDurationMs = timings.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
  const renewDeadlineMs = timings.renewDeadlineMs ?? DEFAULT_RENEW_DEADLINE_MS;
  const retryPeriodMs = timings.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
  for (const [flag, value] of [["lease-duration", leaseDurationMs], ["renew-deadline", renewDeadlineMs], ["retry-period", retryPeriodMs]] as const) {
    if (!(value > 0)) throw new Error(`--${flag} must be positive`);
  }
  if (leaseDurationMs <= renewDeadlineMs) {
    throw new Error(`--renew-deadline (${renewDeadlineMs} ms) must be shorter than --lease-duration (${leaseDurationMs} ms), or a standby could take over while the leader still acts; e.g. --lease-duration 15s --renew-deadline 10s`);
  }
  if (renewDeadlineMs <= JITTER_FACTOR * retryPeriodMs) {
    throw new Error(`--retry-period (${retryPeriodMs} ms) times ${JITTER_FACTOR} must be shorter than --renew-deadline (${renewDeadlineMs} ms), so the leader can retry a failed renewal; e.g. --renew-deadline 10s --retry-period 2s`);
  }
  return { leaseDurationMs, renewDeadlineMs, retryPeriodMs };
}
