/**
 * What went wrong, in terms a caller can act on. Every error of the `@org/aws-*` packages has
 * exactly one kind; HTTP layers map a kind to a status with {@link httpStatusOf}.
 *
 * - `validation`: the input is wrong (400)
 * - `unauthorized`: no or bad credentials (401)
 * - `forbidden`: valid credentials, not allowed (403)
 * - `not-found`: nothing there (404)
 * - `conflict`: the state changed or already exists (409)
 * - `throttled`: too many requests, back off (429)
 * - `internal`: a bug or a misconfiguration (500)
 * - `unavailable`: a dependency is down or not ready (503)
 * - `timeout`: a dependency took too long (504)
 */
export type ErrorKind =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "conflict"
  | "throttled"
  | "internal"
  | "unavailable"
  | "timeout";

const STATUS: Readonly<Record<ErrorKind, number>> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  throttled: 429,
  internal: 500,
  unavailable: 503,
  timeout: 504,
};

// The words API Gateway itself uses where it has them, so a caller sees one vocabulary.
const SAFE_MESSAGES: Readonly<Record<ErrorKind, string>> = {
  validation: "Invalid request",
  unauthorized: "Unauthorized",
  forbidden: "Forbidden",
  "not-found": "Not Found",
  conflict: "Conflict",
  throttled: "Too Many Requests",
  internal: "Internal Server Error",
  unavailable: "Service Unavailable",
  timeout: "Gateway Timeout",
};

/**
 * The HTTP status for an error kind.
 *
 * @example
 * ```ts
 * httpStatusOf("not-found"); // 404
 * ```
 */
export function httpStatusOf(kind: ErrorKind): number {
  return STATUS[kind];
}

/**
 * The message a caller may see for an error kind when the error has no more precise one.
 *
 * @example
 * ```ts
 * defaultSafeMessage("unauthorized"); // "Unauthorized"
 * ```
 */
export function defaultSafeMessage(kind: ErrorKind): string {
  return SAFE_MESSAGES[kind];
}
