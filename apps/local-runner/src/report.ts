/**
 * Lambda's measurements of one invocation: what its `REPORT` log line says, as data.
 *
 * @example
 * ```ts
 * const [first] = runner.reports();
 * console.log(first.coldStart, first.initDurationMs, first.durationMs, first.maxMemoryUsedMb);
 * ```
 */
export interface Report {
  readonly functionName: string;
  /** Lambda's request id (`context.awsRequestId`). */
  readonly requestId: string;
  /** Process id of the container that ran it. */
  readonly containerPid: number;
  /** First invocation of its container. */
  readonly coldStart: boolean;
  /** Container process spawn to its first `/next` call: only on a cold start. */
  readonly initDurationMs?: number;
  /** Event delivered on `/next` to `/response` or `/error` received. */
  readonly durationMs: number;
  /** Duration rounded up to the millisecond. */
  readonly billedDurationMs: number;
  readonly memorySizeMb: number;
  /** Peak resident memory of the container so far (`VmHWM`). */
  readonly maxMemoryUsedMb: number;
  /**
   * `success`; `error`: the handler threw or rejected; `timeout`: it ran past the function's
   * timeout (or init past its limit) and the container was killed; `crash`: the runtime
   * process exited or failed to load the handler, and the container was replaced.
   */
  readonly status: "success" | "error" | "timeout" | "crash";
  /** The `errorType` of a failed invocation, e.g. `Error`, `Sandbox.Timedout`. */
  readonly errorType?: string;
}
