/**
 * The JSON body Lambda returns for a failed invocation (`X-Amz-Function-Error: Unhandled`),
 * as produced by the runtime for handler errors or by Lambda itself for timeouts and crashes.
 */
export interface LambdaErrorPayload {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly trace?: readonly string[];
}

/** What Lambda returns when the function runs past its timeout. */
export function timeoutError(requestId: string, timeoutMs: number): LambdaErrorPayload {
  return {
    errorType: "Sandbox.Timedout",
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds(timeoutMs)} seconds`,
  };
}

/** What Lambda returns when the init phase (loading the handler) runs past its limit. */
export function initTimeoutError(requestId: string, initTimeoutMs: number): LambdaErrorPayload {
  return {
    errorType: "Sandbox.Timedout",
    errorMessage: `RequestId: ${requestId} Error: Init phase timed out after ${seconds(initTimeoutMs)} seconds`,
  };
}

/** What Lambda returns when the runtime process exits in the middle of an invocation. */
export function exitError(
  requestId: string,
  code: number | null,
  signal: NodeJS.Signals | null,
): LambdaErrorPayload {
  const how = signal
    ? `signal: ${signal === "SIGKILL" ? "killed" : signal}`
    : `exit status ${code}`;
  return {
    errorType: "Runtime.ExitError",
    errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${how}`,
  };
}

/** What Lambda returns when the function's response is over the 6 MB limit. */
export function responseTooLargeError(limitBytes: number): LambdaErrorPayload {
  return {
    errorType: "Function.ResponseSizeTooLarge",
    errorMessage: `Response payload size exceeded maximum allowed payload size (${limitBytes} bytes).`,
  };
}

/**
 * Reads the error a runtime posted to `/error` or `/init/error`. The runtime client always
 * posts JSON, but a custom runtime may not: fall back to the header's type and the raw text.
 */
export function parseRuntimeError(
  body: string,
  headerType: string | undefined,
): LambdaErrorPayload {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object") {
      const { errorType, errorMessage, trace } = parsed as Record<string, unknown>;
      return {
        errorType: typeof errorType === "string" ? errorType : (headerType ?? "Unhandled"),
        errorMessage: typeof errorMessage === "string" ? errorMessage : body,
        ...(Array.isArray(trace) ? { trace: trace.map(String) } : {}),
      };
    }
  } catch {
    // Not JSON: keep the raw text below.
  }
  return { errorType: headerType ?? "Unhandled", errorMessage: body };
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}
