import type { Request } from "autocannon";

/**
 * Wraps a request mix so that each answer's latency, from the request being built and sent
 * to its response, goes into `latencies` (milliseconds): autocannon reports fixed
 * percentiles only (no p95), so the load run keeps every latency itself.
 *
 * @example
 * ```ts
 * const latencies: number[] = [];
 * await autocannon({ url, requests: timed(userMix(tokens, acknowledged), latencies) });
 * percentile(latencies, 95);
 * ```
 */
export function timed(requests: Request[], latencies: number[]): Request[] {
  return requests.map((request) => {
    const { setupRequest, onResponse } = request;
    return {
      ...request,
      setupRequest: (built, context) => {
        (context as { sentAt?: number }).sentAt = performance.now();
        return typeof setupRequest === "function" ? setupRequest(built, context) : built;
      },
      onResponse: (status, body, context, headers) => {
        const { sentAt } = context as { sentAt?: number };
        if (sentAt !== undefined) latencies.push(performance.now() - sentAt);
        if (typeof onResponse === "function") onResponse(status, body, context, headers);
      },
    };
  });
}

/**
 * The `p`th percentile of `values` (nearest rank), rounded to a millisecond; 0 for none.
 *
 * @example
 * ```ts
 * percentile([5, 1, 3, 2, 4], 50); // 3
 * ```
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return Math.round(sorted[rank - 1] as number);
}
