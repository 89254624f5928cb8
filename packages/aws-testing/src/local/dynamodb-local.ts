import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { LocalServiceError } from "./errors";
import { freePort } from "./free-port";
import { startSupervised } from "./supervised-process";
import { waitUntilReady } from "./wait-until-ready";

/** Options of {@link startDynamoLocal}. */
export interface DynamoLocalOptions {
  /** Port on 127.0.0.1; default: a free one. */
  readonly port?: number | undefined;
  /**
   * Folder with `DynamoDBLocal.jar` and `DynamoDBLocal_lib/`. Default: the copy inside the
   * `amplify-dynamodb-simulator` npm package.
   */
  readonly emulatorDir?: string | undefined;
  /** Milliseconds to wait for it to answer. Default 60,000. */
  readonly startTimeoutMs?: number | undefined;
  /**
   * An existing folder to keep the data in, instead of memory: DynamoDB Local runs with
   * `-dbPath <folder> -sharedDb` and keeps every table in one SQLite file there
   * (`shared-local-instance.db`), whatever the credentials and region. A server started
   * again on the same folder has the tables and items of the one before, even if that one
   * was killed (see {@link DynamoLocal.kill}). A relative path is taken from the current
   * directory. Run one server per folder at a time; the folder is yours to create and remove.
   * Default: none, in memory (all data is gone when the server stops).
   *
   * @example
   * ```ts
   * const dir = await mkdtemp(join(tmpdir(), "dynamo-"));
   * const dynamo = await startDynamoLocal({ dbPath: dir });
   * ```
   */
  readonly dbPath?: string | undefined;
}

/** A running DynamoDB Local. */
export interface DynamoLocal {
  /** `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the server's supervisor. */
  readonly pid: number;
  /** Stops the server (SIGTERM, SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
  /**
   * Kills the Java server itself with SIGKILL, as a crash or an out-of-memory kill would
   * (no shutdown of its own), and waits until it has exited and its port is free: for
   * tests of an outage. With {@link DynamoLocalOptions.dbPath}, start it again on the same
   * `port` and folder to have the data back.
   *
   * @example
   * ```ts
   * await dynamo.kill(); // callers now get connection refused
   * const again = await startDynamoLocal({ port: dynamo.port, dbPath: dir });
   * ```
   */
  kill(): Promise<void>;
}

export const JAVA_INSTALL_HINT =
  "DynamoDB Local needs Java 17 or later: install it (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless) or put java on the PATH.";

function findEmulatorDir(): string {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve("amplify-dynamodb-simulator/package.json");
  } catch {
    throw new LocalServiceError(
      "DynamoDB Local was not found: install the npm package amplify-dynamodb-simulator@2.9.30 (it ships AWS's DynamoDBLocal.jar) or pass { emulatorDir }.",
    );
  }
  return join(dirname(packageJson), "emulator");
}

// DynamoDB Local always listens on every interface; this launcher (source beside it) makes it
// listen on 127.0.0.1 only.
function launcherDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve("@org/aws-testing/package.json")), "java");
}

function checkedDbPath(dbPath: string): string {
  const dir = resolve(dbPath);
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    // missing: said below
  }
  if (!isDirectory) {
    throw new LocalServiceError(
      `dbPath ${dir} is not an existing folder: create it first (e.g. with mkdtemp), or leave dbPath out to keep the data in memory.`,
    );
  }
  return dir;
}

// Resolves once nothing accepts connections on the port, i.e. its listening socket is closed.
async function waitUntilPortFree(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const accepted = await new Promise<boolean>((done) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        done(true);
      });
      socket.once("error", () => done(false));
    });
    if (!accepted) return;
    if (Date.now() > deadline) {
      throw new LocalServiceError(`Port ${port} still accepts connections after the kill`);
    }
    await sleep(50);
  }
}

function assertJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new LocalServiceError(JAVA_INSTALL_HINT);
}

/**
 * Starts AWS's DynamoDB Local on 127.0.0.1, in memory or (with `dbPath`) in a folder, and
 * waits until it answers. It is stopped by `stop()`, killed by `kill()`, and also stopped
 * when this process exits in any way.
 *
 * @throws {@link LocalServiceError} when Java or the jar is missing, `dbPath` is not an
 *   existing folder, or it does not start.
 * @example
 * ```ts
 * import { startDynamoLocal } from "@org/aws-testing/local";
 *
 * const dynamo = await startDynamoLocal();
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
 * // ... tests ...
 * await dynamo.stop();
 * ```
 * @example Data that outlives the server: kill it, start it again on the same port and folder
 * ```ts
 * const dir = await mkdtemp(join(tmpdir(), "dynamo-"));
 * const dynamo = await startDynamoLocal({ dbPath: dir });
 * // ... write ...
 * await dynamo.kill();
 * const again = await startDynamoLocal({ port: dynamo.port, dbPath: dir }); // same items
 * await again.stop();
 * await rm(dir, { recursive: true, force: true });
 * ```
 */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const emulatorDir = options.emulatorDir ?? findEmulatorDir();
  const jar = join(emulatorDir, "DynamoDBLocal.jar");
  if (!existsSync(jar)) throw new LocalServiceError(`DynamoDBLocal.jar is not in ${emulatorDir}`);
  // Resolved here: the server runs in the emulator's folder.
  const storage =
    options.dbPath === undefined
      ? ["-inMemory"]
      : ["-dbPath", checkedDbPath(options.dbPath), "-sharedDb"];
  assertJava();

  const port = options.port ?? (await freePort());
  const classPath = [launcherDir(), jar, join(emulatorDir, "DynamoDBLocal_lib", "*")].join(":");
  const server = startSupervised(
    "java",
    [
      `-Djava.library.path=${join(emulatorDir, "DynamoDBLocal_lib")}`,
      "-cp",
      classPath,
      "LocalDynamoLauncher",
      "127.0.0.1",
      ...storage,
      "-disableTelemetry",
      "-port",
      String(port),
    ],
    emulatorDir,
  );
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady(endpoint, server, "DynamoDB Local", options.startTimeoutMs ?? 60_000);
  return {
    endpoint,
    port,
    pid: server.pid,
    stop: () => server.stop(),
    async kill() {
      await server.kill();
      await waitUntilPortFree(port);
    },
  };
}
