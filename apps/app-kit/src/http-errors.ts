/** An error that is the caller's fault, answered with its status and message. */
export class HttpError extends Error {
  override readonly name: string = "HttpError";
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** 400: the request is malformed or invalid; `details` lists what. */
export class BadRequestError extends HttpError {
  override readonly name: string = "BadRequestError";
  constructor(message: string, details?: unknown) {
    super(400, message, details);
  }
}

/** 404: nothing there. */
export class NotFoundHttpError extends HttpError {
  override readonly name: string = "NotFoundHttpError";
  constructor(message = "Not found") {
    super(404, message);
  }
}

// The typed errors of the @org/aws-* packages, by name, so the kit needs none of them (a
// users-api bundle must not contain Cognito or Bedrock code).
const STATUS_BY_ERROR_NAME: Record<string, number> = {
  UnauthorizedError: 401,
  ForbiddenError: 403,
  NotFoundError: 404,
  ConflictError: 409,
  ValidationError: 400,
  ItemTooLargeError: 413,
  InvalidCursorError: 400,
  ThrottledError: 429,
  BedrockThrottledError: 429,
  ModelTimeoutError: 504,
};

/** The HTTP status for an error: 500 for anything not known to be the caller's fault. */
export function statusOf(error: unknown): number {
  if (error instanceof HttpError) return error.statusCode;
  const name = (error as { name?: unknown })?.name;
  return (typeof name === "string" && STATUS_BY_ERROR_NAME[name]) || 500;
}
