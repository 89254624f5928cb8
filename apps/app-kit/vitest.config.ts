import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "app-kit",
    include: ["test/**/*.test.ts"],
    setupFiles: ["../../packages/aws-testing/src/vitest-setup.ts"],
    // Powertools writes to stdout itself; the tests that read its output turn it back on.
    env: { POWERTOOLS_LOG_LEVEL: "SILENT", POWERTOOLS_METRICS_DISABLED: "true" },
  },
});
