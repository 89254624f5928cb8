import { ForbiddenError, UnauthorizedError } from "../errors";
import type { User } from "./types";

/**
 * Groups come as an array from a verified token, as `"admin,users"` from a REST API
 * authorizer, and as `"[admin users]"` from an HTTP API JWT authorizer.
 */
function parseGroups(value: unknown): string[] {
  if (value === undefined || value === null || value === "") return [];
  if (Array.isArray(value) && value.every((g) => typeof g === "string")) return value;
  if (typeof value === "string") {
    return value
      .replace(/^\[|\]$/g, "")
      .split(/[\s,]+/)
      .filter(Boolean);
  }
  throw new UnauthorizedError("Invalid claims: cognito:groups has the wrong type");
}

function optionalString(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string")
    throw new UnauthorizedError(`Invalid claims: ${name} is not a string`);
  return value;
}

/**
 * Builds the normalised {@link User} from claims, checking their types, and enforces
 * `requiredGroups` (at least one).
 */
export function userFromClaims(
  claims: Record<string, unknown>,
  requiredGroups: readonly string[] = [],
): User {
  const id = optionalString(claims, "sub");
  if (!id) throw new UnauthorizedError("Invalid claims: no sub");
  const username =
    optionalString(claims, "username") ?? optionalString(claims, "cognito:username") ?? id;
  const groups = parseGroups(claims["cognito:groups"]);
  if (requiredGroups.length && !requiredGroups.some((group) => groups.includes(group))) {
    throw new ForbiddenError(
      `The user is not in a required group (${requiredGroups.join(", ")})`,
      requiredGroups,
    );
  }
  return { id, username, email: optionalString(claims, "email"), groups, claims };
}
