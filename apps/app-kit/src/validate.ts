import { safeParse, type ZodMiniType } from "zod/mini";
import { BadRequestError } from "./http-errors";

/**
 * Parses `value` with a zod schema (zod/mini: the tree-shakeable build, a few KB in a
 * bundle instead of hundreds); a refusal is a 400 listing each problem.
 *
 * @example
 * ```ts
 * const input = validate(TranslationInput, request.json());
 * ```
 */
export function validate<T>(schema: ZodMiniType<T>, value: unknown): T {
  const result = safeParse(schema, value);
  if (result.success) return result.data;
  throw new BadRequestError(
    "Invalid request",
    result.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`),
  );
}
