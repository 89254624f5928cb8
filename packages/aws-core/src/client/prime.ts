import { primeClient } from "./prime-client";

/** Options of {@link prime}: when to prime, and how. */
export interface PrimeOptions {
  /**
   * Also open the keep-alive connection the first call would open: an unsigned `GET /` to
   * the client's endpoint through its own HTTP handler, whose answer is read and dropped.
   * Default `false`.
   */
  readonly connect?: boolean | undefined;
  /**
   * `"off-request-path"` (default): only when Lambda initialises the container before any
   * request, under provisioned concurrency (`AWS_LAMBDA_INITIALIZATION_TYPE`),
   * where priming takes work off the first caller's wait. On demand, the first caller
   * waits for the init too, so priming there only moves time from the first invocation to
   * the init. `"always"`: prime in every container.
   */
  readonly when?: "off-request-path" | "always" | undefined;
}

/** What priming one client did. */
export interface PrimeResult {
  readonly name: string;
  /** Whether the client was created and its settings resolved (and connected, if asked). */
  readonly primed: boolean;
  /** Why priming was skipped, or `undefined` when it ran. */
  readonly skipped?: "on-demand" | undefined;
  readonly durationMs: number;
  /** What failed, when priming did not complete. The first call tries again. */
  readonly error?: unknown;
}

/**
 * What priming needs: every client of the `@org/aws-*` packages, and the Cognito token
 * verifier (priming it fetches its keys), have it.
 */
export interface Primeable {
  readonly name: string;
  get(): Promise<unknown>;
}

const OFF_REQUEST_PATH_INIT = new Set(["provisioned-concurrency"]);

/**
 * Primes clients at init, off the request path: each is created and resolves what its first
 * call would (credentials, region, endpoint), and with `connect` opens its connection. It
 * never rejects: a failure is reported with `process.emitWarning` and in the results, and
 * the first call simply tries again. By default it primes only when Lambda initialises the
 * container before any request (provisioned concurrency); pass
 * `when: "always"` to prime in every container. A function of its own, not a method of the
 * clients, so a bundle that never primes does not carry it.
 *
 * @example
 * ```ts
 * // handler.ts (an ES module bundle: top-level await runs during Lambda's init)
 * import { prime } from "@org/aws-core";
 * import { documentClient } from "@org/aws-dynamo";
 *
 * await prime([documentClient], { connect: true });
 *
 * export const handler = async () => {
 *   // the first call finds the client created, its credentials and connection ready
 * };
 * ```
 */
export async function prime(
  clients: readonly Primeable[],
  options: PrimeOptions = {},
): Promise<PrimeResult[]> {
  const { when = "off-request-path", connect } = options;
  const initType = process.env.AWS_LAMBDA_INITIALIZATION_TYPE ?? "on-demand";
  if (when !== "always" && !OFF_REQUEST_PATH_INIT.has(initType)) {
    return clients.map((client) => ({
      name: client.name,
      primed: false,
      skipped: "on-demand",
      durationMs: 0,
    }));
  }
  return Promise.all(
    clients.map((client) => primeClient(client.name, () => client.get(), { connect })),
  );
}
