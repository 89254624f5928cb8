import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

/** The bundle folder of the fixture handlers (`index.<export>`). */
export const HANDLERS_DIR = fileURLToPath(new URL("./fixtures/handlers", import.meta.url));

/** Whether a process with this pid exists (and has not been reaped). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `pid` is gone, for at most `timeoutMs`. */
export async function waitUntilGone(pid: number, timeoutMs = 5_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(20);
  }
  return !isAlive(pid);
}
