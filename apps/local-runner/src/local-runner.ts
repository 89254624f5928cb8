import { randomUUID } from "node:crypto";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { setImmediate as nextTick } from "node:timers/promises";
import {
  LocalRunnerConfigError,
  RequestTooLargeError,
  RunnerStoppedError,
  UnknownFunctionError,
} from "./errors";
import { HttpApiServer } from "./http-api/http-api-server";
import { JwtAuthorizer, type JwtAuthorizerOptions } from "./http-api/jwt-authorizer";
import type { Route } from "./http-api/route";
import type { InvocationResult } from "./invocation-result";
import type { ContainerInvocation } from "./lambda/container";
import type { ContainerConfig } from "./lambda/container-config";
import { FunctionPool } from "./lambda/function-pool";
import {
  DEFAULT_INIT_TIMEOUT_MS,
  DEFAULT_MAX_CONTAINERS,
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_MS,
  LOCAL_ACCOUNT_ID,
  MAX_REQUEST_PAYLOAD_BYTES,
} from "./lambda/limits";
import { endLine, reportLine, startLine, timedOutLine } from "./lambda/log-lines";
import {
  DEFAULT_RUNTIME,
  NODE_RUNTIMES,
  type NodeRuntime,
  nodeBinaryFor,
} from "./lambda/node-runtime";
import { OrphanReaper } from "./lambda/orphan-reaper";
import { resolveRuntimeClient } from "./lambda/runtime-client";
import { lambdaTraceHeader, newTraceRoot } from "./lambda/trace-id";
import { type LogEntry, type LogSink, stdoutLogSink } from "./log-sink";
import type { Report } from "./report";

/** One function: a bundle folder and how Lambda would be configured to run it. */
export interface FunctionOptions {
  /** Folder holding the bundled handler (e.g. `dist/` with `index.mjs`): Lambda's `/var/task`. */
  readonly bundleDir: string;
  /**
   * The Lambda runtime: `nodejs24.x` (default) or `nodejs22.x`. The container runs on that
   * Node.js major version: this process's own when it matches, else one fetched from the
   * npm registry with `npx` (once; npm caches it).
   */
  readonly runtime?: NodeRuntime | undefined;
  /** `<module>.<export>`. Default `index.handler`. */
  readonly handler?: string | undefined;
  /** The function's environment variables. Nothing else of this process's environment is passed. */
  readonly env?: Readonly<Record<string, string>> | undefined;
  /** Function timeout. Default 3,000 ms, as in Lambda. */
  readonly timeoutMs?: number | undefined;
  /** Memory size: sets the heap limit and `AWS_LAMBDA_FUNCTION_MEMORY_SIZE`. Default 128. */
  readonly memoryMb?: number | undefined;
  /** Limit of the init phase (loading the handler module). Default 10,000 ms, as in Lambda. */
  readonly initTimeoutMs?: number | undefined;
  /** Containers running at once; further calls wait. Default 10, or the reserved concurrency if higher. */
  readonly maxContainers?: number | undefined;
  /**
   * Lambda's reserved concurrency: with this many containers busy, a further call is refused
   * at once (`FunctionThrottledError`; 429 from the HTTP API) instead of waiting. Default none.
   */
  readonly reservedConcurrency?: number | undefined;
}

/** Options of {@link startLocalRunner}. */
export interface LocalRunnerOptions {
  /** Functions by name (the name is `AWS_LAMBDA_FUNCTION_NAME`). */
  readonly functions: Readonly<Record<string, FunctionOptions>>;
  /** HTTP API routes; without any, every HTTP request gets 404. */
  readonly routes?: readonly Route[] | undefined;
  /**
   * The HTTP API's JWT authorizer, for the routes with `authorization: { type: "jwt" }`:
   * requests without a valid token get 401 and never reach a function.
   */
  readonly jwtAuthorizer?: JwtAuthorizerOptions | undefined;
  /** Port of the HTTP API on 127.0.0.1. Default: a free one. */
  readonly port?: number | undefined;
  /** Where log lines go. Default: stdout, prefixed by function name. `false`: nowhere. */
  readonly log?: LogSink | false | undefined;
  /** `AWS_REGION` of the functions. Default `us-east-1`. */
  readonly region?: string | undefined;
}

/** A running local Lambda + HTTP API. */
export interface LocalRunner {
  /** `http://127.0.0.1:<port>`: the HTTP API's base URL. */
  readonly url: string;
  readonly port: number;
  /**
   * Invokes a function synchronously, without HTTP, like Lambda's Invoke API. Handler errors,
   * timeouts and crashes come back as `{ ok: false, error }`.
   *
   * @throws {@link UnknownFunctionError}, {@link RequestTooLargeError} (event over 6 MB),
   *   {@link RunnerStoppedError}.
   */
  invoke(functionName: string, event?: unknown): Promise<InvocationResult>;
  /** The reports of finished invocations, oldest first (the last 10,000). */
  reports(): Report[];
  /** Every log line so far, platform and handler output alike (the last 10,000). */
  logs(): LogEntry[];
  /** Process ids of the running containers, of one function or of all. */
  containerPids(functionName?: string): number[];
  /** Kills every container by pid and closes the servers. */
  stop(): Promise<void>;
}

