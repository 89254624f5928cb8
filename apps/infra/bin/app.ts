/**
 * The CDK app: one environment-agnostic stack with the repo's Lambda apps, whose functions
 * are built from their sources at synth (`LambdaFunction` of `@org/aws-cdk`).
 *
 * Context (all optional): `bedrockModelId`; `runtimeVersionArn` (pins both functions'
 * runtime version) with `nodeVersion` (that runtime's exact Node.js, which makes the compile
 * caches); `compileCache=false` (build without the compile cache: no emulator, no Node.js
 * download).
 * @example
 * ```sh
 * pnpm --filter @org/infra exec cdk synth -c compileCache=false
 * ```
 */
import { App } from "aws-cdk-lib";
import { readAppContext } from "../lib/app-context";
import { LambdaAppsStack } from "../lib/lambda-apps-stack";

const app = new App();
new LambdaAppsStack(app, "LambdaApps", {
  description: "Sample Lambda apps (translation-api, users-api) behind an HTTP API",
  ...readAppContext(app.node),
});
