import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "integrations",
    include: ["test/**/*.test.ts"],
    // DynamoDB Local for the modelling libraries (Java 17, in memory, 127.0.0.1).
    globalSetup: ["../packages/aws-testing/src/local/dynamodb-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
