import { coreState } from "../state/core-state";

/**
 * Called with an SDK client right after it is created, before its first use. Return a client
 * to use in its place (a wrapped one), or nothing to keep it (after instrumenting it in place).
 */
export type ClientCreateHook<TClient = unknown> = (
  client: TClient,
  info: { readonly name: string },
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that only instruments returns nothing
) => TClient | undefined | void;

/**
 * Calls `hook` with every client `defineClient` creates from now on, in every `@org/aws-*`
 * package, once, right after creation and before first use: the place to instrument clients
 * (tracing, metrics) without giving up their lazy creation or the shared configuration. A
 * hook that throws fails the creation (the next access retries). Clients given to `inject()`
 * are yours: hooks do not see them. Returns a function that removes the hook.
 *
 * @example
 * ```ts
 * import { Tracer } from "@aws-lambda-powertools/tracer";
 * import { onClientCreate } from "@org/aws-core";
 *
 * const tracer = new Tracer({ serviceName: "orders" });
 * onClientCreate((client) => tracer.captureAWSv3Client(client as never));
 * ```
 */
export function onClientCreate(hook: ClientCreateHook): () => void {
  const { clientHooks } = coreState();
  clientHooks.add(hook);
  return () => {
    clientHooks.delete(hook);
  };
}

/**
 * @internal A client's own hooks first, then those for every client. A client built on
 * another's middleware stack (a DocumentClient shares its DynamoDBClient's) gets the hooks
 * for every client only once per stack: a hook that adds a named middleware would otherwise
 * fail the second time, and an unnamed one would count every call twice.
 */
export function runCreateHooks<TClient>(
  name: string,
  created: TClient,
  own: ReadonlySet<ClientCreateHook<TClient>>,
): TClient {
  let client = created;
  for (const hook of own) client = hook(client, { name }) ?? client;
  const { clientHooks, hookedStacks } = coreState();
  const stack = (client as { middlewareStack?: object } | undefined)?.middlewareStack;
  if (stack && hookedStacks.has(stack)) return client;
  for (const hook of clientHooks as Set<ClientCreateHook<TClient>>) {
    client = hook(client, { name }) ?? client;
  }
  if (stack) hookedStacks.add(stack);
  return client;
}
