export interface RetryOptions {
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Errors for which retrying cannot help (e.g. a failed condition) are thrown at once. */
  isRetryable?: (error: unknown) => boolean;
}

const PERMANENT = new Set([
  "ConditionalCheckFailedException", "TransactionCanceledException", "ValidationException", "ResourceNotFoundException",
  "AccessDeniedException", "UnrecognizedClientException",
]);

export function isRetryableAwsError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name ?? "";
  return !PERMANENT.has(name);
}

/** Retries with exponential backoff and full jitter; the last error is rethrown, never swallowed. */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 4;
  const base = options.baseDelayMs ?? 25;
  const max = options.maxDelayMs ?? 1_000;
  const retryable = options.isRetryable ?? isRetryableAwsError;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      return await operation();
    } catch (error) {
      lastError = error;
      if (!retryable(error) || attempt === attempts - 1) break;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(max, base * 2 ** attempt)));
    }
  }
  throw lastError;
}
