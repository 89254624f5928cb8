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
    // Starting DynamoDB Local (a JVM) in a beforeAll takes over 10 s on a busy machine.
    hookTimeout: 60_000,
  },
});
