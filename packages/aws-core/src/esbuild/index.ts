export { CREATE_REQUIRE_BANNER, lambdaBuildOptions } from "./build-options";
export { LAMBDA_LEAN_NAMESPACE, lambdaLean } from "./lambda-lean";
export type { LambdaBuildPresetOptions, LambdaLeanOptions } from "./types";
