import { FunctionThrottledError, RunnerStoppedError } from "../errors";
import { Container, type ContainerHooks, type ContainerInvocation } from "./container";
import type { ContainerConfig } from "./container-config";
import type { RuntimeClient } from "./runtime-client";

/** What a pool tells its owner about its containers. */
export interface PoolHooks {
  onOutput(stream: "stdout" | "stderr", line: string): void;
  onContainerStarted(pid: number): void;
  onContainerExited(pid: number): void;
}

/**
 * The containers of one function, scaled like Lambda: a warm idle container is reused (the
 * most recently used first), and when all are busy a new one is started, up to
 * `maxContainers`; past that, calls wait for a container to free up, or, with a reserved
 * concurrency, are refused as Lambda refuses them (`FunctionThrottledError`).
 */
export class FunctionPool {
  private readonly containers = new Set<Container>();
  private readonly idle: Container[] = [];
  private readonly waiting: Array<{ resolve(c: Container): void; reject(e: Error): void }> = [];
  /** Containers started or starting, counted before their process exists. */
  private size = 0;
  private stopped = false;

  constructor(
    private readonly config: ContainerConfig,
    private readonly maxContainers: number,
    private readonly runtime: RuntimeClient,
    private readonly hooks: PoolHooks,
    private readonly reservedConcurrency?: number,
  ) {}

  /** Runs one invocation on a free container, starting one if needed. */
  async invoke(
    requestId: string,
    payload: string,
    traceId: string,
    onStart: () => void,
  ): Promise<ContainerInvocation> {
    for (;;) {
      const container = await this.acquire();
      let run: ContainerInvocation;
      try {
        run = await container.invoke(requestId, payload, traceId, onStart);
      } finally {
        this.release(container);
      }
      // A warm container that died before taking the event (say, from an uncaught exception
      // right after its last response) never ran it: Lambda would use another, and so do we.
      if (run.delivered || run.coldStart) return run;
    }
  }

  /** Process ids of the containers now running. */
  pids(): number[] {
    return [...this.containers].map((c) => c.pid);
  }

  /** Kills every container and fails the calls still waiting for one. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new RunnerStoppedError());
    await Promise.all([...this.containers].map((c) => c.stop()));
  }

  private acquire(): Promise<Container> {
    if (this.stopped) return Promise.reject(new RunnerStoppedError());
    const warm = this.idle.pop();
    if (warm) return Promise.resolve(warm);
    if (this.reservedConcurrency !== undefined && this.size >= this.reservedConcurrency) {
      return Promise.reject(
        new FunctionThrottledError(this.config.functionName, this.reservedConcurrency),
      );
    }
    if (this.size < this.maxContainers) return this.startContainer();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(container: Container): void {
    if (!container.alive) {
      // Its exit hook frees the slot; a waiter gets a fresh container then.
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(container);
    else this.idle.push(container);
  }

  private async startContainer(): Promise<Container> {
    this.size += 1;
    const hooks: ContainerHooks = {
      onOutput: (stream, line) => this.hooks.onOutput(stream, line),
      onExit: (container) => this.removed(container),
    };
    try {
      const container = await Container.start(this.config, this.runtime, hooks);
      this.containers.add(container);
      this.hooks.onContainerStarted(container.pid);
      if (this.stopped) container.kill();
      return container;
    } catch (error) {
      this.size -= 1;
      throw error;
    }
  }

  private removed(container: Container): void {
    this.size -= 1;
    this.containers.delete(container);
    const index = this.idle.indexOf(container);
    if (index >= 0) this.idle.splice(index, 1);
    this.hooks.onContainerExited(container.pid);
    const waiter = this.waiting.shift();
    if (waiter && !this.stopped) this.startContainer().then(waiter.resolve, waiter.reject);
  }
}
