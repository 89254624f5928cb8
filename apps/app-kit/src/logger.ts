/** Fields every log line of an invocation carries. */
export interface LogContext {
  readonly function: string;
  readonly requestId?: string | undefined;
  readonly coldStart?: boolean | undefined;
}

export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

/** A structured JSON logger: one JSON object per line, as CloudWatch Logs Insights likes. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A logger that adds `context` to every line.
 *
 * @example
 * ```ts
 * createLogger({ function: "users-api", requestId }).info("user read", { userId });
 * ```
 */
export function createLogger(
  context: LogContext,
  write: (line: string) => void = console.log,
): Logger {
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) =>
    write(
      JSON.stringify({
        level,
        message,
        timestamp: new Date().toISOString(),
        ...context,
        ...fields,
      }),
    );
  return {
    log,
    info: (message, fields) => log("INFO", message, fields),
    error: (message, fields) => log("ERROR", message, fields),
  };
}
