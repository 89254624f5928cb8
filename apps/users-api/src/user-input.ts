import * as z from "zod/mini";
import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from "./user-repository";

/** The body of `PUT /users/...`; unknown fields are refused. */
export const UserUpdate = z.strictObject({
  email: z.email().check(z.maxLength(MAX_EMAIL_LENGTH)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
  /** The version read before; omit to create the profile. */
  version: z.optional(z.number().check(z.int(), z.positive(), z.maximum(Number.MAX_SAFE_INTEGER))),
});
export type UserUpdate = z.infer<typeof UserUpdate>;

/** What a user id is, as Cognito writes `sub` (a UUID): letters, digits, `_` and `-`. */
export const USER_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;

/** A user id as Cognito writes `sub`: letters, digits and dashes. */
export const UserId = z.string().check(z.regex(USER_ID_PATTERN, "not a user id"));
