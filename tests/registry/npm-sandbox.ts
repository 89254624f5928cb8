import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "./processes";

/**
 * An npm/pnpm environment that touches no real configuration or credentials: its own HOME,
 * user and global npmrc, XDG folders and npm cache (shared by every install in the run), and
 * the local registry as the only registry.
 */
export interface NpmSandbox {
  readonly registry: string;
  /** The environment for npm and pnpm child processes. */
  readonly env: NodeJS.ProcessEnv;
  readonly cacheDir: string;
}

// Settings a parent npm/pnpm passes down (npm_config_registry, tokens...) must not leak in.
const INHERITED = /^(npm_|pnpm_|node_auth_token$|npm_token$|node_options$|vitest)/i;

/** This process's environment without npm/pnpm settings, tokens or vitest's variables. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !INHERITED.test(key)));
}

export function createNpmSandbox(dir: string, registry: string): NpmSandbox {
  const home = join(dir, "home");
  const cacheDir = join(dir, "npm-cache");
  mkdirSync(join(home, ".config"), { recursive: true });
  mkdirSync(cacheDir, { recursive: true });
  const userconfig = join(home, ".npmrc");
  const globalconfig = join(dir, "npmrc-global");
  // "//127.0.0.1:<port>/:_authToken": a token for this registry only. Publishing @org/* is
  // anonymous; the token is there for clients that refuse to publish without one.
  const registryKey = registry.replace(/^https?:/, "");
  writeFileSync(
    userconfig,
    [
      `registry=${registry}`,
      `${registryKey}:_authToken=local-registry-dummy-token`,
      `cache=${cacheDir}`,
      "audit=false",
      "fund=false",
      "update-notifier=false",
      "loglevel=warn",
      "",
    ].join("\n"),
  );
  writeFileSync(globalconfig, "");
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    HOME: home,
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_CACHE_HOME: join(home, ".cache"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    npm_config_userconfig: userconfig,
    npm_config_globalconfig: globalconfig,
    npm_config_registry: registry,
    npm_config_cache: cacheDir,
  };
  return { registry, env, cacheDir };
}

/** A project outside the workspace: just a package.json of an ESM app. */
export function createScratchProject(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name, version: "1.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
  return dir;
}

/**
 * `npm install <specs>` in a scratch project, from the local registry. `fresh` asks the
 * registry again for metadata an earlier install cached (after a newer version was published).
 */
export function npmInstall(
  sandbox: NpmSandbox,
  dir: string,
  specs: readonly string[],
  { fresh = false } = {},
) {
  return run(
    "npm",
    // The cache is new for this run, so preferring it only skips re-validating metadata that
    // an earlier install of the same run fetched.
    [
      "install",
      "--registry",
      sandbox.registry,
      fresh ? "--prefer-online" : "--prefer-offline",
      ...specs,
    ],
    { cwd: dir, env: sandbox.env, timeoutMs: 180_000 },
  );
}

/** `pnpm publish` of one workspace package to the local registry, as the release does. */
export function pnpmPublish(sandbox: NpmSandbox, packageDir: string) {
  return run("pnpm", ["publish", "--no-git-checks", "--registry", sandbox.registry], {
    cwd: packageDir,
    env: sandbox.env,
    timeoutMs: 90_000,
  });
}
