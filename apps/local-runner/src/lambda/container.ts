import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { LocalRunnerError } from "../errors";
import type { ContainerConfig } from "./container-config";
import { containerEnvironment } from "./container-environment";
import { exitError, initTimeoutError, type LambdaErrorPayload, timeoutError } from "./lambda-error";
import { forEachLine } from "./line-splitter";
import { peakMemoryMb } from "./memory-usage";
import { RuntimeApiServer } from "./runtime-api-server";
import type { RuntimeClient } from "./runtime-client";

/** How one invocation ended, as seen from outside the container. */
export type ContainerOutcome =
  | { readonly kind: "response"; readonly body: Buffer }
  | {
      readonly kind: "error";
      readonly error: LambdaErrorPayload;
      /** `error`: the handler failed; `timeout`: it ran too long; `crash`: the runtime died or failed to init. */
      readonly status: "error" | "timeout" | "crash";
    };

/** One finished invocation with Lambda's measurements. */
export interface ContainerInvocation {
  readonly outcome: ContainerOutcome;
  readonly pid: number;
  /** First invocation of this container. */
  readonly coldStart: boolean;
  /** Spawn to first `/next`, on a cold start only. */
  readonly initDurationMs: number | undefined;
  /** Event delivered on `/next` to `/response` or `/error` received (0 if never delivered). */
  readonly durationMs: number;
  readonly maxMemoryUsedMb: number;
  /** Whether the event reached the handler. */
  readonly delivered: boolean;
}

/** What a container tells its owner. */
export interface ContainerHooks {
  /** A line the handler (or the runtime client) wrote. */
  onOutput(stream: "stdout" | "stderr", line: string): void;
  /** The process has exited; the container can never run again. */
  onExit(container: Container): void;
}

const RIC_BANNER = /^Executing '.*' in function directory '.*'$/;

interface PendingInvocation {
  readonly requestId: string;
  readonly onStart: () => void;
  readonly resolve: (result: ContainerInvocation) => void;
  deliveredAt?: number;
  timer?: NodeJS.Timeout;
}

/**
 * One Lambda execution environment: a Node.js process running AWS's runtime interface client
 * against a Runtime API of its own, handling one invocation at a time.
 */
export class Container {
  private readonly spawnedAt = performance.now();
  private firstPollAt: number | undefined;
  private invocations = 0;
  private pending: PendingInvocation | undefined;
  private killed = false;
  private exited = false;
  private lastPeakMb = 0;
  private initTimer: NodeJS.Timeout | undefined;
  private readonly exit: Promise<void>;

