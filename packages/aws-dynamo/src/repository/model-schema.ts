import { DynamoValidationError } from "../errors";

/** The Standard Schema interface that zod (3.24+), valibot (1.0+) and arktype implement. */
export interface StandardSchema<T> {
  readonly "~standard": {
    readonly validate: (value: unknown) => StandardResult<T> | Promise<StandardResult<T>>;
  };
}

type StandardResult<T> =
  | { readonly value: T; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string;
        readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined;
      }>;
    };

/** A zod/valibot schema, or a function that returns the valid model or throws. */
export type ModelSchema<T> = StandardSchema<T> | ((value: unknown) => T);

/**
 * Validates `value` with `schema`; a refusal becomes a {@link DynamoValidationError} whose
 * `issues` are the schema's messages, prefixed with their path.
 */
export async function validateModel<T>(
  schema: ModelSchema<T>,
  value: unknown,
  context: { table: string; stage: "read" | "write" },
): Promise<T> {
  const fail = (issues: string[], cause?: unknown) =>
    new DynamoValidationError(
      `${context.stage === "write" ? "Refused to write" : "Stored item does not match"} the schema: ${issues.join("; ")}`,
      { table: context.table, issues, cause },
    );
  if (typeof schema === "function") {
    try {
      return schema(value);
    } catch (error) {
      throw fail([error instanceof Error ? error.message : String(error)], error);
    }
  }
  const result = await schema["~standard"].validate(value);
  if (result.issues) {
    throw fail(
      result.issues.map((issue) => {
        const path = (issue.path ?? [])
          .map((part) => String(typeof part === "object" ? part.key : part))
          .join(".");
        return path ? `${path}: ${issue.message}` : issue.message;
      }),
    );
  }
  return result.value;
}
