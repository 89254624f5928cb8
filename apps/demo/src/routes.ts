import { type AppApi, apiRoutes } from "@org/app-kit/api";
import type { Route } from "@org/local-lambda-runner";
import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";

/** The sample apps, each with its routes and who may call them. */
export const APPS: readonly AppApi[] = [translationApi, usersApi];

/**
 * The local HTTP API's routes, from the same descriptions the CDK app deploys: a `jwt` route
 * gets the runner's JWT authorizer, as it gets API Gateway's in AWS.
 */
export const ROUTES: readonly Route[] = APPS.flatMap((api) =>
  apiRoutes(api).map(({ method, path, auth }) => ({
    method,
    path,
    function: api.function,
    ...(auth.auth === "jwt" ? { authorization: { type: "jwt", scopes: auth.scopes } } : {}),
  })),
);
