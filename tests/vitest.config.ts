import { defineProject } from "vitest/config";
import { workspaceSourceAliases } from "../vitest.shared.ts";

export default defineProject({
  resolve: { alias: workspaceSourceAliases },
  test: { name: "repo", include: ["**/*.test.ts"], testTimeout: 60_000 },
});
