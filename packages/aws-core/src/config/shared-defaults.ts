import { InvalidConfigError } from "../errors/errors";
import { liveClientNames } from "../registry/registry";
import { coreState } from "../state/core-state";
import type { ClientOptions } from "./types";
import { validateClientOptions } from "./validate-options";

/**
 * Sets options for every client created from now on, in one place (for example in a module
 * your handlers import first). Merges with earlier calls. Throws
 * an `AwsCoreError` of kind `internal` when a client already exists, since it would not see
 * the change. `resetAll()` undoes it.
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
  if (created.length > 0) throw InvalidConfigError.tooLate(created, "the shared AWS defaults");
  const state = coreState();
  state.sharedDefaults = { ...state.sharedDefaults, ...options };
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
  return coreState().sharedDefaults;
}
