// What Node.js and the SDK's HTTP handlers say when a service cannot be reached at all.
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "ERR_HTTP2_STREAM_CANCEL",
  "ERR_HTTP2_SESSION_ERROR",
]);
const TIMEOUT_NAMES = new Set(["TimeoutError", "RequestTimeout"]);

/**
 * Whether an SDK call failed in transport (connection refused or reset, host not found, the
 * request timeout passed), not because the service answered with an error: what the service
 * packages turn into their `unavailable` (503) errors. A reset or a timeout may come after the
 * service received the request, and applied it: retry only what is safe to repeat (a
 * conditional or versioned write).
 *
 * @example
 * ```ts
 * if (isServiceUnreachable(error)) throw new MyServiceUnavailableError(error.message, { cause: error });
 * ```
 */
export function isServiceUnreachable(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return NETWORK_CODES.has(String(code)) || TIMEOUT_NAMES.has(String(name));
}
