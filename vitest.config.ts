import { defineConfig } from "vitest/config";

// One run over every package, app and repo-wide test; each project has its own config.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "integrations", "tests", "bench"],
  },
});
