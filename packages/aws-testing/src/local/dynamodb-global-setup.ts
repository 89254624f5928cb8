import { localStandIns } from "./local-stand-ins";

/**
 * A ready-made vitest `globalSetup` that starts DynamoDB Local alone for a test project
 * (`localStandIns({ dynamodb: true })`).
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({
 *   test: { globalSetup: ["@org/aws-testing/local/dynamodb-global-setup"] },
 * });
 * ```
 */
export default localStandIns({ dynamodb: true });
