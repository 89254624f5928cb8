import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { getUserFromEvent, getUserFromToken } from "@org/aws-cognito";
import { AwsCoreError, resetAll } from "@org/aws-core";
import { createTestTokenIssuer, httpApiEvent, lambdaContext } from "@org/aws-testing";
import { afterEach, describe, expect, it, vi } from "vitest";
// Every error module, from source: most of their classes are not exported by the package
// entries (handlers branch on `kind`), but each is still thrown, so each must answer right.
import * as bedrockErrors from "../../../packages/aws-bedrock/src/errors";
import * as cognitoErrors from "../../../packages/aws-cognito/src/errors";
import * as coreErrors from "../../../packages/aws-core/src/errors/errors";
import * as dynamoErrors from "../../../packages/aws-dynamo/src/errors";
import * as localErrors from "../../../packages/aws-testing/src/local/errors";
import * as httpErrors from "../src/http-errors";
import { createHttpHandler, defineApi, type Route } from "../src/index";

// The modules that define error classes, by where they live.
const ERROR_MODULES: Record<string, Record<string, unknown>> = {
  "packages/aws-core/src/errors/errors.ts": coreErrors,
  "packages/aws-dynamo/src/errors.ts": dynamoErrors,
  "packages/aws-cognito/src/errors.ts": cognitoErrors,
  "packages/aws-bedrock/src/errors.ts": bedrockErrors,
  "packages/aws-testing/src/local/errors.ts": localErrors,
  "apps/app-kit/src/http-errors.ts": httpErrors,
};

type ErrorClass = abstract new (...args: never[]) => Error;
const isErrorClass = (value: unknown): value is ErrorClass =>
  typeof value === "function" && (value === Error || value.prototype instanceof Error);

const definedErrorClasses = Object.values(ERROR_MODULES).flatMap((module) =>
  Object.entries(module).filter((entry): entry is [string, ErrorClass] => isErrorClass(entry[1])),
);

// Every error class each package defines, thrown through the kit's handler: the status its
// kind means, and a body that is exactly its safe message (plus, for input errors of the kit,
// what was wrong): never a table, key, client or pool id, model id, token or detail text.
const table = { table: "secret-table", key: { PK: "USER#secret" } };
const model = { modelId: "model-x" };

interface Case {
  readonly error: Error;
  readonly status: number;
  readonly body: Record<string, unknown>;
}
const answers = (error: Error, status: number, message: string, details?: string[]): Case => ({
  error,
  status,
  body: details ? { message, details } : { message },
});

