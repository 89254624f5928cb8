import { ClientAlreadyCreatedError } from "../errors/errors";
import { liveClientNames } from "../registry/registry";
import type { ClientOptions } from "./types";
import { validateClientOptions } from "./validate-options";

let sharedDefaults: ClientOptions = {};

/**
 * Sets options for every client created from now on, in one place (for example in a module
 * your handlers import first). Merges with earlier calls. Throws
 * {@link ClientAlreadyCreatedError} when a client already exists, since it would not see
 * the change.
 *
 * @example
 * ```ts
 * import { configureAwsDefaults } from "@org/aws-core";
 *
 * configureAwsDefaults({ appId: "translation-api", requestTimeout: 1_500, maxAttempts: 2 });
 * ```
 */
export function configureAwsDefaults(options: ClientOptions): void {
  validateClientOptions({ ...options });
  const created = liveClientNames();
  if (created.length > 0) throw new ClientAlreadyCreatedError(created, "the shared AWS defaults");
  sharedDefaults = { ...sharedDefaults, ...options };
}

/**
 * The options set with {@link configureAwsDefaults}.
 *
 * @example
 * ```ts
 * expect(getAwsDefaults().appId).toBe("translation-api");
 * ```
 */
export function getAwsDefaults(): ClientOptions {
  return sharedDefaults;
}

/**
 * Forgets everything set with {@link configureAwsDefaults} (tests).
 *
 * @example
 * ```ts
 * afterEach(() => resetAwsDefaults());
 * ```
 */
export function resetAwsDefaults(): void {
  sharedDefaults = {};
}
