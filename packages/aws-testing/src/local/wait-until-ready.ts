import { setTimeout as sleep } from "node:timers/promises";
import { LocalServiceError } from "./errors";
import type { SupervisedProcess } from "./supervised-process";

/**
 * Polls `url` until anything answers over HTTP (any status), the process exits, or
 * `timeoutMs` passes.
 */
export async function waitUntilReady(
  url: string,
  process: SupervisedProcess,
  name: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.hasExited()) {
      throw new LocalServiceError(`${name} exited while starting`, { output: process.output() });
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1_000) });
      return;
    } catch {
      await sleep(100);
    }
  }
  await process.stop();
  throw new LocalServiceError(`${name} did not answer at ${url} within ${timeoutMs} ms`, {
    output: process.output(),
  });
}