const CASES: Record<string, Case> = {
  // @org/aws-core
  AwsCoreError: answers(new coreErrors.AwsCoreError("detail"), 500, "Internal Server Error"),
  "AwsCoreError (kind not-found)": answers(
    new coreErrors.AwsCoreError("detail", { kind: "not-found" }),
    404,
    "Not Found",
  ),
  InvalidConfigError: answers(
    new coreErrors.InvalidConfigError("Invalid requestTimeout: detail", {
      setting: "requestTimeout",
    }),
    500,
    "Internal Server Error",
  ),
  "InvalidConfigError.invalid": answers(
    coreErrors.InvalidConfigError.invalid("userPoolId", "secret-pool", "a pool id"),
    500,
    "Internal Server Error",
  ),
  "InvalidConfigError.tooLate": answers(
    coreErrors.InvalidConfigError.tooLate(["s3"]),
    500,
    "Internal Server Error",
  ),
  SingletonCreationError: answers(
    new coreErrors.SingletonCreationError('Creating "s3" failed: detail', {
      cause: new Error("secret"),
    }),
    500,
    "Internal Server Error",
  ),
  InvocationTimeoutError: answers(
    coreErrors.InvocationTimeoutError.of("dynamodb", "GetItem", 1200),
    504,
    "Gateway Timeout",
  ),

  // @org/aws-dynamo
  DynamoError: answers(new dynamoErrors.DynamoError("detail", table), 500, "Internal Server Error"),
  "DynamoError (kind unavailable)": answers(
    new dynamoErrors.DynamoError("detail", { ...table, kind: "unavailable" }),
    503,
    "Service Unavailable",
  ),
  DynamoNotFoundError: answers(
    new dynamoErrors.DynamoNotFoundError("detail", table),
    404,
    "Not Found",
  ),
  DynamoConflictError: answers(
    new dynamoErrors.DynamoConflictError("detail", table),
    409,
    "The resource already exists or was changed since it was read",
  ),
  DynamoValidationError: answers(
    new dynamoErrors.DynamoValidationError("detail", { ...table, issues: ["secret: detail"] }),
    400,
    "Invalid request",
  ),
  DynamoItemTooLargeError: answers(
    new dynamoErrors.DynamoItemTooLargeError("detail", table),
    400,
    "The resource is too large",
  ),
  DynamoInvalidCursorError: answers(
    new dynamoErrors.DynamoInvalidCursorError("detail", table),
    400,
    "Invalid pagination cursor",
  ),
  DynamoThrottledError: answers(
    new dynamoErrors.DynamoThrottledError("detail", table),
    429,
    "Too Many Requests",
  ),
  DynamoUnavailableError: answers(
    new dynamoErrors.DynamoUnavailableError("connect ECONNREFUSED", table),
    503,
    "Service Unavailable",
  ),
  DynamoBatchIncompleteError: answers(
    new dynamoErrors.DynamoBatchIncompleteError("detail", {
      ...table,
      operation: "write",
      unprocessedKeys: [table.key],
      attempts: 8,
    }),
    429,
    "Too Many Requests",
  ),
  DynamoTransactionCancelledError: answers(
    new dynamoErrors.DynamoTransactionCancelledError("detail", {
      reasons: [undefined, new dynamoErrors.DynamoConflictError("detail", table)],
    }),
    409,
    "Conflict",
  ),

  // @org/aws-cognito: one exported class, CognitoError, in each of its kinds
  "CognitoError (kind unauthorized)": answers(
    new cognitoErrors.CognitoError("detail client abc", { kind: "unauthorized" }),
    401,
    "Unauthorized",
  ),
  "CognitoError (kind forbidden)": answers(
    new cognitoErrors.CognitoError("not in admins", {
      kind: "forbidden",
      requiredGroups: ["admins"],
    }),
    403,
    "Forbidden",
  ),
  "CognitoError (kind unavailable)": answers(
    new cognitoErrors.CognitoError("JWKS of secret-pool: detail", { kind: "unavailable" }),
    503,
    "Service Unavailable",
  ),
  CognitoError: answers(new cognitoErrors.CognitoError("detail"), 500, "Internal Server Error"),
  CognitoUnauthorizedError: answers(
    new cognitoErrors.CognitoUnauthorizedError("client abc"),
    401,
    "Unauthorized",
  ),
  CognitoForbiddenError: answers(
    new cognitoErrors.CognitoForbiddenError("not in admins", { requiredGroups: ["admins"] }),
    403,
    "Forbidden",
  ),
  CognitoUnavailableError: answers(
    new cognitoErrors.CognitoUnavailableError("JWKS of secret-pool: detail"),
    503,
    "Service Unavailable",
  ),

  // @org/aws-bedrock
  BedrockError: answers(
    new bedrockErrors.BedrockError("detail", model),
    500,
    "Internal Server Error",
  ),
  BedrockThrottledError: answers(
    new bedrockErrors.BedrockThrottledError("detail", model),
    429,
    "Too Many Requests",
  ),
  BedrockValidationError: answers(
    new bedrockErrors.BedrockValidationError("detail", model),
    400,
    "The model could not process this request",
  ),
  BedrockAccessDeniedError: answers(
    new bedrockErrors.BedrockAccessDeniedError("detail", model),
    500,
    "Internal Server Error",
  ),
  BedrockModelNotReadyError: answers(
    new bedrockErrors.BedrockModelNotReadyError("detail", model),
    503,
    "Service Unavailable",
  ),
  BedrockModelTimeoutError: answers(
    new bedrockErrors.BedrockModelTimeoutError("detail", model),
    504,
    "Gateway Timeout",
  ),
  BedrockModelStreamError: answers(
    new bedrockErrors.BedrockModelStreamError("detail", model),
    503,
    "Service Unavailable",
  ),
  BedrockUnavailableError: answers(
    new bedrockErrors.BedrockUnavailableError("detail", model),
    503,
    "Service Unavailable",
  ),
  BedrockModelNotFoundError: answers(
    new bedrockErrors.BedrockModelNotFoundError("detail", model),
    500,
    "Internal Server Error",
  ),
  BedrockConflictError: answers(
    new bedrockErrors.BedrockConflictError("detail", model),
    409,
    "Conflict",
  ),

  // @org/aws-testing (a local stand-in that did not start, should an app's code meet one)
  LocalServiceError: answers(
    new localErrors.LocalServiceError("detail", { output: "secret output" }),
    500,
    "Internal Server Error",
  ),

  // The kit's own: their message is written for the caller.
  HttpError: answers(
    new httpErrors.HttpError("Try again later", { kind: "throttled" }),
    429,
    "Try again later",
  ),
  BadRequestError: answers(
    new httpErrors.BadRequestError("Invalid request", { details: ["name: too long"] }),
    400,
    "Invalid request",
    ["name: too long"],
  ),
  NotFoundHttpError: answers(new httpErrors.NotFoundHttpError(), 404, "Not Found"),
};

// What no body may hold: the tables, keys, client and pool ids, model id, the detailed
// messages, the output and issues above.
const LEAKS =
  /secret|\bdetail\b|model-x|abc|admins|s3|dynamodb|GetItem|ECONNREFUSED|requestTimeout/;

