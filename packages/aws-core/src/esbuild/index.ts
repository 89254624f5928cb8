export { lambdaBuildOptions } from "./build-options";
export {
  type CompileCacheOptions,
  type CompileCacheResult,
  writeCompileCache,
} from "./compile-cache";
export { type ExecWrapper, type ExecWrapperOptions, writeExecWrapper } from "./exec-wrapper";
export { lambdaLean } from "./lambda-lean";
export { loadedAtStart } from "./loaded-at-start";
export type { LambdaBuildPresetOptions, LambdaLeanOptions } from "./types";
