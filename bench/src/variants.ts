import { toHttpApiEvent } from "@org/local-lambda-runner";
import { repoPath } from "./paths";

/** The item every DynamoDB variant reads: the user the benchmark creates through users-api. */
export const BENCH_USER = { id: "bench", email: "bench@example.com", name: "Bench User" };
export const BENCH_KEY = { PK: `USER#${BENCH_USER.id}`, SK: `USER#${BENCH_USER.id}` };
export const TABLE_NAME = "app";

/** How a variant's bundle is made. */
export type VariantSource = (
  | /** A handler in bench/fixtures/handlers, built with the parts of the recipe named here. */
  { readonly kind: "handler"; readonly file: string }
  /**
   * A handler in bench/fixtures/handlers, built by `buildLambda()` given only its entry, its
   * folder and the architecture: the parts below say what its defaults are, for the report.
   */
  | { readonly kind: "build-lambda"; readonly file: string }
  /** A sample app, bundled by its own build script (apps/app-kit/bundle.mjs). */
  | { readonly kind: "app"; readonly app: string }
) & {
  readonly lean: boolean;
  /** Ship the V8 compile cache with the bundle (`buildLambda({ compileCache })`). */
  readonly compileCache?: boolean;
  /** Start the runtime without `--expose-gc` (`buildLambda({ execWrapper })`). */
  readonly execWrapper?: boolean;
  /**
   * Split into an entry and chunks (`lambdaBuildOptions()`'s default since the chunks came
   * in). Default `false`: the variants before it were measured as one file, and keep it.
   */
  readonly splitting?: boolean;
};

/** One handler of the cold-start benchmark. */
export interface Variant {
  /** Used as the function name, the bundle folder and in `--variants`. */
  readonly id: string;
  /** Its number in the brief, e.g. `(3)`. */
  readonly tag: string;
  readonly label: string;
  readonly source: VariantSource;
  /** The event both invocations of a sample get. */
  readonly event: () => unknown;
  /** Whether a result shows the call really happened (a benchmark of failures is worthless). */
  readonly check: (payload: unknown) => boolean;
}

const handler = (
  name: string,
  lean = false,
  compileCache = false,
  execWrapper = false,
  splitting = false,
): VariantSource => ({
  kind: "handler",
  file: repoPath("bench", "fixtures", "handlers", `${name}.ts`),
  lean,
  compileCache,
  execWrapper,
  splitting,
});

/** A sample app as its build script makes it by default: lean, exec wrapper; plus the cache. */
const tunedApp = (app: string, splitting: boolean): VariantSource => ({
  kind: "app",
  app,
  lean: true,
  compileCache: true,
  execWrapper: true,
  splitting,
});

const dynamoEvent = () => ({ table: TABLE_NAME, key: BENCH_KEY });
const readTheUser = (payload: unknown) => (payload as { PK?: string } | null)?.PK === BENCH_KEY.PK;

/**
 * An API Gateway HTTP API (payload 2.0) event, as the local runner's HTTP front makes them.
 *
 * @example `httpEvent("GET", "/health", "GET /health")`
 */
export function httpEvent(
  method: string,
  path: string,
  routeKey: string,
  pathParameters?: Record<string, string>,
  body?: unknown,
  authorizer?: object,
): unknown {
  return toHttpApiEvent({
    method,
    rawPath: path,
    rawQueryString: "",
    rawHeaders: ["host", "127.0.0.1", ...(body ? ["content-type", "application/json"] : [])],
    body: body ? Buffer.from(JSON.stringify(body)) : Buffer.alloc(0),
    sourceIp: "127.0.0.1",
    routeKey,
    pathParameters,
    requestId: `bench-${Date.now()}`,
    receivedAt: new Date(),
    authorizer,
  });
}

/** What the HTTP API's JWT authorizer passes on for the bench user's access token. */
const BENCH_USER_AUTHORIZER = {
  jwt: {
    claims: { sub: BENCH_USER.id, username: BENCH_USER.id, token_use: "access" },
    scopes: null,
  },
};

