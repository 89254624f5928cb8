import { defineProject } from "vitest/config";

// The cold-start benchmark's quick mode, as a test that it works (no timing assertions).
// No source aliases: like `pnpm bench`, it bundles and runs the packages' built dist/.
export default defineProject({
  test: {
    name: "bench",
    include: ["**/*.test.ts"],
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
