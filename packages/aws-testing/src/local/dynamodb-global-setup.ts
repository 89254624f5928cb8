import { startDynamoLocal } from "./dynamodb-local";
import { useLocalCredentials } from "./local-credentials";

/**
 * A vitest `globalSetup` that starts DynamoDB Local once for a test project, points the SDK
 * at it (`AWS_ENDPOINT_URL_DYNAMODB`, a region and dummy credentials for the test workers)
 * and stops it after the run.
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({
 *   test: { globalSetup: ["@org/aws-testing/local/dynamodb-global-setup"] },
 * });
 * ```
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dynamo = await startDynamoLocal();
  useLocalCredentials();
  process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
  return () => dynamo.stop();
}
