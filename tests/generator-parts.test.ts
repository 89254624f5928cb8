import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PlopTypes } from "@turbo/gen";
import { afterAll, describe, expect, it } from "vitest";
import generators from "../turbo/generators/config";
import {
  functionNameProblem,
  functionNames,
  MAX_FUNCTION_NAME_LENGTH,
} from "../turbo/generators/function-name";
import { addToStack, ensureImport, FUNCTIONS_MARKER } from "../turbo/generators/stack-edit";
import { repoRoot } from "./workspace";

// The parts of `pnpm gen function` that need no copy of the repo: its name rules and its
// edits of the CDK stack. tests/generator.test.ts runs the whole of it.

const root = mkdtempSync(join(tmpdir(), "gen-names-"));
for (const dir of ["apps/users-api", "apps/infra", "packages/aws-core"])
  mkdirSync(join(root, dir), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("function names", () => {
  it.each(["orders-api", "orders", "s3-reader-2", "a".repeat(MAX_FUNCTION_NAME_LENGTH)])(
    "takes %s",
    (name) => {
      expect(functionNameProblem(name, root)).toBeUndefined();
    },
  );

  it.each([
    ["", /give the function a name/],
    [undefined, /give the function a name/],
    ["a".repeat(MAX_FUNCTION_NAME_LENGTH + 1), /at most 40 characters/],
    ["OrdersApi", /kebab-case/],
    ["orders_api", /kebab-case/],
    ["orders--api", /kebab-case/],
    ["-orders", /kebab-case/],
    ["orders-", /kebab-case/],
    ["2-orders", /kebab-case/],
    ["../orders", /kebab-case/],
    ["users-api", /"users-api" is taken: apps\/users-api already exists/],
    ["users", /"users" is taken: apps\/users-api already exists/],
    ["infra", /taken: apps\/infra/],
    ["aws-core", /taken: packages\/aws-core/],
  ])("refuses %j", (name, problem) => {
    expect(functionNameProblem(name, root)).toMatch(problem);
  });

  it("derives the names of the code from the kebab-case name", () => {
    expect(functionNames("orders-api")).toEqual({
      name: "orders-api",
      apiName: "ordersApi",
      pascalName: "OrdersApi",
      keyPrefix: "ORDERS_API",
    });
    // `Api` always ends the constant: never a reserved word, never a bare name like `table`.
    expect(functionNames("delete").apiName).toBe("deleteApi");
    expect(functionNames("s3-reader-2")).toEqual(
      expect.objectContaining({ apiName: "s3Reader2Api", pascalName: "S3Reader2" }),
    );
  });

  it("is what the generator's prompt checks, against the repo's own apps", () => {
    let prompts: PlopTypes.Prompts | undefined;
    generators({
      getPlopfilePath: () => join(repoRoot, "turbo/generators"),
      setGenerator: (_name: string, config: Partial<PlopTypes.PlopGeneratorConfig>) => {
        prompts = config.prompts;
      },
    } as unknown as PlopTypes.NodePlopAPI);
    const validate = Array.isArray(prompts) ? prompts[0]?.validate : undefined;
    expect(validate?.("users-api")).toMatch(/taken: apps\/users-api/);
    expect(validate?.("Orders")).toMatch(/kebab-case/);
    expect(validate?.("a-new-function-name")).toBe(true);
  });
});

describe("adding a function to the CDK stack", () => {
  const stack = [
    'import { Stack } from "aws-cdk-lib";',
    'import type { Construct } from "constructs";',
    "",
    "export class AppStack extends Stack {",
    "  constructor(scope: Construct, id: string) {",
    "    super(scope, id);",
    `    ${FUNCTIONS_MARKER}`,
    "  }",
    "}",
    "",
  ].join("\n");

  it("puts the code before the marker, so the next function goes after it", () => {
    const code = "    new Thing(this, 'A');\n";
    const once = addToStack(stack, { code, imports: [] });
    const twice = addToStack(once, { code: "    new Thing(this, 'B');\n", imports: [] });
    expect(twice).toContain(
      `    new Thing(this, 'A');\n    new Thing(this, 'B');\n    ${FUNCTIONS_MARKER}\n`,
    );
  });

  it("refuses a stack without the marker, and a function it has already", () => {
    const code = "    new Thing(this, 'A');\n";
    expect(() => addToStack(stack.replace(FUNCTIONS_MARKER, ""), { code, imports: [] })).toThrow(
      `the CDK stack has no "${FUNCTIONS_MARKER}" line`,
    );
    const once = addToStack(stack, { code, imports: [] });
    expect(() => addToStack(once, { code, imports: [] })).toThrow(/already has this function/);
  });

  it("adds each import the code needs once, to the module's import when there is one", () => {
    const next = addToStack(stack, {
      code: "    new LambdaFunction(this, 'A');\n",
      imports: [
        { name: "LambdaFunction", from: "@org/aws-cdk" },
        { name: "Duration", from: "aws-cdk-lib" },
        { name: "Stack", from: "aws-cdk-lib" },
        // Imported as a type only: it becomes a value import.
        { name: "Construct", from: "constructs" },
      ],
    });
    expect(next.split("\n").slice(0, 4)).toEqual([
      'import { Stack, Duration } from "aws-cdk-lib";',
      'import { LambdaFunction } from "@org/aws-cdk";',
      'import { Construct } from "constructs";',
      "",
    ]);
  });

  it("extends a multi-line import, and turns a `type` name into a value", () => {
    const source = [
      "import {",
      "  ArnFormat,",
      "  type RemovalPolicy,",
      "  Stack,",
      '} from "aws-cdk-lib";',
      "",
      "const x = 1;",
    ].join("\n");
    expect(ensureImport(source, { name: "Duration", from: "aws-cdk-lib" })).toMatch(
      /^import \{ ArnFormat, type RemovalPolicy, Stack, Duration \} from "aws-cdk-lib";\n\n/,
    );
    expect(ensureImport(source, { name: "RemovalPolicy", from: "aws-cdk-lib" })).toMatch(
      /^import \{ ArnFormat, Stack, RemovalPolicy \} from "aws-cdk-lib";\n\n/,
    );
    // An alias binds its local name: `Duration as Time` is no `Duration`.
    const aliased = 'import { Duration as Time } from "aws-cdk-lib";\n';
    expect(ensureImport(aliased, { name: "Time", from: "aws-cdk-lib" })).toBe(aliased);
    expect(ensureImport(aliased, { name: "Duration", from: "aws-cdk-lib" })).toBe(
      'import { Duration as Time, Duration } from "aws-cdk-lib";\n',
    );
    expect(ensureImport(source, { name: "Stack", from: "aws-cdk-lib" })).toBe(source);
  });
});