const RECORD_LIMIT = 10_000;
const FUNCTION_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Starts a local stand-in for Lambda and an API Gateway HTTP API: each function runs in
 * containers driven by AWS's runtime interface client, as in Lambda, and the HTTP API turns
 * requests into payload 2.0 events for the routed function.
 *
 * @throws {@link LocalRunnerConfigError} for a missing bundle folder, a bad name or route;
 *   {@link RuntimeClientMissingError} when `aws-lambda-ric` is not installed and built.
 * @example
 * ```ts
 * import { startLocalRunner } from "@org/local-lambda-runner";
 *
 * const runner = await startLocalRunner({
 *   functions: {
 *     "users-api": { bundleDir: "apps/users-api/dist", env: { TABLE_NAME: "users" }, timeoutMs: 5_000 },
 *   },
 *   routes: [{ method: "GET", path: "/users/{id}", function: "users-api", authorization: { type: "jwt" } }],
 *   jwtAuthorizer: { issuer, audience: [clientId], jwksUri },
 * });
 * const response = await fetch(`${runner.url}/users/42`);
 * const direct = await runner.invoke("users-api", { rawPath: "/users/42" });
 * console.log(runner.reports());
 * await runner.stop();
 * ```
 */
export async function startLocalRunner(options: LocalRunnerOptions): Promise<LocalRunner> {
  const region = options.region ?? "us-east-1";
  const configs = Object.entries(options.functions).map(([name, fn]) =>
    containerConfig(name, fn, region),
  );
  for (const route of options.routes ?? []) {
    if (!(route.function in options.functions)) {
      throw new LocalRunnerConfigError(
        `Route ${route.method} ${route.path} points to unknown function "${route.function}"`,
      );
    }
    if (route.authorization && !options.jwtAuthorizer) {
      throw new LocalRunnerConfigError(
        `Route ${route.method} ${route.path} needs a JWT authorizer: set jwtAuthorizer`,
      );
    }
  }
  const runtime = resolveRuntimeClient();
  const sink = options.log === false ? undefined : (options.log ?? stdoutLogSink);
  const reports: Report[] = [];
  const logs: LogEntry[] = [];
  const emit = (entry: LogEntry) => {
    keepLast(logs, entry);
    sink?.(entry);
  };

  const reaper = OrphanReaper.start();
  const pools = new Map<string, { config: ContainerConfig; pool: FunctionPool }>();
  for (const config of configs) {
    const functionName = config.functionName;
    const pool = new FunctionPool(
      config,
      maxContainersOf(options.functions[functionName]),
      runtime,
      {
        onOutput: (source, text) => emit({ functionName, source, text }),
        onContainerStarted: (pid) => reaper.watch(pid),
        onContainerExited: (pid) => reaper.forget(pid),
      },
      options.functions[functionName]?.reservedConcurrency,
    );
    pools.set(functionName, { config, pool });
  }

  let stopping: Promise<void> | undefined;

  async function invoke(functionName: string, event: unknown = {}): Promise<InvocationResult> {
    if (stopping) throw new RunnerStoppedError();
    const entry = pools.get(functionName);
    if (!entry) throw new UnknownFunctionError(functionName);
    const payload = JSON.stringify(event) ?? "null";
    const size = Buffer.byteLength(payload);
    if (size > MAX_REQUEST_PAYLOAD_BYTES)
      throw new RequestTooLargeError(size, MAX_REQUEST_PAYLOAD_BYTES);

    const requestId = randomUUID();
    const platform = (text: string) => emit({ functionName, source: "platform", text });
    let started = false;
    const run = await entry.pool.invoke(
      requestId,
      payload,
      lambdaTraceHeader(newTraceRoot()),
      () => {
        started = true;
        platform(startLine(requestId));
      },
    );
    // The handler's last lines may still sit in the pipe: let them out before END.
    await nextTick();
    await nextTick();

    const report = toReport(entry.config, requestId, run);
    keepLast(reports, report);
    if (started) {
      if (report.status === "timeout") platform(timedOutLine(requestId, entry.config.timeoutMs));
      platform(endLine(requestId));
      platform(reportLine(report));
    } else {
      platform(initReportLine(report));
    }
    return run.outcome.kind === "response"
      ? { ok: true, requestId, payload: parsePayload(run.outcome.body), report }
      : { ok: false, requestId, error: run.outcome.error, report };
  }

  const port = options.port ?? 0;
  let http: HttpApiServer;
  try {
    http = await HttpApiServer.start({
      port,
      routes: options.routes ?? [],
      invoke,
      authorizer: options.jwtAuthorizer && new JwtAuthorizer(options.jwtAuthorizer),
      onRefused: (route, reason) =>
        emit({ functionName: route.function, source: "api", text: `REFUSED ${reason}` }),
    });
  } catch (error) {
    reaper.close();
    throw new LocalRunnerConfigError(
      `The HTTP API could not listen on 127.0.0.1:${port}: ${(error as Error).message}`,
      { cause: error },
    );
  }

  return {
    url: `http://127.0.0.1:${http.port}`,
    port: http.port,
    invoke,
    reports: () => [...reports],
    logs: () => [...logs],
    containerPids: (functionName) =>
      [...pools.entries()]
        .filter(([name]) => functionName === undefined || name === functionName)
        .flatMap(([, { pool }]) => pool.pids()),
    stop() {
      stopping ??= (async () => {
        await http.close();
        await Promise.all([...pools.values()].map(({ pool }) => pool.stop()));
        reaper.close();
      })();
      return stopping;
    },
  };
}

