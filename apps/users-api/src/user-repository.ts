import { BaseRepository, type DocumentClientOption } from "@org/aws-dynamo";
import * as z from "zod/mini";

/** RFC 5321's limit on the length of an address. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_NAME_LENGTH = 200;

/** A user profile; `id` is the user's Cognito `sub`. */
export const User = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  email: z.email().check(z.maxLength(MAX_EMAIL_LENGTH)),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(MAX_NAME_LENGTH)),
});
export type User = z.infer<typeof User>;

/**
 * Users in the single table: `PK = SK = USER#<id>`. A user is the tenant of their own
 * partition. It sends on `documentClient`, or on `client`: a user's own client, whose
 * credentials reach that user's partition only (see `tenant-client.ts`).
 *
 * @example
 * ```ts
 * const users = new UserRepository();
 * const profile = await users.getUser("ada-1");
 * ```
 */
export class UserRepository extends BaseRepository<User> {
  constructor(
    table: () => string = () => process.env.TABLE_NAME ?? "",
    client?: DocumentClientOption,
  ) {
    super({ table, prefix: "USER", id: (user) => user.id, schema: User, client });
  }

  getUser(id: string) {
    return this.get({ id });
  }
}
