export { CREATE_REQUIRE_BANNER, LAMBDA_CHUNK_NAMES, lambdaBuildOptions } from "./build-options";
export {
  COMPILE_CACHE_DIR,
  type CompileCacheOptions,
  type CompileCacheResult,
  LAMBDA_SANDBOX_UID,
  writeCompileCache,
} from "./compile-cache";
export { type ExecWrapper, type ExecWrapperOptions, writeExecWrapper } from "./exec-wrapper";
export { LAMBDA_LEAN_NAMESPACE, lambdaLean } from "./lambda-lean";
export { loadedAtStart } from "./loaded-at-start";
export type { LambdaBuildPresetOptions, LambdaLeanOptions } from "./types";
