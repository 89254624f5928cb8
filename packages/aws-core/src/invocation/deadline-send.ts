import { InvocationTimeoutError } from "../errors/errors";
import { currentDeadline } from "./invocation-scope";

type Send = (command: unknown, options?: unknown, callback?: unknown) => Promise<unknown>;

/**
 * @internal Makes a created client's `send` end at the invocation's deadline: inside an
 * invocation scope, each call gets an `abortSignal` (with the caller's own, if any), and a
 * call aborted by the deadline rejects with {@link InvocationTimeoutError}. Outside a scope,
 * and for callback-style calls, `send` is unchanged.
 */
export function endCallsAtDeadline(client: { send: Send }, name: string): void {
  // A hook may have put its own send on the instance; otherwise the class's is looked up on
  // every call, so a test's stub of the prototype still takes effect.
  const own = Object.hasOwn(client, "send") ? client.send : undefined;
  const base = (): Send => own ?? (Object.getPrototypeOf(client) as { send: Send }).send;
  client.send = (command, options, callback) => {
    const deadline = currentDeadline();
    if (deadline === undefined || typeof options === "function" || callback !== undefined) {
      return base().call(client, command, options, callback);
    }
    const timeLeftMs = deadline - Date.now();
    const operation = operationName(command);
    if (timeLeftMs <= 0) {
      return Promise.reject(new InvocationTimeoutError(name, operation, timeLeftMs, undefined));
    }
    const expiry = AbortSignal.timeout(timeLeftMs);
    const given = (options as { abortSignal?: AbortSignal } | undefined)?.abortSignal;
    const abortSignal = given ? AbortSignal.any([given, expiry]) : expiry;
    return base()
      .call(client, command, { ...(options as object), abortSignal })
      .catch((error: unknown) => {
        throw expiry.aborted
          ? new InvocationTimeoutError(name, operation, timeLeftMs, error)
          : error;
      });
  };
}

/** `GetItem` for SDK commands (their schema names the operation), `GetCommand` for lib-dynamodb's. */
function operationName(command: unknown): string {
  const of = (c: unknown) => (c as { schema?: unknown[] } | undefined)?.schema?.[2];
  const candidate = command as { clientCommand?: unknown; constructor?: { name?: string } };
  const name = of(command) ?? of(candidate?.clientCommand) ?? candidate?.constructor?.name;
  return typeof name === "string" && name !== "" ? name : "call";
}
