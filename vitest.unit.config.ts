import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { workspaceSourceAliases } from "./vitest.shared.ts";

// The fast lane (`pnpm test:unit`): every test that needs neither Java (DynamoDB Local), nor
// the runtime interface client's native build, nor a registry, nor built packages. Each
// project is the same folder's tests as in `vitest.config.ts`, minus those files.
const lane = (
  dir: string,
  include: string[],
  test: TestProjectInlineConfiguration["test"] = {},
): TestProjectInlineConfiguration => ({
  root: dir,
  resolve: { alias: workspaceSourceAliases },
  test: { name: `${dir.split("/").pop()} (unit)`, include, testTimeout: 30_000, ...test },
});

const withTestingSetup = {
  setupFiles: ["../../packages/aws-testing/src/vitest-setup.ts"],
  // Powertools writes to stdout itself; the tests that read its output turn it back on.
  env: { POWERTOOLS_LOG_LEVEL: "SILENT", POWERTOOLS_METRICS_DISABLED: "true" },
};

export default defineConfig({
  test: {
    projects: [
      lane("packages/aws-core", ["test/**/*.test.ts"], {
        // DynamoDB Local, and a second Node.js from the registry.
        exclude: ["test/esbuild/lean-dynamodb-local.test.ts", "test/esbuild/compile-cache.test.ts"],
        // The type tests, as in packages/aws-core/vitest.config.ts.
        typecheck: {
          enabled: true,
          include: ["test/**/*.test-d.ts"],
          tsconfig: "test/tsconfig.typecheck.json",
        },
      }),
      lane("packages/aws-dynamo", ["test/unit/**/*.test.ts"]),
      lane("packages/aws-cognito", ["test/unit/**/*.test.ts"]),
      lane("packages/aws-bedrock", ["test/unit/**/*.test.ts"]),
      lane("packages/aws", ["test/facade.test.ts"]),
      lane("packages/aws-testing", ["test/{events,mocks,duplicate-sdk-packages}.test.ts"], {
        setupFiles: ["./src/vitest-setup.ts"],
        unstubEnvs: true,
      }),
      lane("apps/app-kit", ["test/**/*.test.ts"], withTestingSetup),
      lane("apps/users-api", ["test/handler.test.ts"], withTestingSetup),
      lane("apps/translation-api", ["test/handler.test.ts"], withTestingSetup),
      lane("apps/local-runner", ["test/{route-table,http-api-response}.test.ts"]),
      lane("apps/infra", ["test/**/*.test.ts"], { testTimeout: 60_000, hookTimeout: 60_000 }),
      lane("apps/demo", ["test/data-check.test.ts"]),
      lane("tests", ["{workflows,reset-all,no-import-work,client-shape,doc-examples}.test.ts"]),
    ],
  },
});
