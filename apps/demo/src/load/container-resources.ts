import { readdirSync, readFileSync, readlinkSync } from "node:fs";

/** What one container process holds at one moment, read from `/proc`. */
export interface ContainerResources {
  /** Resident memory now (`VmRSS`), MB: unlike Max Memory Used, it can fall after a collection. */
  readonly rssMb: number;
  /** Open TCP connections to `port` on 127.0.0.1 (the keep-alive sockets to a dependency). */
  readonly socketsToPort: number;
}

/**
 * Reads container `pid`'s resident memory and its open connections to a local port, from
 * `/proc` (Linux). `undefined` when the process is gone or `/proc` cannot be read.
 *
 * @example
 * ```ts
 * const now = containerResources(pid, dynamoPort); // { rssMb: 71.4, socketsToPort: 1 }
 * ```
 */
export function containerResources(pid: number, port: number): ContainerResources | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    if (Number.isNaN(rssKb)) return undefined;
    return {
      rssMb: Math.round((rssKb / 1024) * 10) / 10,
      socketsToPort: socketsTo(pid, port),
    };
  } catch {
    return undefined;
  }
}

// The process's socket inodes, matched against the connected sockets of its network namespace.
function socketsTo(pid: number, port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // Closed between the listing and the read.
    }
  }
  const remote = `0100007F:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  const ESTABLISHED = "01";
  let count = 0;
  for (const line of readFileSync(`/proc/${pid}/net/tcp`, "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    // local, remote, state, ..., inode (the tenth field)
    if (fields[2] === remote && fields[3] === ESTABLISHED && inodes.has(fields[9] ?? "")) count++;
  }
  return count;
}
