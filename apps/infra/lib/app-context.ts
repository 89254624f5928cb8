import type { LambdaFunctionBuildOptions } from "@org/aws-cdk";
import type { Node } from "constructs";

/** What the CDK app reads from its context (`cdk.json`, `cdk.context.json` or `-c key=value`). */
export interface AppContext {
  /** The Bedrock model translation-api may invoke. Context `bedrockModelId`. */
  readonly bedrockModelId: string | undefined;
  /** The runtime version both functions are pinned to. Context `runtimeVersionArn`. */
  readonly runtimeVersionArn: string | undefined;
  /** The runtime's exact Node.js version, which makes the compile caches. Context `nodeVersion`. */
  readonly nodeVersion: string | undefined;
  /** The build's parts: `-c compileCache=false` builds without the compile cache. */
  readonly build: LambdaFunctionBuildOptions;
}

/**
 * Reads the app's settings from the construct tree's context. Values given with `-c` arrive
 * as strings: `compileCache` takes `true` or `false`.
 */
export function readAppContext(node: Node): AppContext {
  const compileCache = optionalBoolean(node, "compileCache");
  return {
    bedrockModelId: optionalString(node, "bedrockModelId"),
    runtimeVersionArn: optionalString(node, "runtimeVersionArn"),
    nodeVersion: optionalString(node, "nodeVersion"),
    build: compileCache === undefined ? {} : { compileCache },
  };
}

function optionalString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`context ${key} must be a string`);
  return value;
}

function optionalBoolean(node: Node, key: string): boolean | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === "") return undefined;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new Error(`context ${key} must be true or false`);
}