  private constructor(
    private readonly config: ContainerConfig,
    private readonly api: RuntimeApiServer,
    child: ChildProcess,
    readonly pid: number,
    hooks: ContainerHooks,
  ) {
    forEachLine(child.stdout, (line) => {
      // The client's own start-up banner: Lambda's runtime prints nothing like it.
      if (this.firstPollAt === undefined && RIC_BANNER.test(line)) return;
      hooks.onOutput("stdout", line);
    });
    forEachLine(child.stderr, (line) => hooks.onOutput("stderr", line));
    this.exit = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exited = true;
        clearTimeout(this.initTimer);
        const requestId = this.pending?.requestId ?? "";
        this.finish({ kind: "error", error: exitError(requestId, code, signal), status: "crash" });
        void api.close();
        hooks.onExit(this);
        resolve();
      });
    });
    this.initTimer = setTimeout(() => this.initTimedOut(), config.initTimeoutMs);
  }

  /**
   * Starts a container: its Runtime API server, then the runtime client process.
   *
   * @example
   * ```ts
   * const container = await Container.start(config, resolveRuntimeClient(), hooks);
   * const result = await container.invoke(randomUUID(), "{}", traceId, () => {});
   * ```
   */
  static async start(
    config: ContainerConfig,
    runtime: RuntimeClient,
    hooks: ContainerHooks,
  ): Promise<Container> {
    let container: Container | undefined;
    const api = await RuntimeApiServer.start({
      onPoll: () => container?.polled(),
      onDelivered: () => container?.delivered(),
      onResponse: (_id, body) => container?.finish({ kind: "response", body }),
      onError: (_id, error) => container?.finish({ kind: "error", error, status: "error" }),
      onInitError: (error) => {
        container?.finish({ kind: "error", error, status: "crash" });
        container?.kill();
      },
    });
    const command = [config.nodeBinary, ...nodeFlags(config.memoryMb), runtime.bin, config.handler];
    const wrapper = execWrapperOf(config);
    const [file, ...args] = wrapper ? [wrapper, ...command] : command;
    const child = spawn(file as string, args, {
      cwd: config.bundleDir,
      env: containerEnvironment(config, api.address, runtime.dir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid === undefined) {
      await api.close();
      const reason = await new Promise<string>((resolve) =>
        child.once("error", (error) => resolve(error.message)),
      );
      throw new LocalRunnerError(
        `Could not start a container for ${config.functionName}: ${reason}`,
      );
    }
    container = new Container(config, api, child, child.pid, hooks);
    return container;
  }

  /** Neither exited nor being killed: it can take another invocation. */
  get alive(): boolean {
    return !this.exited && !this.killed;
  }

  /**
   * Runs one invocation. `onStart` is called when the event reaches the handler. Never
   * rejects: timeouts, crashes and init errors come back as error outcomes.
   */
  invoke(
    requestId: string,
    payload: string,
    traceId: string,
    onStart: () => void,
  ): Promise<ContainerInvocation> {
    return new Promise((resolve) => {
      this.pending = { requestId, onStart, resolve };
      if (!this.alive) {
        this.finish({
          kind: "error",
          error: exitError(requestId, null, "SIGKILL"),
          status: "crash",
        });
        return;
      }
      this.api.deliver({
        requestId,
        payload,
        traceId,
        timeoutMs: this.config.timeoutMs,
        functionArn: this.config.functionArn,
      });
    });
  }

  /** Kills the process by pid (SIGKILL, as Lambda does) without waiting. */
  kill(): void {
    this.killed = true;
    if (this.exited) return;
    try {
      process.kill(this.pid, "SIGKILL");
    } catch {
      // Already gone.
    }
  }

  /** Kills the process and waits until it has exited and its Runtime API is closed. */
  async stop(): Promise<void> {
    this.kill();
    await this.exit;
    await this.api.close();
  }

  private polled(): void {
    if (this.firstPollAt !== undefined) return;
    this.firstPollAt = performance.now();
    clearTimeout(this.initTimer);
  }

  private delivered(): void {
    const pending = this.pending;
    if (!pending) return;
    pending.deliveredAt = performance.now();
    pending.onStart();
    pending.timer = setTimeout(() => this.timedOut(pending.requestId), this.config.timeoutMs);
  }

  private timedOut(requestId: string): void {
    this.finish({
      kind: "error",
      error: timeoutError(requestId, this.config.timeoutMs),
      status: "timeout",
    });
    // Lambda does not let a timed-out environment finish its work: it is thrown away.
    this.kill();
  }

  private initTimedOut(): void {
    if (this.firstPollAt !== undefined) return;
    const requestId = this.pending?.requestId ?? "";
    this.finish({
      kind: "error",
      error: initTimeoutError(requestId, this.config.initTimeoutMs),
      status: "timeout",
    });
    this.kill();
  }

  private finish(outcome: ContainerOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    const now = performance.now();
    const coldStart = this.invocations === 0;
    this.invocations += 1;
    // Read before any kill: a dead process has no /proc entry.
    if (!this.exited) this.lastPeakMb = peakMemoryMb(this.pid) || this.lastPeakMb;
    pending.resolve({
      outcome,
      pid: this.pid,
      coldStart,
      initDurationMs: coldStart ? (this.firstPollAt ?? now) - this.spawnedAt : undefined,
      durationMs: pending.deliveredAt === undefined ? 0 : now - pending.deliveredAt,
      maxMemoryUsedMb: this.lastPeakMb,
      delivered: pending.deliveredAt !== undefined,
    });
  }
}

/**
 * `AWS_LAMBDA_EXEC_WRAPPER`: a script Lambda starts instead of the runtime, with the runtime's
 * command line as its arguments. A path in `/var/task` is taken from the bundle folder.
 */
function execWrapperOf(config: ContainerConfig): string | undefined {
  const wrapper = config.env.AWS_LAMBDA_EXEC_WRAPPER;
  if (!wrapper) return undefined;
  return wrapper.startsWith("/var/task/")
    ? join(config.bundleDir, wrapper.slice("/var/task/".length))
    : wrapper;
}

// The flags of Lambda's Node.js bootstrap: heap limits derived from the memory size (so a
// handler that runs out of memory in Lambda also does here), its header-size limit, and
// --expose-gc, which also changes V8's code-cache tag (a shipped compile cache must match it).
function nodeFlags(memoryMb: number): string[] {
  const newSpace = Math.floor(memoryMb / 10);
  return [
    "--expose-gc",
    "--max-http-header-size=81920",
    `--max-semi-space-size=${Math.max(1, Math.floor(newSpace / 2))}`,
    `--max-old-space-size=${memoryMb - newSpace}`,
  ];
}
