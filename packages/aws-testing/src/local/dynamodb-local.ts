import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
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
}

/** A running DynamoDB Local. */
export interface DynamoLocal {
  /** `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_DYNAMODB`. */
  readonly endpoint: string;
  readonly port: number;
  /** Process id of the server's supervisor. */
  readonly pid: number;
  /** Stops the server and waits for it to exit. */
  stop(): Promise<void>;
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

function assertJava(): void {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) throw new LocalServiceError(JAVA_INSTALL_HINT);
}

/**
 * Starts AWS's DynamoDB Local, in memory, on 127.0.0.1, and waits until it answers. It is
 * stopped by `stop()`, and also when this process exits in any way.
 *
 * @throws {@link LocalServiceError} when Java or the jar is missing, or it does not start.
 * @example
 * ```ts
 * import { startDynamoLocal } from "@org/aws-testing/local";
 *
 * const dynamo = await startDynamoLocal();
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
 * // ... tests ...
 * await dynamo.stop();
 * ```
 */
export async function startDynamoLocal(options: DynamoLocalOptions = {}): Promise<DynamoLocal> {
  const emulatorDir = options.emulatorDir ?? findEmulatorDir();
  const jar = join(emulatorDir, "DynamoDBLocal.jar");
  if (!existsSync(jar)) throw new LocalServiceError(`DynamoDBLocal.jar is not in ${emulatorDir}`);
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
      "-inMemory",
      "-disableTelemetry",
      "-port",
      String(port),
    ],
    emulatorDir,
  );
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady(endpoint, server, "DynamoDB Local", options.startTimeoutMs ?? 60_000);
  return { endpoint, port, pid: server.pid, stop: () => server.stop() };
}
