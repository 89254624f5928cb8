import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./workspace";

// Every TypeScript example of the READMEs and docs/ is type-checked against the packages'
// sources: a doc must not promise an import, a member or an option that does not exist. An
// example is a fragment, so names it does not declare (`event`, `QueueUrl`, `handler`'s
// inputs) are let be; everything else TypeScript reports is an error of the doc.
const DOCS = [
  "README.md",
  "docs/migration.md",
  "docs/recipes.md",
  "docs/cold-start.md",
  "docs/new-function.md",
  "packages/aws-core/README.md",
  "packages/aws-dynamo/README.md",
  "packages/aws-cognito/README.md",
  "packages/aws-bedrock/README.md",
  "packages/aws-testing/README.md",
  "packages/aws/README.md",
  "packages/aws-cdk/README.md",
];

// What a fragment may leave undeclared or untyped, and nothing else.
const FRAGMENT_DIAGNOSTICS = new Set([
  2304, // Cannot find name 'x'
  2552, // Cannot find name 'x'. Did you mean 'y'?
  2582, // Cannot find name 'describe'/'it' (test examples without vitest's globals)
  2593, // the same, worded for test runners
  18004, // No value in scope for the shorthand property 'x' ({ QueueUrl })
  18046, // 'error' is of type 'unknown' (a catch clause in a fragment)
  1108, // 'return' outside a function: the body of a handler, shown alone
  7006, // Parameter 'x' implicitly has an 'any' type
  7031, // Binding element 'x' implicitly has an 'any' type
  2307, // Cannot find module: only for modules that are not ours (see below)
]);

interface Example {
  readonly doc: string;
  readonly line: number;
  readonly code: string;
}

function examples(): Example[] {
  const found: Example[] = [];
  for (const doc of DOCS) {
    const text = readFileSync(join(repoRoot, doc), "utf8");
    const fence = /^```(ts|typescript)\n([\s\S]*?)^```$/gm;
    for (const match of text.matchAll(fence)) {
      const line = text.slice(0, match.index).split("\n").length;
      found.push({ doc, line, code: match[2] as string });
    }
  }
  return found;
}

// Beside the integrations' modules, so that Powertools, Middy, dynamodb-toolbox and ElectroDB
// resolve with their types.
const scratch = join(repoRoot, "integrations", "node_modules", ".doc-examples");

function typeCheck(all: readonly Example[]): Map<Example, string[]> {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const files = all.map((example, i) => {
    const file = join(scratch, `example-${i}.ts`);
    // `export {}` makes each example a module of its own (top-level await allowed).
    writeFileSync(file, `${example.code}\nexport {};\n`);
    return file;
  });
  const packages = join(repoRoot, "packages");
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Preserve,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2023.d.ts"],
    types: ["node"],
    typeRoots: [join(repoRoot, "node_modules", "@types")],
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
    baseUrl: repoRoot,
    paths: {
      "@org/aws": [`${packages}/aws/src/index.ts`],
      "@org/aws/*": [`${packages}/aws/src/*/index.ts`],
      "@org/*/esbuild": [`${packages}/*/src/esbuild/index.ts`],
      "@org/*/middy": [`${packages}/*/src/middy/index.ts`],
      "@org/*": [`${packages}/*/src/index.ts`, `${packages}/*/src/*/index.ts`],
    },
  });
  const errors = new Map<Example, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const index = files.indexOf(diagnostic.file?.fileName ?? "");
    const example = all[index];
    if (!example) continue;
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n");
    if (FRAGMENT_DIAGNOSTICS.has(diagnostic.code) && !isMissingOrgModule(diagnostic, message)) {
      continue;
    }
    const at =
      diagnostic.start === undefined
        ? 0
        : (diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start).line ?? 0);
    const list = errors.get(example) ?? [];
    list.push(`line ${example.line + 1 + at}: TS${diagnostic.code} ${message}`);
    errors.set(example, list);
  }
  return errors;
}

// An example may import a module of the reader's (`./sqs-sdk.js`) or a library the
// repository does not install (`@aws-sdk/client-sqs`); never a missing `@org/*` entry.
function isMissingOrgModule(diagnostic: ts.Diagnostic, message: string): boolean {
  return diagnostic.code === 2307 && /'@org\//.test(message);
}

describe("the examples in the docs", () => {
  const all = examples();
  const errors = typeCheck(all);

  it("are found", () => {
    expect(all.length).toBeGreaterThan(40);
  });

  it.each(DOCS)("%s: every example type-checks", (doc) => {
    const report = all
      .filter((example) => example.doc === doc)
      .flatMap((example) => errors.get(example) ?? [])
      .map((line) => `${relative(repoRoot, join(repoRoot, doc))} ${line}`);
    expect(report).toEqual([]);
  });
});
