import { InvocationTimeoutError } from "../errors/errors";
import { currentDeadline } from "../invocation/invocation-scope";

interface MiddlewareStackLike {
  add(middleware: unknown, options: object): void;
}
type Next = (args: unknown) => Promise<unknown>;
type Context = { commandName?: string };

/**
 * @internal Ends every call of `client` at the invocation's deadline (see `withInvocation`),
 * through the SDK's own middleware stack, so clients passed to `inject()` get it too. One
 * middleware around the retries rejects the call with {@link InvocationTimeoutError} when the
 * deadline passes; one before each attempt refuses to start another past it, so no retry runs
 * after the function has answered. Outside an invocation scope both pass calls through.
 */
export function addDeadlineMiddleware(client: unknown, name: string): void {
  const stack = (client as { middlewareStack: MiddlewareStackLike }).middlewareStack;
  // A DocumentClient shares its DynamoDBClient's stack: the names make adding twice harmless.
  stack.add(endAtDeadline(name), {
    step: "initialize",
    name: "awsCoreInvocationDeadline",
    override: true,
  });
  stack.add(noAttemptPastDeadline(name), {
    step: "finalizeRequest",
    priority: "low",
    name: "awsCoreNoAttemptPastDeadline",
    override: true,
  });
}

const endAtDeadline =
  (name: string) =>
  (next: Next, context: Context) =>
  async (args: unknown): Promise<unknown> => {
    const deadline = currentDeadline();
    if (deadline === undefined) return next(args);
    const timeLeftMs = deadline - Date.now();
    const timeout = () => InvocationTimeoutError.of(name, operationOf(context), timeLeftMs);
    if (timeLeftMs <= 0) throw timeout();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(timeout()), timeLeftMs);
    });
    try {
      return await Promise.race([next(args), expired]);
    } finally {
      clearTimeout(timer);
    }
  };

const noAttemptPastDeadline =
  (name: string) =>
  (next: Next, context: Context) =>
  (args: unknown): Promise<unknown> => {
    const deadline = currentDeadline();
    if (deadline !== undefined && Date.now() >= deadline) {
      return Promise.reject(InvocationTimeoutError.of(name, operationOf(context), 0));
    }
    return next(args);
  };

/** `GetItem` from the SDK's `GetItemCommand`. */
function operationOf(context: Context): string {
  return context.commandName?.replace(/Command$/, "") || "call";
}
