import { type Primeable, type PrimeOptions, type PrimeResult, prime } from "../client/prime";
import type { ClientCreation } from "../client/types";
import {
  type DeadlineContext,
  enterInvocation,
  type InvocationOptions,
  leaveInvocation,
} from "../invocation/invocation-scope";
import { markInvocationStart } from "../registry/invocations";
import { getClientCreations } from "../registry/registry";

/** Options of {@link awsClients}. */
export interface AwsClientsMiddlewareOptions {
  /**
   * Clients to prime (`prime()` of `@org/aws-core`), started when the middleware is created
   * (at init) and awaited by the first invocation.
   */
  readonly prime?: readonly Primeable[] | undefined;
  /** When to prime: as `prime()`'s `when`. Default `"off-request-path"`. */
  readonly primeWhen?: PrimeOptions["when"];
  /** Open the clients' connections while priming. Default `false`. */
  readonly connect?: PrimeOptions["connect"];
  /** The deadline of AWS calls (`withInvocation`), or `false` to leave calls unbounded. */
  readonly deadline?: InvocationOptions | false | undefined;
}

/** What the middleware adds to Middy's request, under `request.internal.awsClients`. */
export interface AwsClientsInfo {
  /** Whether this invocation is the container's cold start. */
  readonly coldStart: boolean;
  /** Every client creation so far, with its duration. */
  readonly creations: readonly ClientCreation[];
  /** What priming did, once it ran (the first invocation waits for it). */
  readonly primed: readonly PrimeResult[];
}

/** The part of Middy's request the middleware uses. */
export interface MiddyRequestLike {
  readonly context: DeadlineContext;
  internal: Record<string, unknown>;
}

/**
 * Middy middleware for handlers on `@org/aws-*` clients: primes clients at init (by default
 * only where the init is off the request path), bounds every AWS call by the invocation's
 * deadline, and adds the cold-start flag and the client creation timings to the request
 * (`request.internal.awsClients`). Use it first, so the middlewares after it run inside the
 * deadline too. `@middy/core` is an optional peer dependency.
 *
 * @example
 * ```ts
 * import middy from "@middy/core";
 * import { awsClients } from "@org/aws-core/middy";
 * import { documentClient } from "@org/aws-dynamo";
 *
 * export const handler = middy(async (event, context) => {
 *   // calls end at the invocation's deadline, as an AwsCoreError of kind "timeout"
 * }).use(awsClients({ prime: [documentClient], connect: true }));
 * ```
 */
export function awsClients(options: AwsClientsMiddlewareOptions = {}): {
  before: (request: MiddyRequestLike) => Promise<void>;
  after: () => void;
  onError: () => void;
} {
  const priming = options.prime
    ? prime(options.prime, { when: options.primeWhen, connect: options.connect })
    : Promise.resolve([]);
  return {
    async before(request) {
      if (options.deadline !== false) enterInvocation(request.context, options.deadline || {});
      const coldStart = markInvocationStart();
      const info: AwsClientsInfo = {
        coldStart,
        primed: await priming,
        creations: getClientCreations(),
      };
      request.internal.awsClients = info;
    },
    // Middy's `before` cannot wrap the handler, so the scope was entered; end it here.
    after: leaveInvocation,
    onError: leaveInvocation,
  };
}
