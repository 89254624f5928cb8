import { coreState } from "../state/core-state";
import type { ClientCreateHook, ClientCreation } from "./types";

/**
 * Calls `hook` with every client `defineClient` creates from now on, in every `@org/aws-*`
 * package, once, right after creation and before first use: the place to instrument clients
 * (tracing). Its second argument says which client, how long it took, and whether in a cold
 * start. What it returns, if anything, is used in the client's place. A client built on
 * another's middleware stack (a DocumentClient on its DynamoDBClient's) is not passed again,
 * so a hook that adds a named middleware does not add it twice: to log or measure every
 * creation, read `getClientCreations()`. A hook that throws fails the creation (the next use
 * retries). Clients given to `inject()` are yours: hooks do not see them. Each client has an
 * `onCreate` of its own too. Returns a function that removes the hook.
 *
 * @example
 * ```ts
 * import { Tracer } from "@aws-lambda-powertools/tracer";
 * import { onCreate } from "@org/aws-core";
 *
 * const tracer = new Tracer({ serviceName: "orders" });
 * onCreate((client) => tracer.captureAWSv3Client(client as never));
 * ```
 */
export function onCreate(hook: ClientCreateHook): () => void {
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
  created: TClient,
  creation: ClientCreation,
  own: ReadonlySet<ClientCreateHook<TClient>>,
): TClient {
  let client = created;
  for (const hook of own) client = hook(client, creation) ?? client;
  const { clientHooks, hookedStacks } = coreState();
  const stack = (client as { middlewareStack?: object } | undefined)?.middlewareStack;
  if (stack && hookedStacks.has(stack)) return client;
  for (const hook of clientHooks as Set<ClientCreateHook<TClient>>) {
    client = hook(client, creation) ?? client;
  }
  if (stack) hookedStacks.add(stack);
  return client;
}
