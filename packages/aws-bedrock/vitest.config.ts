import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: { name: "aws-bedrock", include: ["test/**/*.test.ts"], testTimeout: 30_000 },
});
