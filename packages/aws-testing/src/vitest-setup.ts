/**
 * The vitest setup file of `@org/aws-testing`: registers the aws-sdk-client-mock matchers
 * (`toHaveReceivedCommandWith`, ...) with their types, and after each test restores the
 * mocks made with this package and resets every client, table-handle cache and token
 * verifier (with its JWKS cache), with `resetAll()` of `@org/aws-core`.
 *
 * @example
 * ```ts
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ["@org/aws-testing/vitest-setup"] } });
 * ```
 */
import "aws-sdk-client-mock-vitest/extend";
import { resetAll } from "@org/aws-core";
import { afterEach } from "vitest";
import { restoreMocks } from "./mocks/mock-client";

afterEach(() => {
  restoreMocks();
  resetAll();
});
