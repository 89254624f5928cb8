import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "../../packages/aws-testing/src/local/free-port.ts";
import { startSupervised } from "../../packages/aws-testing/src/local/supervised-process.ts";

/** A running verdaccio. */
export interface LocalRegistry {
  /** `http://127.0.0.1:<port>/` */
  readonly url: string;
  /** Process id of the supervisor whose child is verdaccio (it stops verdaccio with itself). */
  readonly pid: number;
  /** The end of verdaccio's output, for error messages. */
  output(): string;
  /** Stops verdaccio (SIGTERM, then SIGKILL) and waits for it to exit. */
  stop(): Promise<void>;
}

/** verdaccio's CLI, from the workspace root's node_modules. */
function verdaccioBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("verdaccio/package.json")), "bin", "verdaccio");
}

/**
 * The configuration: `@org/*` is served from local storage only (never proxied, so a public
 * package of the same name cannot stand in for the one just published) and anyone may publish
 * it without logging in; everything else is read through from `upstream` and cannot be
 * published. Written as JSON, which is YAML too.
 */
function config(dir: string, upstream: string) {
  return {
    storage: join(dir, "storage"),
    // Nobody can register (max_users -1): publishing @org/* is anonymous.
    auth: { htpasswd: { file: join(dir, "htpasswd"), max_users: -1 } },
    uplinks: { upstream: { url: upstream, timeout: "60s", max_fails: 5, fail_timeout: "30s" } },
    packages: {
      "@org/*": { access: "$all", publish: "$all", unpublish: "$all" },
      "**": { access: "$all", publish: "$authenticated", proxy: "upstream" },
    },
    web: { enable: false },
    server: { keepAliveTimeout: 60 },
    log: { type: "stdout", format: "pretty", level: "warn" },
  };
}

/**
 * Starts verdaccio as a child process on 127.0.0.1 (a free port), with its config and storage
 * in `dir`, proxying to `upstream`, and waits until it answers `/-/ping`.
 */
export async function startVerdaccio(options: {
  readonly dir: string;
  readonly upstream: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly startTimeoutMs?: number;
}): Promise<LocalRegistry> {
  mkdirSync(join(options.dir, "storage"), { recursive: true });
  const configFile = join(options.dir, "config.yaml");
  writeFileSync(configFile, JSON.stringify(config(options.dir, options.upstream), null, 2));

  const port = await freePort();
  const server = startSupervised(
    process.execPath,
    [verdaccioBin(), "--config", configFile, "--listen", `127.0.0.1:${port}`],
    options.dir,
    options.env,
  );
  const url = `http://127.0.0.1:${port}/`;
  const registry: LocalRegistry = {
    url,
    pid: server.pid,
    output: () => server.output(),
    stop: () => server.stop(),
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  while (Date.now() < deadline) {
    if (server.hasExited()) {
      throw new Error(`verdaccio exited while starting:\n${server.output()}`);
    }
    try {
      const response = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return registry;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  await server.stop();
  throw new Error(`verdaccio did not answer at ${url} in time:\n${server.output()}`);
}
