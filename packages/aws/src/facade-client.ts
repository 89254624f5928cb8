import { SingletonCreationError } from "@org/aws-core";

/**
 * What every member of the facade offers: its code loads on first use. `aws.bedrock` and
 * `aws.cognito` are the load-on-use clients of their packages (`LoadOnUseClient` of
 * `@org/aws-core`, with `configure()`, `inject()` and the rest too); `aws.documentClient` is a
 * view onto `@org/aws-dynamo`'s DocumentClient, configured there.
 */
export interface FacadeClient<TClient, TSdk> {
  /** Name in errors and in `prime()` results. */
  readonly name: string;
  /** The container's client: loads its code on first use, then creates it once. */
  readonly get: () => Promise<TClient>;
  /** The SDK's command classes this client is used with, loaded on first use. */
  readonly sdk: () => Promise<TSdk>;
}

/**
 * A view onto a package's lazily created client, the package itself imported on first use:
 * the client is that package's singleton (configure it there), not a second one.
 *
 * @example
 * ```ts
 * const documentClient = facadeClient(
 *   "dynamodb-document",
 *   async () => (await import("./dynamo-clients")).documentClient,
 *   () => import("./document-commands"),
 * );
 * ```
 */
export function facadeClient<TClient, TSdk>(
  name: string,
  loadClient: () => Promise<{ get(): TClient }>,
  loadSdk: () => Promise<TSdk>,
): FacadeClient<TClient, TSdk> {
  // Nothing is kept here: the module loader keeps what loaded, and a failed import (a
  // missing chunk, say) is tried again by the next use.
  const failed = (error: unknown): never => {
    throw new SingletonCreationError(name, error);
  };
  return {
    name,
    get: async () => (await loadClient().catch(failed)).get(),
    sdk: () => loadSdk().catch(failed),
  };
}
