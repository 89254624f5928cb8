import { MissingRegionError } from "../errors";
import { getAwsDefaults } from "./shared-defaults";
import type { ClientOptions, RetryMode, SdkClientConfig } from "./types";
import { validateClientOptions } from "./validate-options";

/** Built-in defaults, chosen for Lambda. */
export const BUILT_IN_DEFAULTS = {
  maxAttempts: 3,
  retryMode: "standard",
  connectionTimeout: 1_000,
  requestTimeout: 2_000,
  keepAlive: true,
  maxSockets: 50,
} as const satisfies ClientOptions;

// The standard variables the SDK itself understands; endpoints (AWS_ENDPOINT_URL_*) are left
// to the SDK.
const ENV_VARIABLES = {
  region: "AWS_REGION",
  maxAttempts: "AWS_MAX_ATTEMPTS",
  retryMode: "AWS_RETRY_MODE",
  appId: "AWS_SDK_UA_APP_ID",
} as const;

function readEnvironment() {
  const env = process.env;
  const maxAttempts = env[ENV_VARIABLES.maxAttempts];
  const options = {
    region: env[ENV_VARIABLES.region] || undefined,
    maxAttempts: maxAttempts ? Number(maxAttempts) : undefined,
    retryMode: (env[ENV_VARIABLES.retryMode] || undefined) as RetryMode | undefined,
    appId: env[ENV_VARIABLES.appId] || undefined,
  };
  validateClientOptions(options, (key) => ENV_VARIABLES[key as keyof typeof ENV_VARIABLES]);
  return withoutUndefined(options);
}

type WithoutUndefined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

function withoutUndefined<T extends object>(value: T): WithoutUndefined<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as WithoutUndefined<T>;
}

/**
 * Merges every source of client options, in order of precedence, and turns them into the
 * configuration an SDK client constructor takes. Reads the environment now, not at import.
 *
 * @param clientName - used in errors.
 * @param serviceDefaults - a service package's own defaults (e.g. a longer timeout for Bedrock).
 * @param overrides - the client's `configure()` options.
 * @throws {@link MissingRegionError} when no region is set anywhere.
 * @throws {@link InvalidConfigError} when an environment variable holds an unusable value.
 *
 * @example
 * ```ts
 * const config = resolveClientConfig("dynamodb", {}, { maxAttempts: 5 });
 * const client = new DynamoDBClient(config);
 * ```
 */
export function resolveClientConfig(
  clientName: string,
  serviceDefaults: ClientOptions = {},
  overrides: ClientOptions = {},
): SdkClientConfig {
  const options = {
    ...BUILT_IN_DEFAULTS,
    ...withoutUndefined(serviceDefaults),
    ...readEnvironment(),
    ...withoutUndefined(getAwsDefaults()),
    ...withoutUndefined(overrides),
  };
  if (!options.region) throw new MissingRegionError(clientName);

  const agent = { keepAlive: options.keepAlive, maxSockets: options.maxSockets };
  return {
    region: options.region,
    maxAttempts: options.maxAttempts,
    retryMode: options.retryMode,
    requestHandler: {
      connectionTimeout: options.connectionTimeout,
      requestTimeout: options.requestTimeout,
      httpAgent: agent,
      httpsAgent: { ...agent },
    },
    ...(options.appId ? { userAgentAppId: options.appId } : {}),
  };
}
