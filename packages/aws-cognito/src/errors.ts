import { AwsCoreError, type ErrorKind } from "@org/aws-core";

/**
 * Base class of the authentication errors; `statusCode` is the HTTP status to answer with.
 * `message` says why, for logs (never the token itself); `safeMessage` is the same for every
 * failure of a kind ("Unauthorized", "Forbidden"), so a caller learns nothing about which
 * check refused them.
 *
 * @example
 * ```ts
 * try {
 *   const user = await getUserFromEvent(event);
 * } catch (error) {
 *   if (error instanceof AuthError) return { statusCode: error.statusCode, body: error.safeMessage };
 *   throw error;
 * }
 * ```
 */
export class AuthError extends AwsCoreError {
  override readonly name: string = "AuthError";
  constructor(
    message: string,
    readonly statusCode: 401 | 403,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  override get kind(): ErrorKind {
    return this.statusCode === 401 ? "unauthorized" : "forbidden";
  }
}

/**
 * No credentials, or credentials that could not be verified (malformed, expired, wrong
 * signature, issuer, client or token use). Answer 401.
 *
 * @example
 * ```ts
 * if (error instanceof UnauthorizedError) return { statusCode: 401 };
 * ```
 */
export class UnauthorizedError extends AuthError {
  override readonly name: string = "UnauthorizedError";
  constructor(message: string, options?: ErrorOptions) {
    super(message, 401, options);
  }
}

/**
 * Valid credentials of a user who is not in a required group. Answer 403.
 *
 * @example
 * ```ts
 * if (error instanceof ForbiddenError) return { statusCode: 403 };
 * ```
 */
export class ForbiddenError extends AuthError {
  override readonly name: string = "ForbiddenError";
  constructor(
    message: string,
    readonly requiredGroups: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, 403, options);
  }
}
