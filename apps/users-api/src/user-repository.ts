import { BaseRepository } from "@org/aws-dynamo";
import * as z from "zod/mini";

/** A user profile. */
export const User = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(128)),
  email: z.email(),
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
});
export type User = z.infer<typeof User>;

/** The Python original's UserRepository: `PK = SK = USER#<id>`. */
export class UserRepository extends BaseRepository<User> {
  constructor(table: () => string = () => process.env.TABLE_NAME ?? "") {
    super({ table, prefix: "USER", id: (user) => user.id, schema: User });
  }

  getUser(id: string) {
    return this.get({ id });
  }
}
