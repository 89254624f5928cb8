import { CognitoForbiddenError } from "../errors";
import type { User } from "../user/types";

/** Options of {@link assertOwner}. */
export interface OwnerOptions {
  /** Members of any of these groups may access what others own (e.g. `["admins"]`). */
  readonly orGroups?: readonly string[] | undefined;
}

/**
 * Lets a user touch only what they own: `ownerId` must be the user's id (the `sub` claim),
 * unless the user is in one of `orGroups`. Anything else is a `CognitoError` of kind
 * `forbidden` (403), whose `safeMessage` does not say whether the resource exists.
 *
 * @example
 * ```ts
 * import { assertOwner, requireUser } from "@org/aws-cognito/authorizer";
 *
 * const user = requireUser(event);
 * assertOwner(user, event.pathParameters?.id); // only their own profile
 * assertOwner(user, event.pathParameters?.id, { orGroups: ["admins"] }); // or any, for admins
 * ```
 */
export function assertOwner(
  user: User,
  ownerId: string | undefined,
  options: OwnerOptions = {},
): void {
  if (ownerId !== undefined && ownerId === user.id) return;
  const groups = options.orGroups ?? [];
  if (groups.some((group) => user.groups.includes(group))) return;
  throw new CognitoForbiddenError(
    `User ${user.id} may not access what ${JSON.stringify(ownerId)} owns` +
      (groups.length ? ` (not in ${groups.join(", ")})` : ""),
    { requiredGroups: groups },
  );
}
