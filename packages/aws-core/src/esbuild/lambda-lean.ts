import { dirname } from "node:path";
import type { Plugin, PluginBuild } from "esbuild";
import { leanCredentialProviderSource } from "./lean-credential-provider";
import { leanTokenProvidersSource } from "./lean-token-providers";
import type { LambdaLeanOptions } from "./types";

/**
 * The namespace of the stand-in modules, as it shows in a metafile (`lambda-lean:<path>`).
 *
 * @example
 * ```ts
 * const replaced = Object.keys(result.metafile.inputs).filter((p) =>
 *   p.startsWith(`${LAMBDA_LEAN_NAMESPACE}:`),
 * );
 * ```
 */
export const LAMBDA_LEAN_NAMESPACE = "lambda-lean";

/** Marks our own `build.resolve` calls, so they reach esbuild's resolver and not us again. */
const RESOLVING = Symbol("lambda-lean resolving");

interface StandIn {
  readonly filter: RegExp;
  readonly source: () => string;
}

/**
 * An esbuild plugin that trims what Lambda never runs out of AWS SDK v3 bundles. Every SDK
 * client imports `defaultProvider` from `@aws-sdk/credential-provider-node`, a chain that
 * also reads SSO caches, INI files, `credential_process`, web identity tokens and EC2's
 * instance metadata, and bundles nested STS, SSO and sign-in clients (with the protocol code
 * only they use) for them: 126 KB of a 348 KB minified DynamoDB handler. Inside Lambda the
 * credentials are in environment variables. The plugin points that import at a small module with the same exports whose
 * chain is `fromEnv`, then `fromHttp` (container credentials) as a fallback; with
 * `tokenProviders` (default) it does the same for the SSO bearer-token chain Bedrock
 * Runtime's client imports.
 *
 * The stand-ins resolve their own imports from the real package's folder, so they use the
 * SDK versions your lockfile holds. Imports you mark `external` are left alone.
 *
 * @example
 * ```ts
 * // build.mjs
 * import { build } from "esbuild";
 * import { lambdaLean } from "@org/aws-core/esbuild";
 *
 * await build({
 *   entryPoints: ["src/handler.ts"],
 *   outfile: "dist/index.mjs",
 *   bundle: true,
 *   platform: "node",
 *   format: "esm",
 *   mainFields: ["module", "main"],
 *   plugins: [lambdaLean()],
 * });
 * ```
 */
export function lambdaLean(options: LambdaLeanOptions = {}): Plugin {
  const containerCredentials = options.containerCredentials ?? true;
  const standIns: StandIn[] = [
    {
      filter: /^@aws-sdk\/credential-provider-node$/,
      source: () => leanCredentialProviderSource({ containerCredentials }),
    },
  ];
  if (options.tokenProviders ?? true) {
    standIns.push({ filter: /^@aws-sdk\/token-providers$/, source: leanTokenProvidersSource });
  }
  return {
    name: "lambda-lean",
    setup(build) {
      for (const standIn of standIns) redirect(build, standIn);
      build.onLoad({ filter: /.*/, namespace: LAMBDA_LEAN_NAMESPACE }, (args) => {
        const { resolveDir, source } = args.pluginData as StandInData;
        return { contents: source(), loader: "js", resolveDir };
      });
    },
  };
}

interface StandInData {
  /** The real module's folder: the stand-in's imports resolve from there. */
  readonly resolveDir: string;
  readonly source: () => string;
}

function redirect(build: PluginBuild, { filter, source }: StandIn): void {
  build.onResolve({ filter }, async (args) => {
    // The stand-in's own imports, and our lookups of the real module, resolve normally.
    if (args.namespace === LAMBDA_LEAN_NAMESPACE || args.pluginData === RESOLVING) return;
    const real = await build.resolve(args.path, {
      kind: args.kind,
      importer: args.importer,
      namespace: args.namespace,
      resolveDir: args.resolveDir,
      pluginData: RESOLVING,
    });
    // Unresolvable: let esbuild report it as usual. External: the user wants it at runtime.
    if (real.errors.length > 0 || real.external || !real.path) return;
    return {
      path: real.path,
      namespace: LAMBDA_LEAN_NAMESPACE,
      pluginData: { resolveDir: dirname(real.path), source } satisfies StandInData,
    };
  });
}
