import { readFileSync } from "node:fs";

/**
 * Peak resident memory of process `pid` in MB (`VmHWM` of `/proc/<pid>/status`), which is what
 * Lambda reports as "Max Memory Used". 0 where there is no `/proc` or the process is gone.
 */
export function peakMemoryMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Math.round(Number(kb) / 1024) : 0;
  } catch {
    return 0;
  }
}
