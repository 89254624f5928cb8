import type { BuildLambdaOptions, LambdaBuild } from "@org/aws-core/esbuild";

/** What the build worker gets on stdin, as JSON: `buildLambda()`'s options but `outdir`. */
export type WorkerOptions = Omit<BuildLambdaOptions, "outdir">;

/** The build as the worker reports it: esbuild's metafile stays behind (large, not needed). */
export type WorkerBuild = Omit<LambdaBuild, "metafile">;

/** The worker's last line on stdout, as JSON. */
export type WorkerReply =
  | { readonly ok: true; readonly build: WorkerBuild }
  | { readonly ok: false; readonly message: string };
