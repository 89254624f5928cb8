import { InvalidConfigError } from "../errors";
import type { ClientOptions } from "./types";

const RETRY_MODES = ["standard", "adaptive"];
// The SDK warns about longer app ids, and they are cut from the user agent.
const MAX_APP_ID_LENGTH = 50;

type Check = (value: unknown) => boolean;
const isPositiveInteger: Check = (v) => Number.isSafeInteger(v) && (v as number) > 0;

const checks: Record<keyof ClientOptions, [Check, string]> = {
  region: [(v) => typeof v === "string" && /^[a-z0-9-]+$/.test(v), "a region such as eu-west-1"],
  maxAttempts: [isPositiveInteger, "a whole number of at least 1"],
  retryMode: [(v) => RETRY_MODES.includes(v as string), `one of ${RETRY_MODES.join(", ")}`],
  connectionTimeout: [isPositiveInteger, "milliseconds, a whole number above 0"],
  requestTimeout: [isPositiveInteger, "milliseconds, a whole number above 0"],
  keepAlive: [(v) => typeof v === "boolean", "true or false"],
  maxSockets: [isPositiveInteger, "a whole number of at least 1"],
  appId: [
    (v) => typeof v === "string" && v.length > 0 && v.length <= MAX_APP_ID_LENGTH,
    `a string of 1 to ${MAX_APP_ID_LENGTH} characters`,
  ],
};

/**
 * Throws {@link InvalidConfigError} for the first unknown or unusable option.
 * `sourceOf` names where a value came from (an environment variable) in the error.
 */
export function validateClientOptions(
  options: Record<string, unknown>,
  sourceOf: (key: string) => string = (key) => key,
): void {
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const check = checks[key as keyof ClientOptions];
    if (!check) {
      throw new InvalidConfigError(
        key,
        value,
        `one of the options ${Object.keys(checks).join(", ")}`,
      );
    }
    const [isValid, expected] = check;
    if (!isValid(value)) throw new InvalidConfigError(sourceOf(key), value, expected);
  }
}
