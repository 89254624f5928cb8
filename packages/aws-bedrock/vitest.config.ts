import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: {
    name: "aws-bedrock",
    include: ["test/**/*.test.ts"],
    // Type tests (`expectTypeOf`, `@ts-expect-error`): checked by tsc, not run.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "test/tsconfig.typecheck.json",
    },
    testTimeout: 30_000,
  },
});