const api = defineApi({
  function: "contract",
  runtime: "nodejs24.x",
  routes: { "GET /throw": { auth: "public" } },
});

/** One request to a kit handler whose only route is `route`; Powertools' output silenced. */
async function callRoute(route: Route, event = httpApiEvent({ path: "/throw" })) {
  const handler = createHttpHandler(api, { "GET /throw": route });
  const quiet = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    return await handler(event, lambdaContext());
  } finally {
    quiet.mockRestore();
  }
}

/** The class names `class X extends Y` declares in every package's and the kit's sources. */
function declaredErrorClassNames(): string[] {
  const root = fileURLToPath(new URL("../../../", import.meta.url));
  const dirs = [
    ...readdirSync(`${root}packages`).map((name) => `packages/${name}/src`),
    "apps/app-kit/src",
  ].filter((dir) => existsSync(`${root}${dir}`));
  const names: string[] = [];
  for (const dir of dirs) {
    for (const file of readdirSync(`${root}${dir}`, { recursive: true, encoding: "utf8" })) {
      if (!/\.m?ts$/.test(file)) continue;
      const source = readFileSync(`${root}${dir}/${file}`, "utf8");
      for (const [, name, base] of source.matchAll(/\bclass\s+(\w+)\s+extends\s+([\w.]+)/g)) {
        if (name && base && /Error$/.test(base)) names.push(name);
      }
    }
  }
  return names;
}

describe("the error contract", () => {
  it("covers every error class the packages and the kit define, each an AwsCoreError", () => {
    const defined = definedErrorClasses.map(([name]) => name);
    // Nothing defined outside the error modules imported above.
    expect(new Set(declaredErrorClassNames())).toEqual(new Set(defined));
    const thrown = new Set(Object.values(CASES).map(({ error }) => error.name));
    for (const [name, Class] of definedErrorClasses) {
      expect(
        Class === coreErrors.AwsCoreError || Class.prototype instanceof AwsCoreError,
        name,
      ).toBe(true);
      // Each class has a case, and its `name` is the class's own (minified bundles keep it).
      expect(thrown.has(name), `a case for ${name}`).toBe(true);
    }
    for (const [label, { error }] of Object.entries(CASES)) {
      expect(defined, label).toContain(error.name);
      expect(error, label).toBeInstanceOf(AwsCoreError);
    }
  });

  it.each(Object.entries(CASES))(
    "%s answers the status of its kind with its safe message only",
    async (label, { error, status, body }) => {
      const result = await callRoute(() => {
        throw error;
      });
      expect(result.statusCode, label).toBe(status);
      expect(JSON.parse(result.body ?? "null"), label).toEqual(body);
      expect(body.message, label).toBe((error as AwsCoreError).safeMessage);
      expect(result.body, label).not.toMatch(LEAKS);
    },
  );
});

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

// The real SDK client and the real JWKS fetcher, no mock: what a caller gets when Cognito,
// or its keys, cannot be reached.
describe("the error contract, end to end: Cognito out of reach", () => {
  const issuer = createTestTokenIssuer({
    userPoolId: "eu-west-1_Secret123",
    clientId: "secretclient",
  });
  const outOfReach = async () => {
    const port = await closedPort();
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
    vi.stubEnv("COGNITO_USER_POOL_ID", issuer.userPoolId);
    vi.stubEnv("COGNITO_CLIENT_ID", issuer.clientId);
    // Both Cognito's API and the JWKS are fetched from this endpoint when it is set.
    vi.stubEnv("AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER", `http://127.0.0.1:${port}`);
    return port;
  };
  afterEach(() => {
    vi.unstubAllEnvs();
    resetAll();
  });

  const expectUnavailable = (
    result: Awaited<ReturnType<typeof callRoute>>,
    token: string,
    port: number,
  ) => {
    expect(result.statusCode).toBe(503);
    expect(result.body).toBe('{"message":"Service Unavailable"}');
    for (const secret of [token, issuer.userPoolId, issuer.clientId, String(port), "ECONNREFUSED"])
      expect(result.body).not.toContain(secret);
  };

  it("getUserFromToken with Cognito out of reach: 503, safe body", async () => {
    const port = await outOfReach();
    const token = issuer.sign({ username: "ada" });
    const result = await callRoute(async () => ({
      statusCode: 200,
      body: await getUserFromToken(token),
    }));
    expectUnavailable(result, token, port);
  }, 15_000);

  it("getUserFromEvent with a Bearer token and the JWKS out of reach: 503, safe body", async () => {
    const port = await outOfReach();
    const token = issuer.sign({ username: "ada" });
    const event = httpApiEvent({ path: "/throw", headers: { authorization: `Bearer ${token}` } });
    const result = await callRoute(
      async (request) => ({ statusCode: 200, body: await getUserFromEvent(request.event) }),
      event,
    );
    expectUnavailable(result, token, port);
  }, 15_000);
});
