import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { Context } from "aws-lambda";

export type LogLevel = "DEBUG" | "INFO" | "WARN" | "ERROR";

/** The structured logger routes get: one JSON object per line, on stdout. */
export interface Logger {
  log(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The app's logger: Powertools for AWS Lambda's Logger, which writes JSON to stdout itself
 * (so Lambda neither prefixes nor wraps the lines), filters by `POWERTOOLS_LOG_LEVEL` or
 * Lambda's `AWS_LAMBDA_LOG_LEVEL`, and adds the request id and the cold-start flag to every
 * line of an invocation. Create it once per container; call {@link startInvocationLog} at
 * the start of each invocation.
 *
 * @example
 * ```ts
 * const logger = createLogger("users-api");
 * startInvocationLog(logger, context).info("user read", { userId });
 * ```
 */
export function createLogger(service: string): PowertoolsLogger {
  return new PowertoolsLogger({ serviceName: service });
}

/** Points the logger at this invocation (its request id, cold start) and returns its face for routes. */
export function startInvocationLog(logger: PowertoolsLogger, context: Context): Logger {
  logger.addContext(context);
  const log = (level: LogLevel, message: string, fields: Record<string, unknown> = {}) => {
    const method = level.toLowerCase() as "debug" | "info" | "warn" | "error";
    logger[method](message, fields);
  };
  return {
    log,
    info: (message, fields) => log("INFO", message, fields),
    error: (message, fields) => log("ERROR", message, fields),
  };
}
