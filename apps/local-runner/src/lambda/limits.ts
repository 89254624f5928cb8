/** Lambda's quotas and defaults that the runner imitates. */

/** Largest event of a synchronous invocation: 6 MB (Lambda's `RequestEntityTooLargeException`). */
export const MAX_REQUEST_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** Largest response of a synchronous invocation, as Lambda's own error message states it. */
export const MAX_RESPONSE_PAYLOAD_BYTES = 6_291_556;

/** Lambda's default function timeout: 3 seconds. */
export const DEFAULT_TIMEOUT_MS = 3_000;

/** Lambda's default memory size. */
export const DEFAULT_MEMORY_MB = 128;

/** Lambda gives the init phase (loading the handler module) 10 seconds. */
export const DEFAULT_INIT_TIMEOUT_MS = 10_000;

/** How many containers one function may run at once before further calls wait for one. */
export const DEFAULT_MAX_CONTAINERS = 10;

/** Account id used in ARNs: obviously not a real account. */
export const LOCAL_ACCOUNT_ID = "000000000000";
