import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "translation-api",
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../packages/aws-testing/src/vitest-setup.ts"],
  },
});
