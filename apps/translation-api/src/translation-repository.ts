import { BaseRepository } from "@org/aws-dynamo";
import * as z from "zod/mini";
import { DIRECTIONS } from "./directions";

/** One translation in a user's history. */
export const Translation = z.object({
  id: z.string(),
  userId: z.string(),
  text: z.string(),
  translation: z.string(),
  direction: z.enum(DIRECTIONS),
  requestedAt: z.string(),
});
export type Translation = z.infer<typeof Translation>;

/** A user's translations: `PK = USER#<userId>`, `SK = TRANSLATION#<time>#<id>`. */
export class TranslationRepository extends BaseRepository<Translation> {
  constructor(table: () => string = () => process.env.TABLE_NAME ?? "") {
    super({
      table,
      prefix: "USER",
      id: (t) => t.userId,
      sort: { prefix: "TRANSLATION", value: (t) => `${t.requestedAt}#${t.id}` },
      schema: Translation,
    });
  }

  /** A page of the user's history, newest first. */
  history(userId: string, limit: number, cursor?: string) {
    return this.list(userId, { limit, cursor, order: "desc" });
  }
}
