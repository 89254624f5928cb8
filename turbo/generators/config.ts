// The repo's generators, run by @turbo/gen (`pnpm gen function <name>`, see scripts/gen.mjs
// and docs/new-function.md). @turbo/gen bundles this file with esbuild and loads it as
// CommonJS, from this folder.
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { PlopTypes } from "@turbo/gen";
import { type FunctionNames, functionNameProblem, functionNames } from "./function-name";
import { addToStack, type NamedImport } from "./stack-edit";
import { pinnedVersions } from "./workspace-versions";

/** The CDK stack new functions are added to, and the CDK app's manifest. */
export const INFRA_STACK = "apps/infra/lib/lambda-apps-stack.ts";
export const INFRA_MANIFEST = "apps/infra/package.json";

/**
 * Registers the `function` generator: a new app in `apps/<name>` like `apps/users-api`, and
 * its function in the CDK app.
 *
 * @example
 * ```sh
 * pnpm gen function orders-api
 * ```
 */
export default function generators(plop: PlopTypes.NodePlopAPI): void {
  const here = plop.getPlopfilePath();
  const root = resolve(here, "../..");
  plop.setGenerator("function", {
    description: "A new Lambda function: an app in apps/<name> and its construct in the CDK app",
    prompts: [
      {
        type: "input",
        name: "name",
        message: "The function's name (kebab-case, e.g. orders-api):",
        validate: (name: unknown) => functionNameProblem(name, root) ?? true,
      },
    ],
    actions: (answers) => functionActions(plop, root, functionNames(String(answers?.name))),
  });
}

function functionActions(
  plop: PlopTypes.NodePlopAPI,
  root: string,
  names: FunctionNames,
): PlopTypes.ActionType[] {
  const stackPath = join(root, INFRA_STACK);
  const manifestPath = join(root, INFRA_MANIFEST);
  const appDir = join(root, "apps", names.name);
  const templates = join(plop.getPlopfilePath(), "templates/function");
  // Everything is worked out before anything is written: a stack without its marker or a
  // version missing from the workspace stops the generator with nothing half-made.
  const data = { ...names, versions: pinnedVersions(root) };
  const code = plop.renderString(readFileSync(join(templates, "infra-stack.ts.hbs"), "utf8"), data);
  const stack = addToStack(readFileSync(stackPath, "utf8"), { code, imports: stackImports(names) });
  const manifest = withDependency(readFileSync(manifestPath, "utf8"), `@org/${names.name}`);

  const writeInfra: PlopTypes.CustomActionFunction = () => {
    writeFileSync(stackPath, stack);
    writeFileSync(manifestPath, manifest);
    return `${INFRA_STACK}, ${INFRA_MANIFEST} (modify)`;
  };
  const format: PlopTypes.CustomActionFunction = () => {
    // The templates are formatted already; the stack's new imports need sorting.
    const biome = createRequire(join(root, "package.json")).resolve("@biomejs/biome/bin/biome");
    const paths = [appDir, stackPath, manifestPath];
    const run = spawnSync(process.execPath, [biome, "check", "--write", ...paths], {
      cwd: root,
      encoding: "utf8",
    });
    if (run.status !== 0)
      throw new Error(`biome check --write failed:\n${run.stdout}${run.stderr}`.trim());
    return "formatted with biome";
  };

  return [
    {
      type: "addMany",
      destination: appDir,
      base: join(templates, "app"),
      templateFiles: join(templates, "app/**/*.hbs"),
      stripExtensions: ["hbs"],
      globOptions: { dot: false },
      data,
    },
    writeInfra,
    format,
    `Next: pnpm install (links @org/${names.name}), pnpm --filter @org/${names.name} test, ` +
      "then pnpm build && pnpm --filter @org/infra synth. docs/new-function.md: what to change next.",
  ];
}

// What the added stack code uses, whatever the stack imports already.
function stackImports({ name, apiName }: FunctionNames): NamedImport[] {
  return [
    { name: apiName, from: `@org/${name}/api` },
    { name: "LambdaFunction", from: "@org/aws-cdk" },
    { name: "Duration", from: "aws-cdk-lib" },
  ];
}

// The CDK app's package.json with the new app among its dependencies (it imports its api.ts).
function withDependency(manifestText: string, dependency: string): string {
  const manifest = JSON.parse(manifestText) as { dependencies?: Record<string, string> };
  const dependencies = { ...manifest.dependencies, [dependency]: "workspace:*" };
  manifest.dependencies = Object.fromEntries(
    Object.entries(dependencies).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
