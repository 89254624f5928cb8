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
