import { InvalidConfigError } from "../errors/errors";
import { getAwsDefaults } from "./shared-defaults";
import type { ClientOptions, SdkClientConfig } from "./types";

/**
 * Built-in defaults where Lambda needs something other than the SDK's own: a call must fail
 * inside the invocation, not hang past it. 3 attempts of 700 ms plus the SDK's backoff (at
 * most 300 ms between them for timeouts) end a call to a hung service within 2.4 s, below
 * Lambda's default 3 s timeout, even outside `withInvocation`.
 */
export const BUILT_IN_DEFAULTS = {
  connectionTimeout: 700,
  requestTimeout: 700,
  keepAlive: true,
  maxSockets: 50,
} as const satisfies ClientOptions;

type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

function defined<T extends object>(value: T): Defined<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Defined<T>;
}

/**
 * Merges the client options from code (built-in defaults < a service package's defaults <
 * {@link configureAwsDefaults} < the client's `configure()`) into the configuration an SDK
 * client constructor takes. Options not set in code are not passed, so the SDK reads its own
 * environment variables for them (`AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`, `AWS_SDK_UA_APP_ID`,
 * `AWS_ENDPOINT_URL_*`). Reads `AWS_REGION` now, not at import.
 *
 * @param clientName - used in errors.
 * @param serviceDefaults - a service package's own defaults (e.g. a longer timeout for Bedrock).
 * @param overrides - the client's `configure()` options.
 * @throws `InvalidConfigError` when no region is set anywhere.
 *
 * @example
 * ```ts
 * const client = new DynamoDBClient(resolveClientConfig("dynamodb", {}, { maxAttempts: 5 }));
 * ```
 */
export function resolveClientConfig(
  clientName: string,
  serviceDefaults: ClientOptions = {},
  overrides: ClientOptions = {},
): SdkClientConfig {
  const options = {
    ...BUILT_IN_DEFAULTS,
    ...defined(serviceDefaults),
    ...defined(getAwsDefaults()),
    ...defined(overrides),
  };
  const region = options.region ?? process.env.AWS_REGION;
  // 3, not the SDK's default for the service (DynamoDB's is 4), unless AWS_MAX_ATTEMPTS says.
  const maxAttempts = options.maxAttempts ?? (process.env.AWS_MAX_ATTEMPTS ? undefined : 3);
  if (!region) {
    throw new InvalidConfigError(
      `No region for the "${clientName}" client: set AWS_REGION or configure({ region })`,
      { setting: "region" },
    );
  }

  const agent = { keepAlive: options.keepAlive, maxSockets: options.maxSockets };
  return defined({
    region,
    maxAttempts,
    retryMode: options.retryMode,
    userAgentAppId: options.appId,
    requestHandler: {
      connectionTimeout: options.connectionTimeout,
      requestTimeout: options.requestTimeout,
      // Without it the SDK only logs a warning when requestTimeout passes.
      throwOnRequestTimeout: true,
      httpAgent: agent,
      httpsAgent: { ...agent },
    },
  }) as SdkClientConfig;
}
