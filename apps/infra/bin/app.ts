/**
 * The CDK app: one environment-agnostic stack with the repo's Lambda apps.
 *
 * Context (all optional): `translationApiAssetPath`, `usersApiAssetPath` (bundle folders,
 * default `../translation-api/dist` and `../users-api/dist`), `bedrockModelId` and
 * `runtimeVersionArn` (pins both functions' runtime version).
 * @example
 * ```sh
 * pnpm --filter @org/infra exec cdk synth -c usersApiAssetPath=/tmp/users-dist
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
