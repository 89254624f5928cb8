import { randomBytes } from "node:crypto";
import type { ContainerConfig } from "./container-config";

/**
 * The environment of a container process: what Lambda's Node.js runtime sets, plus the
 * function's own variables. Nothing is inherited from this process except `PATH`, so a
 * `NODE_OPTIONS` or `NODE_EXTRA_CA_CERTS` of the developer's shell never leaks into a handler.
 */
export function containerEnvironment(
  config: ContainerConfig,
  runtimeApi: string,
  runtimeDir: string,
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    LANG: "en_US.UTF-8",
    TZ: ":UTC",
    AWS_DEFAULT_REGION: config.region,
    ...config.env,
    // Lambda reserves these: a function's own environment cannot change them.
    _HANDLER: config.handler,
    LAMBDA_TASK_ROOT: config.bundleDir,
    LAMBDA_RUNTIME_DIR: runtimeDir,
    AWS_LAMBDA_RUNTIME_API: runtimeApi,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_REGION: config.region,
    AWS_LAMBDA_FUNCTION_NAME: config.functionName,
    AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memoryMb),
    AWS_LAMBDA_INITIALIZATION_TYPE: "on-demand",
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(),
  };
}

// Like Lambda's: one stream per container, `2024/05/01/[$LATEST]<32 hex digits>`.
function logStreamName(): string {
  const day = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
  return `${day}/[$LATEST]${randomBytes(16).toString("hex")}`;
}
