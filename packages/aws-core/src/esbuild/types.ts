import type { Metafile } from "esbuild";

/**
 * Options of {@link lambdaLean}.
 *
 * @example
 * ```ts
 * import { lambdaLean } from "@org/aws-core/esbuild";
 *
 * // Environment variables only: what Lambda gives every function.
 * const plugin = lambdaLean({ containerCredentials: false });
 * ```
 */
export interface LambdaLeanOptions {
  /**
   * Keep container credentials (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`, read
   * with `fromHttp` of `@aws-sdk/credential-provider-http`) as the fallback after environment
   * variables. Lambda itself always sets `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and
   * `AWS_SESSION_TOKEN`; the fallback (loaded only if used) adds about 10 KB minified, 3.5 KB
   * gzip, and covers a bundle that also runs in a container (ECS, EKS Pod Identity, CodeBuild)
   * or a Lambda feature that hands out credentials that way. Default `true`.
   */
  readonly containerCredentials?: boolean | undefined;
  /**
   * Replace the SDK's default bearer-token chain (`nodeProvider` of `@aws-sdk/token-providers`,
   * which only reads the SSO token cache of `~/.aws/sso` through a nested SSO OIDC client) with
   * one that says no token is available. Bearer tokens from the environment
   * (`AWS_BEARER_TOKEN_BEDROCK`) keep working: the SDK reads them with `fromEnvSigningName`,
   * which is kept. Only Bedrock Runtime imports this chain. Default `true`.
   */
  readonly tokenProviders?: boolean | undefined;
}

/**
 * Options of {@link lambdaBuildOptions}: {@link LambdaLeanOptions} plus whether to trim at all,
 * the target, and whether to split the bundle.
 *
 * @example
 * ```ts
 * const options = lambdaBuildOptions({ lean: process.env.LAMBDA_LEAN === "1", splitting: false });
 * ```
 */
export interface LambdaBuildPresetOptions extends LambdaLeanOptions {
  /** Add the {@link lambdaLean} plugin. Default `true`. */
  readonly lean?: boolean | undefined;
  /** esbuild `target`. Default `"node22"`: the oldest Node.js Lambda runtime still supported. */
  readonly target?: string | undefined;
  /**
   * Split the bundle into an entry module and chunks (`chunks/*.mjs`), so code reached only
   * through `import()` is read only when a request uses it. Needs `outdir`, not `outfile`.
   * `false` gives one file. Default `true`.
   */
  readonly splitting?: boolean | undefined;
}

/**
 * The Lambda Node.js runtimes {@link buildLambda} builds for.
 *
 * @example
 * ```ts
 * const runtime: LambdaNodeRuntime = "nodejs24.x";
 * ```
 */
export type LambdaNodeRuntime = "nodejs24.x" | "nodejs22.x";

/**
 * Lambda's names of its processor architectures (Graviton is `arm64`; Node.js says `x64` for
 * `x86_64`).
 *
 * @example
 * ```ts
 * const architecture: LambdaArchitecture = process.arch === "arm64" ? "arm64" : "x86_64";
 * ```
 */
export type LambdaArchitecture = "arm64" | "x86_64";

/**
 * Options of {@link buildLambda}: the handler, the folder to fill, the function it is for, and
 * each part of the cold-start recipe (all on by default).
 *
 * @example
 * ```ts
 * import { buildLambda } from "@org/aws-core/esbuild";
 *
 * // An x86_64 function on a pinned runtime, without code splitting:
 * await buildLambda({
 *   entry: "src/handler.ts",
 *   outdir: "dist",
 *   architecture: "x86_64",
 *   nodeVersion: "24.12.0",
 *   splitting: false,
 * });
 * ```
 */
export interface BuildLambdaOptions {
  /** The handler module (it exports `handler`), as esbuild resolves it from the working folder. */
  readonly entry: string;
  /**
   * The folder to fill: emptied first, then it holds the function's code and nothing else
   * (deploy all of it). It must not be the working folder, a folder above it, or hold `entry`.
   */
  readonly outdir: string;
  /** The function's runtime. Default `"nodejs24.x"`. */
  readonly runtime?: LambdaNodeRuntime | undefined;
  /** The function's architecture, in Lambda's names. Default `"arm64"`. */
  readonly architecture?: LambdaArchitecture | undefined;
  /**
   * The runtime's exact Node.js version (what `process.version` prints in the function, e.g.
   * `"24.12.0"`): the compile cache is made by that Node.js, or Lambda ignores it. Default: the
   * Node.js running the build when its major is the runtime's; otherwise no cache is made
   * (a line in `skipped` says so).
   */
  readonly nodeVersion?: string | undefined;
  /** Trim the SDK's credential chains with {@link lambdaLean}. Default `true`. */
  readonly lean?: boolean | undefined;
  /** Split the bundle into the entry and `chunks/*.mjs` (code reached by `import()` read only when used). Default `true`. */
  readonly splitting?: boolean | undefined;
  /**
   * Write `start-node.sh`, the exec wrapper that starts the runtime without `--expose-gc`;
   * the function then needs the build's `environment`. Default `true`.
   */
  readonly execWrapper?: boolean | undefined;
  /** Ship V8's compile cache of the bundle, made by the runtime's Node.js. Default `true`. */
  readonly compileCache?: boolean | undefined;
}

/**
 * What {@link buildLambda} made: the folder to deploy, the function settings it needs, the
 * sizes, and the parts of the recipe it could not make.
 *
 * @example
 * ```ts
 * import { buildLambda } from "@org/aws-core/esbuild";
 *
 * const built = await buildLambda({ entry: "src/handler.ts", outdir: "dist" });
 * for (const line of built.skipped) console.warn(line);
 * console.log(`${built.handler}: ${built.bytes.atStart} bytes read at a cold start`);
 * ```
 */
export interface LambdaBuild {
  /** The filled folder, absolute: the function's code. */
  readonly outdir: string;
  /** The function's handler setting: always `"index.handler"`. */
  readonly handler: string;
  /**
   * Variables the function needs for what the folder holds:
   * `{ AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" }` with the exec wrapper, else `{}`.
   */
  readonly environment: Readonly<Record<string, string>>;
  readonly runtime: LambdaNodeRuntime;
  readonly architecture: LambdaArchitecture;
  /**
   * Sizes of the bundle's files (the loader, the wrapper and the cache not counted): its entry
   * module, what a cold start reads (the entry and the chunks it imports statically), and all.
   */
  readonly bytes: { readonly entry: number; readonly atStart: number; readonly total: number };
  /** The compile cache shipped in `outdir`; `undefined` when none was made. */
  readonly compileCache?:
    | {
        /** The Node.js version it is for: the runtime's, exactly. */
        readonly nodeVersion: string;
        /** Its folder, named by Node.js for that version, architecture, V8 and Lambda's user (993). */
        readonly directory: string;
        readonly bytes: number;
      }
    | undefined;
  /**
   * One line per part of the recipe that was asked for and not made, and why (a compile
   * cache that cannot be made for the target, a chunk that could not be cached). Empty when
   * everything asked for is there. The build itself succeeded either way.
   */
  readonly skipped: readonly string[];
  /**
   * esbuild's metafile of the bundle (paths relative to the working folder). Not written into
   * `outdir`, which holds only the function's code: write it beside if a test needs it.
   */
  readonly metafile: Metafile;
}
