import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleEnvironment } from "@org/app-kit/bundle-environment";
import { httpApiEvent } from "@org/aws-testing";
import { type LocalRunner, startLocalRunner } from "@org/local-lambda-runner";
import { usersApi } from "../src/api";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/**
 * The built users-api (dist/, as deployed) in the local runner, its DynamoDB at `dynamoUrl`,
 * a table named "users"; logs off. `env` adds to (or overrides) its environment.
 */
export function startBuiltUsersApi(
  dynamoUrl: string,
  timeoutMs: number,
  env: Readonly<Record<string, string>> = {},
): Promise<LocalRunner> {
  if (!existsSync(`${dist}/index.mjs`))
    throw new Error('apps/users-api/dist is missing: run "pnpm build"');
  return startLocalRunner({
    functions: {
      "users-api": {
        bundleDir: dist,
        runtime: usersApi.runtime,
        timeoutMs,
        env: {
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_ENDPOINT_URL_DYNAMODB: dynamoUrl,
          TABLE_NAME: "users",
          POWERTOOLS_LOG_LEVEL: "SILENT",
          ...bundleEnvironment(dist),
          ...env,
        },
      },
    },
    log: false,
  });
}

/** `GET` or `PUT /users/me` as user u-1, as the HTTP API passes it on after its authorizer. */
export function ownProfileEvent(method: "GET" | "PUT", body?: unknown) {
  return userProfileEvent("u-1", method, body);
}

/**
 * `GET` or `PUT /users/me` as the user `userId` (their JWT's `sub`), as the HTTP API passes
 * it on after its authorizer.
 */
export function userProfileEvent(userId: string, method: "GET" | "PUT", body?: unknown) {
  return httpApiEvent({
    method,
    path: "/users/me",
    body,
    claims: { sub: userId, username: userId },
  });
}
