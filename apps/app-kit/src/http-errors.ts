import { AwsCoreError, type ErrorKind, httpStatusOf } from "@org/aws-core";

/**
 * An error a route throws on purpose. Its message is written for the caller, so it is also
 * its `safeMessage`; `details` lists what was wrong with the input.
 */
export class HttpError extends AwsCoreError {
  override readonly name: string = "HttpError";
  readonly details: readonly string[] | undefined;
  constructor(
    message: string,
    options: { readonly kind: ErrorKind; readonly details?: readonly string[] | undefined },
  ) {
    super(message, { kind: options.kind, safeMessage: message });
    this.details = options.details;
  }
}

/** 400: the request is malformed or invalid; `details` lists what. */
export class BadRequestError extends HttpError {
  override readonly name: string = "BadRequestError";
  constructor(message: string, options: { readonly details?: readonly string[] } = {}) {
    super(message, { ...options, kind: "validation" });
  }
}

/** 404: nothing there. */
export class NotFoundHttpError extends HttpError {
  override readonly name: string = "NotFoundHttpError";
  constructor(message = "Not Found") {
    super(message, { kind: "not-found" });
  }
}

/**
 * The HTTP status for an error: by `kind` for the errors of the `@org/aws-*` packages and the
 * kit's own; 500 for anything else.
 */
export function statusOf(error: unknown): number {
  return error instanceof AwsCoreError ? httpStatusOf(error.kind) : 500;
}

/**
 * The body a caller gets for an error: only its `safeMessage` (and, for input errors, what
 * was wrong); never the detailed message, a stack or another library's text.
 */
export function safeBodyOf(error: unknown): { message: string; details?: readonly string[] } {
  if (!(error instanceof AwsCoreError)) return { message: "Internal Server Error" };
  const details = error instanceof HttpError ? error.details : undefined;
  return { message: error.safeMessage, ...(details?.length ? { details } : {}) };
}
