// `pnpm gen function <name>`: runs the repo's generator (turbo/generators/config.ts) with the
// @turbo/gen installed here, without prompts. Not `turbo gen`: turbo fetches @turbo/gen in
// its own version (`pnpm dlx @turbo/gen@<turbo's version>`), which needs the network and
// may not exist (turbo 2.11.11 has no @turbo/gen 2.11.11).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const USAGE = "usage: pnpm gen function <name>   (e.g. pnpm gen function orders-api)";
const GENERATORS = ["function"];

const root = fileURLToPath(new URL("..", import.meta.url));
const [generator, ...args] = process.argv.slice(2);
if (!generator || ["-h", "--help", "help"].includes(generator)) {
  console.log(USAGE);
  process.exit(generator ? 0 : 2);
}
if (!GENERATORS.includes(generator)) {
  console.error(`no generator "${generator}"; ${USAGE}`);
  process.exit(2);
}
// Without its name the generator would ask for it: this command never prompts.
if (args.length !== 1) {
  console.error(args.length ? `one name only, got ${args.length}; ${USAGE}` : USAGE);
  process.exit(2);
}

const require = createRequire(join(root, "package.json"));
const cli = join(dirname(require.resolve("@turbo/gen/package.json")), "dist/cli.js");
const run = spawnSync(
  process.execPath,
  [cli, "run", generator, "--root", root, "--args", ...args],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
  },
);
process.exit(run.status ?? 1);
