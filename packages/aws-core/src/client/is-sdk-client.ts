/**
 * Whether `value` looks like an AWS SDK v3 client: it has `send()` and a `middlewareStack`.
 * Duck-typed on purpose, so clients from another copy of the SDK are accepted too.
 *
 * @example
 * ```ts
 * isSdkClient(new DynamoDBClient({})); // true
 * isSdkClient({ send() {} });          // false
 * ```
 */
export function isSdkClient(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { send?: unknown; middlewareStack?: { add?: unknown } | null };
  return (
    typeof candidate.send === "function" && typeof candidate.middlewareStack?.add === "function"
  );
}
