import { AwsCoreError } from "@org/aws-core";

/**
 * A local stand-in could not be started or stopped; the message says what to install or
 * check, `output` holds the end of the process's own output.
 *
 * @example
 * ```ts
 * try {
 *   await startDynamoLocal();
 * } catch (error) {
 *   if (error instanceof LocalServiceError) console.error(error.message, error.output);
 * }
 * ```
 */
export class LocalServiceError extends AwsCoreError {
  override readonly name: string = "LocalServiceError";
  constructor(
    message: string,
    readonly output = "",
  ) {
    super(output ? `${message}\n--- last output ---\n${output}` : message);
  }
}
