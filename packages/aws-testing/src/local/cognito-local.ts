import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createUserPoolClient } from "./cognito-users";
import { LocalServiceError } from "./errors";
import { freePort } from "./free-port";
import { startSupervised } from "./supervised-process";
import { waitUntilReady } from "./wait-until-ready";

/** Options of {@link startCognitoLocal}. */
export interface CognitoLocalOptions {
  /** Port on 127.0.0.1; default: a free one. */
  readonly port?: number | undefined;
  /** Region of the user pool ids and of the token issuer. Default `us-east-1`. */
  readonly region?: string | undefined;
  /**
   * The user pool created at start, with an id shaped like a real one so the real
   * `CognitoJwtVerifier` accepts it. Default `<region>_LocalPool1`.
   */
  readonly userPoolId?: string | undefined;
}

/** A running cognito-local. */
export interface CognitoLocal {
  /** `http://127.0.0.1:<port>`: the value for `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`. */
  readonly endpoint: string;
  readonly port: number;
  readonly pid: number;
  readonly region: string;
  readonly userPoolId: string;
  /** The temporary folder holding its data (removed by `stop()`). */
  readonly dataDir: string;
  /**
   * Creates an app client of the pool (no secret, USER_PASSWORD_AUTH allowed) and returns its
   * id: the `clientId` to sign in with (`signIn`), and the audience the verifier expects.
   */
  createClient(name?: string): Promise<string>;
  /** Stops the server, waits for it, and removes its data. */
  stop(): Promise<void>;
}

function cognitoLocalBin(): string {
  try {
    return createRequire(import.meta.url).resolve("cognito-local/lib/bin/start.js");
  } catch {
    throw new LocalServiceError(
      "cognito-local was not found: install the npm package cognito-local@5.3.0 as a dev dependency.",
    );
  }
}

/**
 * Starts cognito-local on 127.0.0.1 with its data in a temporary folder, and one user pool
 * whose tokens carry the real issuer (`https://cognito-idp.<region>.amazonaws.com/<pool id>`),
 * so that the real `CognitoJwtVerifier` verifies them once `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER`
 * points at this server (`@org/aws-cognito` then fetches the JWKS from it). Users sign in
 * with plain user names. It stops with `stop()`, and when this process exits in any way.
 *
 * cognito-local does not check signatures in its own API calls (GetUser accepts any
 * well-formed token); verification belongs to the verifier.
 *
 * @example
 * ```ts
 * const cognito = await startCognitoLocal();
 * process.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER = cognito.endpoint;
 * const clientId = await cognito.createClient("web");
 * await createUser(cognito, { username: "ada", password: "Passw0rd!", groups: ["admin"] });
 * const { accessToken } = await signIn(cognito, { clientId, username: "ada", password: "Passw0rd!" });
 * await cognito.stop();
 * ```
 */
export async function startCognitoLocal(options: CognitoLocalOptions = {}): Promise<CognitoLocal> {
  const region = options.region ?? "us-east-1";
  const userPoolId = options.userPoolId ?? `${region}_LocalPool1`;
  const bin = cognitoLocalBin();
  const dataDir = mkdtempSync(join(tmpdir(), "cognito-local-"));
  mkdirSync(join(dataDir, ".cognito", "db"), { recursive: true });
  writeFileSync(
    join(dataDir, ".cognito", "config.json"),
    JSON.stringify({
      TokenConfig: { IssuerDomain: `https://cognito-idp.${region}.amazonaws.com` },
      // Plain user names, as most pools use, instead of e-mail addresses.
      UserPoolDefaults: { UsernameAttributes: [] },
    }),
  );
  // The pool id is the file name; an empty file is filled with defaults at start.
  writeFileSync(join(dataDir, ".cognito", "db", `${userPoolId}.json`), "{}");

  const port = options.port ?? (await freePort());
  const server = startSupervised(process.execPath, [bin], dataDir, {
    ...process.env,
    HOST: "127.0.0.1",
    PORT: String(port),
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: "1",
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(`${endpoint}/health`, server, "cognito-local", 30_000);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const pool = { endpoint, region, userPoolId };
  return {
    ...pool,
    port,
    pid: server.pid,
    dataDir,
    createClient: (name) => createUserPoolClient(pool, name),
    stop,
  };
}
