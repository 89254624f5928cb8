import type { Context } from "aws-lambda";

/**
 * A Lambda context whose `getRemainingTimeInMillis()` counts down from `timeoutMs` (default
 * 3,000) from the moment it is made, as in Lambda.
 *
 * @example
 * ```ts
 * const context = lambdaContext({ functionName: "translation-api", timeoutMs: 10_000 });
 * await handler(event, context);
 * ```
 */
export function lambdaContext(
  options: { functionName?: string; timeoutMs?: number; memoryMb?: number } = {},
): Context {
  const functionName = options.functionName ?? "test-function";
  const deadline = Date.now() + (options.timeoutMs ?? 3_000);
  const unsupported = () => {
    throw new Error("The callback-style context methods are not supported; return a promise");
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: "$LATEST",
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: String(options.memoryMb ?? 128),
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `2026/01/01/[$LATEST]${crypto.randomUUID().replaceAll("-", "")}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
