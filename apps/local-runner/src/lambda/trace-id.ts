import { randomBytes } from "node:crypto";

/**
 * An X-Ray trace id root, `1-<epoch seconds, hex>-<24 hex digits>`, as in `X-Amzn-Trace-Id`.
 *
 * @example
 * ```ts
 * newTraceRoot(); // "1-6650a1b2-9f0c3e4d5a6b7c8d9e0f1a2b"
 * ```
 */
export function newTraceRoot(now = Date.now()): string {
  return `1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;
}

/** The `Lambda-Runtime-Trace-Id` a function sees: its root, a parent segment, not sampled. */
export function lambdaTraceHeader(root: string): string {
  return `Root=${root};Parent=${randomBytes(8).toString("hex")};Sampled=0`;
}
