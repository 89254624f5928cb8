import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "infra",
    include: ["test/**/*.test.ts"],
    // A synth loads aws-cdk-lib (a few seconds on a cold cache); the CLI test runs `cdk synth`.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
