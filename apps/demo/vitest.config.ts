import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: { name: "demo", include: ["test/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 120_000 },
});
