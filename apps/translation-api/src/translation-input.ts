import * as z from "zod/mini";
import { DIRECTIONS } from "./directions";

/** Longest text one request may translate. */
export const MAX_TEXT_LENGTH = 1_000;

/** The body of `POST /translations`; unknown fields are refused. */
export const TranslationInput = z.strictObject({
  text: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "text is empty"),
      z.maxLength(MAX_TEXT_LENGTH, `text is over ${MAX_TEXT_LENGTH} characters`),
    ),
  direction: z.enum(DIRECTIONS, { error: `direction must be one of ${DIRECTIONS.join(", ")}` }),
});
export type TranslationInput = z.infer<typeof TranslationInput>;

/** The query of `GET /translations`. */
export const HistoryQuery = z.object({
  limit: z._default(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 20),
  cursor: z.optional(z.string().check(z.maxLength(2_000))),
});