// A reserved concurrency needs that many containers: below it, calls would wait, not be refused.
function maxContainersOf(fn: FunctionOptions | undefined): number {
  return fn?.maxContainers ?? Math.max(DEFAULT_MAX_CONTAINERS, fn?.reservedConcurrency ?? 0);
}

function containerConfig(name: string, fn: FunctionOptions, region: string): ContainerConfig {
  if (!FUNCTION_NAME.test(name)) {
    throw new LocalRunnerConfigError(
      `Function name "${name}" is not a valid Lambda name (letters, digits, - and _, up to 64)`,
    );
  }
  const bundleDir = resolve(fn.bundleDir);
  if (!statSync(bundleDir, { throwIfNoEntry: false })?.isDirectory()) {
    throw new LocalRunnerConfigError(`Bundle folder of "${name}" does not exist: ${bundleDir}`);
  }
  const runtime = fn.runtime ?? DEFAULT_RUNTIME;
  if (!NODE_RUNTIMES.includes(runtime)) {
    throw new LocalRunnerConfigError(
      `Runtime of "${name}" must be one of ${NODE_RUNTIMES.join(", ")}, not "${runtime}"`,
    );
  }
  const reserved = fn.reservedConcurrency;
  if (reserved !== undefined && !(Number.isInteger(reserved) && reserved >= 1)) {
    throw new LocalRunnerConfigError(
      `Reserved concurrency of "${name}" must be a whole number, 1 or more, not ${reserved}`,
    );
  }
  if (reserved !== undefined && fn.maxContainers !== undefined && fn.maxContainers < reserved) {
    throw new LocalRunnerConfigError(
      `maxContainers of "${name}" (${fn.maxContainers}) is below its reserved concurrency (${reserved})`,
    );
  }
  const handler = fn.handler ?? "index.handler";
  if (!/^[^.]+(\.[^.]+)+$/.test(handler)) {
    throw new LocalRunnerConfigError(
      `Handler of "${name}" must look like "index.handler", not "${handler}"`,
    );
  }
  return {
    functionName: name,
    runtime,
    nodeBinary: nodeBinaryFor(runtime),
    bundleDir,
    handler,
    env: fn.env ?? {},
    timeoutMs: fn.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    initTimeoutMs: fn.initTimeoutMs ?? DEFAULT_INIT_TIMEOUT_MS,
    memoryMb: fn.memoryMb ?? DEFAULT_MEMORY_MB,
    region,
    functionArn: `arn:aws:lambda:${region}:${LOCAL_ACCOUNT_ID}:function:${name}`,
  };
}

function toReport(config: ContainerConfig, requestId: string, run: ContainerInvocation): Report {
  const { outcome } = run;
  return {
    functionName: config.functionName,
    requestId,
    containerPid: run.pid,
    coldStart: run.coldStart,
    ...(run.initDurationMs !== undefined ? { initDurationMs: run.initDurationMs } : {}),
    durationMs: run.durationMs,
    // Billed like the REPORT line of a warm start: the duration rounded up to the millisecond.
    billedDurationMs: Math.ceil(run.durationMs),
    memorySizeMb: config.memoryMb,
    maxMemoryUsedMb: run.maxMemoryUsedMb,
    status: outcome.kind === "response" ? "success" : outcome.status,
    ...(outcome.kind === "error" ? { errorType: outcome.error.errorType } : {}),
  };
}

// Lambda's line for an environment whose init failed before any event reached the handler.
function initReportLine(report: Report): string {
  const status = report.status === "timeout" ? "timeout" : "error";
  return [
    `INIT_REPORT Init Duration: ${(report.initDurationMs ?? 0).toFixed(2)} ms`,
    "Phase: init",
    `Status: ${status}`,
    ...(report.errorType ? [`Error Type: ${report.errorType}`] : []),
  ].join("\t");
}

/** The runtime client always sends JSON; a custom runtime might not. */
function parsePayload(body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function keepLast<T>(records: T[], record: T): void {
  records.push(record);
  if (records.length > RECORD_LIMIT) records.splice(0, records.length - RECORD_LIMIT);
}
