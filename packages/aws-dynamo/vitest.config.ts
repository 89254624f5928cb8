import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "aws-dynamo",
    include: ["test/**/*.test.ts"],
    // Type tests (`expectTypeOf`, `@ts-expect-error`): checked by tsc, not run.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "test/tsconfig.typecheck.json",
    },
    // Starts DynamoDB Local once for the whole project (Java 17, in memory, 127.0.0.1).
    globalSetup: ["../aws-testing/src/local/dynamodb-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
