import type { NodeRuntime } from "./node-runtime";

/** Everything a container needs to know about its function, defaults already applied. */
export interface ContainerConfig {
  readonly functionName: string;
  /** The Lambda runtime, e.g. `nodejs24.x`. */
  readonly runtime: NodeRuntime;
  /** The `node` binary of that runtime. */
  readonly nodeBinary: string;
  /** Absolute path of the bundle: the container's working directory and `LAMBDA_TASK_ROOT`. */
  readonly bundleDir: string;
  /** `<module>.<export>`, e.g. `index.handler`. */
  readonly handler: string;
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly initTimeoutMs: number;
  readonly memoryMb: number;
  readonly region: string;
  readonly functionArn: string;
}
