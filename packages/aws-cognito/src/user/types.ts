/** The signed-in user, the same shape whichever way it was found. */
export interface User {
  /** The user's stable id: the `sub` claim. */
  readonly id: string;
  /** The user name (`username`, or `cognito:username` in id tokens). */
  readonly username: string;
  /** The e-mail address, when the token or authorizer carries one. */
  readonly email?: string | undefined;
  /**
   * The user's groups (`cognito:groups`), always an array, whichever form the claim came in
   * (`["a","b"]` in a token, `"[a b]"` from an HTTP API authorizer, `"a,b"` from a REST one).
   */
  readonly groups: readonly string[];
  /** Every claim, as received. */
  readonly claims: Readonly<Record<string, unknown>>;
}

/** Options of `requireUser`, `getUserFromEvent` and `getUserFromToken`. */
export interface UserOptions {
  /** The user must be in at least one of these groups, else a `CognitoError` of kind `forbidden`. */
  readonly requiredGroups?: readonly string[] | undefined;
  /**
   * The `token_use` that claims from an API Gateway authorizer must have, else a
   * `CognitoError` of kind `unauthorized`. Default: `COGNITO_TOKEN_USE`, else `"access"`;
   * `null` skips the check.
   */
  readonly tokenUse?: "access" | "id" | null | undefined;
}
