// A UserRepository on BaseRepository. In your code, import from
// "@org/aws-dynamo"; this example imports the sources so it is tested as it stands.
import { z } from "zod";
import { BaseRepository } from "../src/index";

/** A user as the application sees it; validated on every write and read. */
export const User = z.object({
  id: z.string().min(1),
  email: z.email(),
  name: z.string().min(1).max(200),
});
export type User = z.infer<typeof User>;

/** Users in the app's single table, keyed `PK = SK = "USER#<id>"`. */
export class UserRepository extends BaseRepository<User> {
  constructor(table: string | (() => string) = () => process.env.TABLE_NAME ?? "") {
    super({ table, prefix: "USER", id: (user) => user.id, schema: User });
  }

  /** The user, or `undefined`. */
  getUser(userId: string) {
    return this.get({ id: userId });
  }

  /** Changes the display name; a concurrent change in between is a DynamoConflictError. */
  rename(userId: string, name: string) {
    return this.update({ id: userId }, { name });
  }
}
