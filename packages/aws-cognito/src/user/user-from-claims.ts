import { CognitoForbiddenError, CognitoUnauthorizedError } from "../errors";
import type { User, UserOptions } from "./types";

/**
 * The user's groups, from the `cognito:groups` claim in any of the forms it comes in:
 *
 * - an array (a token verified here): taken as it is;
 * - `"[editors admins]"` (an HTTP API JWT authorizer, which renders an array claim in brackets,
 *   separated by spaces): the brackets are stripped and the rest is split on whitespace only;
 * - `"editors,admins"` (a REST API Cognito authorizer, no brackets): split on commas.
 *
 * Cognito group names may contain punctuation (commas included) but no whitespace, so in the
 * bracketed form a comma is part of a name: `"[editors,admins]"` is the one group
 * `editors,admins`, never a member of `admins`. In the REST form a comma in a name cannot be
 * told from a separator: keep commas out of the names of groups that grant access.
 */
function parseGroups(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value) && value.every((g) => typeof g === "string")) return value;
  if (typeof value === "string") {
    const bracketed = /^\[(.*)\]$/s.exec(value);
    const names = bracketed ? (bracketed[1] as string).split(/\s+/) : value.split(",");
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
 * Builds the normalised {@link User} from claims, checking their types and `token_use`, and
 * enforces `requiredGroups` (at least one).
 */
export function userFromClaims(claims: Record<string, unknown>, options: UserOptions = {}): User {
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
  const groups = parseGroups(claims["cognito:groups"]);
  if (requiredGroups.length && !requiredGroups.some((group) => groups.includes(group))) {
    throw new CognitoForbiddenError(
      `The user is not in a required group (${requiredGroups.join(", ")})`,
      requiredGroups,
    );
  }
  return { id, username, email: optionalString(claims, "email"), groups, claims };
}
