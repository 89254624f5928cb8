import { AwsCoreError, type AwsCoreErrorOptions } from "@org/aws-core";

/** Options of {@link CognitoError}: those of `AwsCoreError`, and the groups a refusal was about. */
export interface CognitoErrorOptions extends AwsCoreErrorOptions {
  /** For a user outside the required groups (kind `forbidden`): the groups, one of which was needed. */
  readonly requiredGroups?: readonly string[] | undefined;
}

// The options of a subclass: its kind is its own, so it takes none.
type FixedKindOptions = Omit<CognitoErrorOptions, "kind" | "requiredGroups">;

/**
 * The one error class of `@org/aws-cognito` (it extends `AwsCoreError` of `@org/aws-core`):
 * everything this package throws while finding or checking a user is one, the error it
 * came from kept as `cause`. Branch on `kind`; `httpStatusOf(kind)` of `@org/aws-core` gives
 * the status:
 *
 * - `unauthorized` (401): no credentials, or credentials that could not be verified;
 * - `forbidden` (403): a valid user outside the required groups (`requiredGroups`), or not
 *   the owner;
 * - `unavailable` (503): Cognito or the user pool's keys (JWKS) out of reach, or failing;
 * - `throttled` (429): Cognito still throttling after the SDK's retries;
 * - `timeout` (504): stopped at the invocation's deadline (`withInvocation`);
 * - `internal` (500): a misconfiguration (no user pool id, a missing SDK package, a JWKS
 *   that is not one).
 *
 * `message` says why, for logs (never the token); `safeMessage` is the kind's generic
 * message ("Unauthorized", "Forbidden", "Service Unavailable"...), the same for every failure
 * of a kind, and never holds a client id, pool id, issuer or token. `name` tells the cases
 * apart in logs (`"CognitoUnauthorizedError"`, `"CognitoForbiddenError"`,
 * `"CognitoUnavailableError"`, `"CognitoError"`).
 *
 * @example
 * ```ts
 * import { CognitoError, getUserFromEvent } from "@org/aws-cognito";
 * import { httpStatusOf } from "@org/aws-core";
 *
 * try {
 *   const user = await getUserFromEvent(event, { requiredGroups: ["admins"] });
 * } catch (error) {
 *   if (!(error instanceof CognitoError)) throw error;
 *   if (error.kind === "forbidden") console.warn("needs one of", error.requiredGroups);
 *   return { statusCode: httpStatusOf(error.kind), body: error.safeMessage };
 * }
 * ```
 */
export class CognitoError extends AwsCoreError {
  override readonly name: string = "CognitoError";
  /** The groups one of which the user had to be in (kind `forbidden`); empty otherwise. */
  readonly requiredGroups: readonly string[];

  constructor(message: string, options: CognitoErrorOptions = {}) {
    const { requiredGroups = [], ...rest } = options;
    super(message, rest);
    this.requiredGroups = Object.freeze([...requiredGroups]);
  }
}

/**
 * No credentials, or credentials that could not be verified (malformed, expired, wrong
 * signature, issuer, client or token use), or refused by Cognito. Kind `unauthorized` (401).
 * Not exported: users see a `CognitoError` of this kind.
 */
export class CognitoUnauthorizedError extends CognitoError {
  override readonly name: string = "CognitoUnauthorizedError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "unauthorized" });
  }
}

/**
 * Valid credentials of a user who may not do this: not in a required group
 * (`requiredGroups`), or not the owner. Kind `forbidden` (403).
 * Not exported: users see a `CognitoError` of this kind.
 */
export class CognitoForbiddenError extends CognitoError {
  override readonly name: string = "CognitoForbiddenError";
  constructor(message: string, options: Omit<CognitoErrorOptions, "kind"> = {}) {
    super(message, { ...options, kind: "forbidden" });
  }
}

/**
 * Cognito, or the user pool's JWKS, is out of reach or failing (connection refused or reset,
 * a request timeout, a 5xx answer): the server's problem, not the caller's. Kind
 * `unavailable` (503).
 * Not exported: users see a `CognitoError` of this kind.
 */
export class CognitoUnavailableError extends CognitoError {
  override readonly name: string = "CognitoUnavailableError";
  constructor(message: string, options: FixedKindOptions = {}) {
    super(message, { ...options, kind: "unavailable" });
  }
}

/**
 * An error of `@org/aws-core` (a missing setting, a client that failed to load, the
 * invocation's deadline) as a {@link CognitoError} of the same kind; anything else as one of
 * kind `internal`. The original is the `cause`.
 */
export function asCognitoError(error: unknown, what: string): CognitoError {
  if (error instanceof CognitoError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const kind = error instanceof AwsCoreError ? error.kind : "internal";
  return new CognitoError(`${what}: ${reason}`, { kind, cause: error });
}
