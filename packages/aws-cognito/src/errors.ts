import { AwsCoreError, type AwsCoreErrorOptions, type ErrorKind } from "@org/aws-core";

/**
 * Base class of the authentication errors, of kind `unauthorized` (401) or `forbidden`
 * (403). `message` says why, for logs (never the token itself); `safeMessage` is the same for
 * every failure of a kind ("Unauthorized", "Forbidden"), so a caller learns nothing about
 * which check refused them.
 *
 * @example
 * ```ts
 * import { httpStatusOf } from "@org/aws-core";
 *
 * try {
 *   const user = await getUserFromEvent(event);
 * } catch (error) {
 *   if (error instanceof CognitoAuthError) {
 *     return { statusCode: httpStatusOf(error.kind), body: error.safeMessage };
 *   }
 *   throw error;
 * }
 * ```
 */
export class CognitoAuthError extends AwsCoreError {
  override readonly name: string = "CognitoAuthError";
  constructor(
    message: string,
    options: AwsCoreErrorOptions & {
      readonly kind: Extract<ErrorKind, "unauthorized" | "forbidden">;
    },
  ) {
    super(message, options);
  }
}

/**
 * No credentials, or credentials that could not be verified (malformed, expired, wrong
 * signature, issuer, client or token use). Kind `unauthorized` (401).
 *
 * @example
 * ```ts
 * if (error instanceof CognitoUnauthorizedError) return { statusCode: 401 };
 * ```
 */
export class CognitoUnauthorizedError extends CognitoAuthError {
  override readonly name: string = "CognitoUnauthorizedError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, { ...options, kind: "unauthorized" });
  }
}

/**
 * Valid credentials of a user who may not do this: not in a required group, or not the
 * owner. Kind `forbidden` (403).
 *
 * @example
 * ```ts
 * if (error instanceof CognitoForbiddenError) return { statusCode: 403 };
 * ```
 */
export class CognitoForbiddenError extends CognitoAuthError {
  override readonly name: string = "CognitoForbiddenError";
  constructor(
    message: string,
    readonly requiredGroups: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, { ...options, kind: "forbidden" });
  }
}
