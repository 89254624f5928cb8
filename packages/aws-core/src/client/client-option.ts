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
 * the invocation deadline once (as `inject()` does) and boxed; `undefined` for anything else,
 * which the package reports with its own error class.
 *
 * @example
 * ```ts
 * const source = clientSource<BedrockRuntimeClient>(options.client, "bedrock-runtime");
 * if (!source) throw new BedrockError(`Invalid client: ${describeValue(options.client)}`, { kind: "internal" });
 * const client = await source.get();
 * ```
 */
export function clientSource<TClient>(
  option: unknown,
  name: string,
): ClientSource<TClient> | undefined {
  if (isSdkClient(option)) {
    if (!bounded.has(option as object)) {
      addDeadlineMiddleware(option, name);
      bounded.add(option as object);
    }
    const client = option as TClient;
    return { client, get: () => Promise.resolve(client) };
  }
  if (typeof option !== "object" || option === null || !("client" in option)) return undefined;
  const { get, peek } = option as { get?: unknown; peek?: unknown };
  return typeof get === "function" && typeof peek === "function"
    ? (option as ClientSource<TClient>)
    : undefined;
}

/** @internal What a refused value is, never what it holds: the message goes to logs. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object that is neither an SDK client nor a LazyClient";
  return `a ${typeof value}`;
}
