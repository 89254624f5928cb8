export { buildLambda } from "./build-lambda";
export { lambdaBuildOptions } from "./build-options";
export { lambdaLean } from "./lambda-lean";
export { loadedAtStart } from "./loaded-at-start";
export type {
  BuildLambdaOptions,
  LambdaArchitecture,
  LambdaBuild,
  LambdaBuildPresetOptions,
  LambdaLeanOptions,
  LambdaNodeRuntime,
} from "./types";