const httpStatus = (status: number) => (payload: unknown) =>
  (payload as { statusCode?: number } | null)?.statusCode === status;

/** A translation the local Bedrock model answers (it echoes the text). */
const TRANSLATION = { text: "Good morning", direction: "en-es" };

const listTranslationsEvent = () =>
  httpEvent(
    "GET",
    "/translations",
    "GET /translations",
    undefined,
    undefined,
    BENCH_USER_AUTHORIZER,
  );

const createTranslationEvent = () =>
  httpEvent(
    "POST",
    "/translations",
    "POST /translations",
    undefined,
    TRANSLATION,
    BENCH_USER_AUTHORIZER,
  );

const getUserEvent = () =>
  httpEvent(
    "GET",
    `/users/${BENCH_USER.id}`,
    "GET /users/{id}",
    { id: BENCH_USER.id },
    undefined,
    BENCH_USER_AUTHORIZER,
  );

/** Every variant, in the order of the report. */
export const VARIANTS: readonly Variant[] = [
  {
    id: "empty",
    tag: "(1)",
    label: "empty handler (the floor)",
    source: handler("empty"),
    event: () => ({}),
    check: (payload) => (payload as { ok?: boolean } | null)?.ok === true,
  },
  {
    id: "hand-written",
    tag: "(2)",
    label: "hand-written DocumentClient at module scope (baseline)",
    source: handler("hand-written"),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "aws-dynamo",
    tag: "(3)",
    label: "`documentClient.client` from @org/aws-dynamo",
    source: handler("aws-dynamo"),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "facade",
    tag: "(4)",
    label: "one facade importing Dynamo + Cognito + Bedrock",
    source: handler("facade"),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "per-invocation",
    tag: "(5)",
    label: "clients built per invocation",
    source: handler("per-invocation"),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "users-api",
    tag: "(6a)",
    label:
      "apps/users-api with the full SDK chains (`--no-lean`, as deployed before): GET /users/{id}",
    source: { kind: "app", app: "users-api", lean: false },
    event: getUserEvent,
    check: httpStatus(200),
  },
  {
    id: "translation-api",
    tag: "(6b)",
    label:
      "apps/translation-api with the full SDK chains (`--no-lean`, as deployed before): GET /health",
    source: { kind: "app", app: "translation-api", lean: false },
    event: () => httpEvent("GET", "/health", "GET /health"),
    check: httpStatus(200),
  },
  {
    id: "aws-dynamo-lean",
    tag: "(7)",
    label: "(3) built with `lambdaLean()`",
    source: handler("aws-dynamo", true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "aws-dynamo-lean-cache",
    tag: "(8)",
    label: "(7) with its compile cache",
    source: handler("aws-dynamo", true, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "aws-dynamo-lean-cache-primed",
    tag: "(9)",
    label: '(8) primed at init (`prime(..., { when: "always", connect: true })`)',
    source: handler("aws-dynamo-primed", true, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "aws-dynamo-lean-cache-primed-wrapped",
    tag: "(9w)",
    label: "(9) started without `--expose-gc` (the exec wrapper)",
    source: handler("aws-dynamo-primed", true, true, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "users-api-tuned",
    tag: "(10a)",
    label:
      "apps/users-api lean + compile cache + exec wrapper (priming skipped on demand): GET /users/{id}",
    source: { kind: "app", app: "users-api", lean: true, compileCache: true, execWrapper: true },
    event: getUserEvent,
    check: httpStatus(200),
  },
  {
    id: "translation-api-tuned",
    tag: "(10b)",
    label:
      "apps/translation-api lean + compile cache + exec wrapper (priming skipped on demand): GET /health",
    source: {
      kind: "app",
      app: "translation-api",
      lean: true,
      compileCache: true,
      execWrapper: true,
    },
    event: () => httpEvent("GET", "/health", "GET /health"),
    check: httpStatus(200),
  },
  // (11): split bundles (`lambdaBuildOptions()`'s default) and clients whose SDK loads on
  // first use. Each split variant is measured against the same code as one file.
  {
    id: "aws-dynamo-lean-split",
    tag: "(11a)",
    label: "(7) split (lean, the new default build; (7) is today's single file)",
    source: handler("aws-dynamo", true, false, false, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "aws-dynamo-split",
    tag: "(11b)",
    label: "(3) split (full SDK chains: their providers become chunks)",
    source: handler("aws-dynamo", false, false, false, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "three-clients-static",
    tag: "(11c)",
    label:
      "DynamoDB + Bedrock + Cognito handler, SDKs imported statically, one file: DynamoDB route",
    source: handler("three-clients-static", true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "three-clients-split",
    tag: "(11d)",
    label:
      "(11c) with its SDKs loaded on first use (`converse`, `getUserFromToken`), split: DynamoDB route",
    source: handler("three-clients", true, false, false, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "three-clients-one-file",
    tag: "(11e)",
    label: "(11d) as one file (the SDKs in it, run on first use): DynamoDB route",
    source: handler("three-clients", true),
    event: dynamoEvent,
    check: readTheUser,
  },
  {
    id: "translation-api-split",
    tag: "(11f)",
    label: "(10b) split: translation-api GET /health",
    source: tunedApp("translation-api", true),
    event: () => httpEvent("GET", "/health", "GET /health"),
    check: httpStatus(200),
  },
  {
    id: "translations-list",
    tag: "(11g)",
    label: "apps/translation-api as (10b), one file: GET /translations",
    source: tunedApp("translation-api", false),
    event: listTranslationsEvent,
    check: httpStatus(200),
  },
  {
    id: "translations-list-split",
    tag: "(11h)",
    label: "(11g) split: translation-api GET /translations",
    source: tunedApp("translation-api", true),
    event: listTranslationsEvent,
    check: httpStatus(200),
  },
  {
    id: "translations-create",
    tag: "(11i)",
    label: "apps/translation-api as (10b), one file: POST /translations (local Bedrock)",
    source: tunedApp("translation-api", false),
    event: createTranslationEvent,
    check: httpStatus(201),
  },
  {
    id: "translations-create-split",
    tag: "(11j)",
    label: "(11i) split: translation-api POST /translations (local Bedrock)",
    source: tunedApp("translation-api", true),
    event: createTranslationEvent,
    check: httpStatus(201),
  },
  {
    id: "users-api-split",
    tag: "(11k)",
    label: "(10a) split: users-api GET /users/{id}",
    source: tunedApp("users-api", true),
    event: getUserEvent,
    check: httpStatus(200),
  },
  // (12): the central facade again, as `aws` of @org/aws, every client loaded on first use.
  {
    id: "facade-on-use",
    tag: "(12)",
    label:
      "`aws.documentClient` of @org/aws (the facade, clients loaded on first use), lean, split",
    source: handler("facade-on-use", true, false, false, true),
    event: dynamoEvent,
    check: readTheUser,
  },
  // (13): (3) through a keyed client, `documentClient.for({ key })`.
  {
    id: "aws-dynamo-keyed",
    tag: "(13)",
    label: "`documentClient.for({ key }).client` (a keyed client, looked up per call)",
    source: handler("aws-dynamo-keyed"),
    event: dynamoEvent,
    check: readTheUser,
  }, // (14): the recipe as one call: the handler of (9w), the best hand-assembled row, built by
  // buildLambda() with its defaults (lean, split, exec wrapper, compile cache).
  {
    id: "build-lambda-defaults",
    tag: "(14)",
    label: "(9)'s handler built by `buildLambda()` with its defaults (lean, split, wrapper, cache)",
    source: {
      kind: "build-lambda",
      file: repoPath("bench", "fixtures", "handlers", "aws-dynamo-primed.ts"),
      lean: true,
      compileCache: true,
      execWrapper: true,
      splitting: true,
    },
    event: dynamoEvent,
    check: readTheUser,
  },
];

/** The variant the others are compared with. */
export const BASELINE_ID = "hand-written";
