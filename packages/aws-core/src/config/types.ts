/**
 * Settings every client shares. Each can come from (lowest to highest precedence) the
 * built-in defaults, a service package's defaults, {@link configureAwsDefaults}, and a
 * client's own `configure()`. What code leaves unset, the SDK takes from its standard
 * environment variables.
 */
export interface ClientOptions {
  /** AWS region. Default: the `AWS_REGION` environment variable, which Lambda always sets. */
  readonly region?: string | undefined;
  /**
   * Attempts per call, the first included. Unset: `AWS_MAX_ATTEMPTS`, else 3 (DynamoDB's own
   * default would be 4).
   */
  readonly maxAttempts?: number | undefined;
  /** SDK retry strategy. Unset: the SDK's (`AWS_RETRY_MODE`, else `"standard"`). */
  readonly retryMode?: RetryMode | undefined;
  /** Milliseconds allowed to open a connection. Default: 700. */
  readonly connectionTimeout?: number | undefined;
  /**
   * Milliseconds allowed for one attempt. Default: 700, so that 3 attempts and the SDK's
   * backoff end within 2.4 s, below Lambda's default 3 s timeout, even outside
   * `withInvocation` (inside it, the invocation's deadline bounds the whole call).
   */
  readonly requestTimeout?: number | undefined;
  /** Reuse connections across invocations. Default: `true`. */
  readonly keepAlive?: boolean | undefined;
  /** Upper bound of concurrent connections per client. Default: 50. */
  readonly maxSockets?: number | undefined;
  /** Added to the SDK's user agent, to find your app in CloudTrail. Unset: `AWS_SDK_UA_APP_ID`. */
  readonly appId?: string | undefined;
  /**
   * How many clients made by `for(key)` a client keeps (1 to 1000); beyond that the least
   * recently asked for is dropped and its connections closed. Default: 10.
   */
  readonly maxKeyedClients?: number | undefined;
}

/** SDK retry strategies. */
export type RetryMode = "standard" | "adaptive";

/** Connection settings in the form the SDK's Node.js HTTP handlers accept. */
export interface SdkRequestHandlerOptions {
  connectionTimeout: number;
  requestTimeout: number;
  throwOnRequestTimeout: boolean;
  httpAgent: { keepAlive: boolean; maxSockets: number };
  httpsAgent: { keepAlive: boolean; maxSockets: number };
}

/** What a service package's `create` receives: ready to pass to an SDK client constructor. */
export interface SdkClientConfig {
  region: string;
  maxAttempts?: number;
  retryMode?: RetryMode;
  requestHandler: SdkRequestHandlerOptions;
  userAgentAppId?: string;
  /** Set for a client of `for({ key, credentials })`: its key's credentials. */
  credentials?: CredentialsProvider;
}

/**
 * An SDK credential provider, e.g. what `assumeRole()` or `@aws-sdk/credential-providers`
 * return. SDK clients call it with their own settings and cache what it returns until
 * shortly before it expires.
 */
// biome-ignore lint/suspicious/noExplicitAny: the SDK's own provider type takes Record<string, any>
export type CredentialsProvider = (properties?: Record<string, any>) => Promise<Credentials>;

/** AWS credentials, in the form SDK clients take. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
