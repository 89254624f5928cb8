import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "aws-testing",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./src/vitest-setup.ts"],
    unstubEnvs: true,
    testTimeout: 60_000,
  },
});
