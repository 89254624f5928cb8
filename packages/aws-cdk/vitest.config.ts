import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "aws-cdk",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
