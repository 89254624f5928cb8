export { LambdaFunction } from "./lambda-function";
export type { LambdaFunctionBuildOptions, LambdaFunctionProps } from "./types";
