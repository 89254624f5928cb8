import { type core, safeParse, type ZodMiniType } from "zod/mini";

type ZodMiniIssue = core.$ZodIssue;

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
  throw new BadRequestError("Invalid request", {
    details: result.error.issues.map(describeIssue),
  });
}

// zod/mini ships no message texts: its default is "Invalid input", so say what is unknown
// (a few names, cut short: they are the caller's own text).
function describeIssue(issue: ZodMiniIssue): string {
  const where = issue.path.join(".").slice(0, 64) || "body";
  if (issue.code !== "unrecognized_keys") return `${where}: ${issue.message}`;
  const names = issue.keys.slice(0, 5).map((key) => key.slice(0, 64));
  return `${where}: unknown field(s) ${names.join(", ")}`;
}
