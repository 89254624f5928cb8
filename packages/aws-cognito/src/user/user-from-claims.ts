import type { ClaimsForm } from "../authorizer/authorizer-claims";
import { CognitoForbiddenError, CognitoUnauthorizedError } from "../errors";
import type { User, UserOptions } from "./types";

/**
 * The user's groups, from the `cognito:groups` claim, read by the form the claims came in
 * (see {@link ClaimsForm}):
 *
 * - `"token"` (a token verified here, or accepted by Cognito): an array, taken as it is;
 * - `"http-api"` (an HTTP API JWT authorizer renders an array claim as `"[editors admins]"`):
 *   one pair of enclosing brackets is stripped and the rest is split on whitespace only;
 * - `"rest"` (a REST API Cognito authorizer renders it as `"editors,admins"`): split on commas
 *   only; brackets are part of a name there, so `"[admins]"` is the group `[admins]`.
 *
 * An array is taken as it is in every form. Cognito group names may contain punctuation
 * (commas and brackets included) but no whitespace, so in the HTTP API form a comma is part
 * of a name: `"[editors,admins]"` is the one group `editors,admins`, never a member of
 * `admins`. In the REST form a comma in a name cannot be told from a separator: keep commas
 * out of the names of groups that grant access.
 */
function parseGroups(value: unknown, form: ClaimsForm): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value) && value.every((g) => typeof g === "string")) return value;
  if (typeof value === "string" && form !== "token") {
    const names =
      form === "http-api"
        ? (/^\[(.*)\]$/s.exec(value)?.[1] ?? value).split(/\s+/)
        : value.split(",");
    return names.map((name) => name.trim()).filter(Boolean);
  }
  throw new CognitoUnauthorizedError("Invalid claims: cognito:groups has the wrong type");
}

function optionalString(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw new CognitoUnauthorizedError(`Invalid claims: ${name} is not a string`);
  return value;
}

function expectedTokenUse(option: UserOptions["tokenUse"]): string | null {
  if (option !== undefined) return option;
  return process.env.COGNITO_TOKEN_USE || "access";
}

/**
 * Builds the normalised {@link User} from claims in the given form, checking their types and
 * `token_use`, and enforces `requiredGroups` (at least one).
 */
export function userFromClaims(
  claims: Record<string, unknown>,
  form: ClaimsForm,
  options: UserOptions = {},
): User {
  const tokenUse = expectedTokenUse(options.tokenUse);
  if (tokenUse !== null && claims.token_use !== tokenUse) {
    throw new CognitoUnauthorizedError(
      `Invalid claims: token_use is ${JSON.stringify(claims.token_use)}, expected "${tokenUse}"`,
    );
  }
  const requiredGroups = options.requiredGroups ?? [];
  const id = optionalString(claims, "sub");
  if (!id) throw new CognitoUnauthorizedError("Invalid claims: no sub");
  const username =
    optionalString(claims, "username") ?? optionalString(claims, "cognito:username") ?? id;
  const groups = parseGroups(claims["cognito:groups"], form);
  if (requiredGroups.length && !requiredGroups.some((group) => groups.includes(group))) {
    throw new CognitoForbiddenError(
      `The user is not in a required group (${requiredGroups.join(", ")})`,
      { requiredGroups },
    );
  }
  return { id, username, email: optionalString(claims, "email"), groups, claims };
}
