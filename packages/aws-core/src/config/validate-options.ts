import { InvalidConfigError } from "../errors/errors";
import type { ClientOptions } from "./types";

const RETRY_MODES = ["standard", "adaptive"];
// The SDK warns about longer app ids, and they are cut from the user agent.
const MAX_APP_ID_LENGTH = 50;
// Each keyed client holds its own connections: a bound that keeps a container's sockets few.
const MAX_KEYED_CLIENTS = 1000;

type Check = (value: unknown) => boolean;
const isPositiveInteger: Check = (v) => Number.isSafeInteger(v) && (v as number) > 0;

const positive = "an integer above 0";
const checks: Record<keyof ClientOptions, [Check, string]> = {
  region: [(v) => typeof v === "string" && /^[a-z0-9-]+$/.test(v), "a region, e.g. eu-west-1"],
  maxAttempts: [isPositiveInteger, positive],
  retryMode: [(v) => RETRY_MODES.includes(v as string), RETRY_MODES.join(" or ")],
  connectionTimeout: [isPositiveInteger, positive],
  requestTimeout: [isPositiveInteger, positive],
  keepAlive: [(v) => typeof v === "boolean", "a boolean"],
  maxSockets: [isPositiveInteger, positive],
  appId: [
    (v) => typeof v === "string" && v.length > 0 && v.length <= MAX_APP_ID_LENGTH,
    `1 to ${MAX_APP_ID_LENGTH} characters`,
  ],
  maxKeyedClients: [
    (v) => isPositiveInteger(v) && (v as number) <= MAX_KEYED_CLIENTS,
    `an integer from 1 to ${MAX_KEYED_CLIENTS}`,
  ],
};

/** Throws {@link InvalidConfigError} for the first unknown or unusable option. */
export function validateClientOptions(options: ClientOptions): void {
  for (const [key, value] of Object.entries(options) as [string, unknown][]) {
    if (value === undefined) continue;
    const check = checks[key as keyof ClientOptions];
    if (!check) {
      throw InvalidConfigError.invalid(
        key,
        value,
        `one of the options ${Object.keys(checks).join(", ")}`,
      );
    }
    const [isValid, expected] = check;
    if (!isValid(value)) throw InvalidConfigError.invalid(key, value, expected);
  }
}
