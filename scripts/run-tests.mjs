// Runs every vitest project on the Node.js that runs this script (the one in .nvmrc, through
// scripts/pnpm), then the package projects again on Node.js 22, the oldest Lambda runtime
// the packages support. Each run writes vitest's JSON report; .ci/run adds them up.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";

const PACKAGE_PROJECTS = [
  "aws-core",
  "aws-dynamo",
  "aws-cognito",
  "aws-bedrock",
  "aws-testing",
  "aws",
  "aws-cdk",
];
const OLDEST_NODE = "22";
const VITEST = ["node_modules/vitest/vitest.mjs", "run"];
const reporters = (file) => ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];

// `node` on Node.js <major>, fetched from the npm registry by npx (cached after the first run).
const onNode = (major, args, options = {}) =>
  spawnSync("npx", ["--yes", "-p", `node@${major}`, "--", "node", ...args], options);

mkdirSync("reports", { recursive: true });

console.log(`\n=== vitest, every project, on Node.js ${process.version}`);
const current = spawnSync(
  process.execPath,
  [...VITEST, ...reporters("reports/vitest-results.json")],
  { stdio: "inherit" },
).status;

const oldestVersion = onNode(OLDEST_NODE, ["--version"], { encoding: "utf8" }).stdout?.trim();
console.log(`\n=== vitest, the package projects, on Node.js ${oldestVersion}`);
const projects = PACKAGE_PROJECTS.flatMap((name) => ["--project", name]);
const oldest = onNode(
  OLDEST_NODE,
  [...VITEST, ...projects, ...reporters("reports/vitest-results-node22.json")],
  { stdio: "inherit" },
).status;

process.exit(current === 0 && oldest === 0 ? 0 : 1);
