import { BaseRepository } from "@org/aws-dynamo";
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

/** Users in the single table: `PK = SK = USER#<id>`. */
export class UserRepository extends BaseRepository<User> {
  constructor(table: () => string = () => process.env.TABLE_NAME ?? "") {
    super({ table, prefix: "USER", id: (user) => user.id, schema: User });
  }

  getUser(id: string) {
    return this.get({ id });
  }
}
