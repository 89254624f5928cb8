import { addDeadlineMiddleware } from "./deadline-middleware";
import { isSdkClient } from "./is-sdk-client";

/** Where a helper reads the client of its `client` option: `client` synchronously, `get()` always. */
export interface ClientSource<TClient> {
  readonly client: TClient;
  get(): Promise<TClient>;
}

// SDK clients already given the deadline: a helper may see one client on every call.
const bounded = new WeakSet<object>();

/**
 * @internal A helper's `client` option, checked: a `LazyClient` (duck-typed, so one of
 * another copy of `@org/aws-core` passes too) as it is; an SDK client of the caller's, given
 * the invocation deadline once (as `inject()` does) and boxed. Anything else is refused with
 * a string that says what it is (never what it holds: it goes to logs), for the package to
 * throw with its own error class.
 *
 * @example
 * ```ts
 * const source = clientSource<BedrockRuntimeClient>(options.client, "bedrock-runtime");
 * if (typeof source === "string") throw new BedrockError(`Invalid client: ${source}`, { kind: "internal" });
 * const client = await source.get();
 * ```
 */
export function clientSource<TClient>(
  option: unknown,
  name: string,
): ClientSource<TClient> | string {
  if (isSdkClient(option)) {
    if (!bounded.has(option as object)) {
      addDeadlineMiddleware(option, name);
      bounded.add(option as object);
    }
    const client = option as TClient;
    return { client, get: () => Promise.resolve(client) };
  }
  if (option === null) return "null";
  if (Array.isArray(option)) return "an array";
  if (typeof option !== "object") return `a ${typeof option}`;
  const { get, peek } = option as { get?: unknown; peek?: unknown };
  return "client" in option && typeof get === "function" && typeof peek === "function"
    ? (option as ClientSource<TClient>)
    : "an object that is neither an SDK client nor a LazyClient";
}
