import { AwsCoreError, type AwsCoreErrorOptions } from "@org/aws-core";

/** Options of {@link LocalServiceError}. */
export interface LocalServiceErrorOptions extends AwsCoreErrorOptions {
  /** The end of the process's own output, when it had any. */
  readonly output?: string | undefined;
}

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
  /** The end of the process's own output (empty when there was none). */
  readonly output: string;

  constructor(message: string, options: LocalServiceErrorOptions = {}) {
    const { output = "", ...errorOptions } = options;
    super(output ? `${message}\n--- last output ---\n${output}` : message, errorOptions);
    this.output = output;
  }
}
