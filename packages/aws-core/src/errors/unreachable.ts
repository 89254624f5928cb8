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

/**
 * Whether an SDK call failed because the service failed on its side (still after the SDK's
 * retries): an exception the service marks as a server fault (`$fault: "server"`), or any
 * 5xx status. With {@link isServiceUnreachable}, what the service packages turn into their
 * `unavailable` (503) errors.
 *
 * @example
 * ```ts
 * if (isServerFault(error)) throw new MyServiceUnavailableError(error.message, { cause: error });
 * ```
 */
export function isServerFault(error: unknown): boolean {
  const { $fault, $metadata } = (error ?? {}) as {
    $fault?: unknown;
    $metadata?: { httpStatusCode?: unknown };
  };
  const status = $metadata?.httpStatusCode;
  return $fault === "server" || (typeof status === "number" && status >= 500);
}
