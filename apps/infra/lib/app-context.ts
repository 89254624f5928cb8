import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Node } from "constructs";

/** The folder holding `apps/` (this file is `apps/infra/lib/app-context.ts`). */
const appsDir = fileURLToPath(new URL("../..", import.meta.url));

/** What the CDK app reads from its context (`cdk.json`, `cdk.context.json` or `-c key=value`). */
export interface AppContext {
  /** Folder of translation-api's bundle. Context `translationApiAssetPath`. */
  readonly translationApiAssetPath: string;
  /** Folder of users-api's bundle. Context `usersApiAssetPath`. */
  readonly usersApiAssetPath: string;
  /** The Bedrock model translation-api may invoke. Context `bedrockModelId`. */
  readonly bedrockModelId: string | undefined;
  /** The runtime version both functions are pinned to. Context `runtimeVersionArn`. */
  readonly runtimeVersionArn: string | undefined;
}

/**
 * Reads the app's settings from the construct tree's context. Asset paths given on the
 * command line are relative to the working directory (`apps/infra` under `cdk`); the
 * defaults are the apps' own `dist/` folders, wherever the command runs from.
 * @throws Error when a bundle folder has no `index.mjs` (the app is not built yet).
 */
export function readAppContext(node: Node): AppContext {
  return {
    translationApiAssetPath: bundleDir(node, "translationApiAssetPath", "translation-api"),
    usersApiAssetPath: bundleDir(node, "usersApiAssetPath", "users-api"),
    bedrockModelId: optionalString(node, "bedrockModelId"),
    runtimeVersionArn: optionalString(node, "runtimeVersionArn"),
  };
}

/** The absolute bundle folder of `app`, checked to hold the `index.handler` module. */
function bundleDir(node: Node, key: string, app: string): string {
  const given = optionalString(node, key);
  const dir = given === undefined ? join(appsDir, app, "dist") : resolve(given);
  if (!existsSync(join(dir, "index.mjs")) && !existsSync(join(dir, "index.js"))) {
    throw new Error(
      `${app}: no bundle at ${dir} (index.mjs is missing). Build it first ` +
        `(pnpm --filter @org/${app} build) or pass another folder with -c ${key}=<dir>.`,
    );
  }
  return dir;
}

function optionalString(node: Node, key: string): string | undefined {
  const value: unknown = node.tryGetContext(key);
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`context ${key} must be a string`);
  return value;
}
