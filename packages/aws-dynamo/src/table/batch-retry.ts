/** How batch operations retry what DynamoDB left unprocessed. */
export interface BatchRetryOptions {
  /** Attempts in all, the first included. Default 8. */
  readonly maxAttempts?: number | undefined;
  /** First backoff ceiling in ms; doubles each attempt. Default 50. */
  readonly baseDelayMs?: number | undefined;
  /** Highest backoff ceiling in ms. Default 2,000. */
  readonly maxDelayMs?: number | undefined;
}

export const DEFAULT_BATCH_RETRY = { maxAttempts: 8, baseDelayMs: 50, maxDelayMs: 2_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `pending`, then whatever `sendOnce` reports as left over, with exponential backoff
 * and full jitter between attempts, until nothing is left or attempts run out. Returns what
 * is still unprocessed (empty when all went through) and the attempts made.
 */
export async function retryUnprocessed<T>(
  pending: T[],
  sendOnce: (batch: T[]) => Promise<T[]>,
  options: BatchRetryOptions = {},
): Promise<{ unprocessed: T[]; attempts: number }> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_BATCH_RETRY.maxAttempts;
  const baseDelayMs = options.baseDelayMs ?? DEFAULT_BATCH_RETRY.baseDelayMs;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_BATCH_RETRY.maxDelayMs;
  let left = pending;
  let attempts = 0;
  while (left.length && attempts < maxAttempts) {
    if (attempts > 0) {
      const ceiling = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempts - 1));
      await sleep(Math.random() * ceiling);
    }
    attempts += 1;
    left = await sendOnce(left);
  }
  return { unprocessed: left, attempts };
}

/** Splits `items` into arrays of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
