import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lambdaLean } from "../../src/esbuild/index";
import { bundle, chainPackagesIn, writeBundle } from "./bundle-helpers";

// @org/aws-testing depends on this package, so this package cannot depend on it: its local
// stand-ins are loaded through the tests' workspace alias, typed here by what is used.
interface LocalStandIns {
  startDynamoLocal(): Promise<{ endpoint: string; stop(): Promise<void> }>;
  createTables(
    endpoint: string,
    tables: { name: string; partitionKey: string; sortKey?: string }[],
  ): Promise<void>;
}
const AWS_TESTING_LOCAL = "@org/aws-testing/local";

const handlerFile = fileURLToPath(new URL("./fixtures/dynamo-package-handler.ts", import.meta.url));
const TABLE = "lean";

describe("a lean bundle of a @org/aws-dynamo handler, against DynamoDB Local", () => {
  let dynamo: { endpoint: string; stop(): Promise<void> } | undefined;
  let written: ReturnType<typeof writeBundle> | undefined;
  let inputs: string[] = [];

  beforeAll(async () => {
    const local = (await import(AWS_TESTING_LOCAL)) as LocalStandIns;
    dynamo = await local.startDynamoLocal();
    await local.createTables(dynamo.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);
    const lean = await bundle({ file: handlerFile }, [lambdaLean()]);
    inputs = lean.inputs;
    written = writeBundle(lean.code);
  }, 120_000);
  afterAll(async () => {
    written?.cleanup();
    await dynamo?.stop();
  });

  // A process of its own with a clean environment, as in Lambda: PATH and what is given.
  function runHandler(event: object, env: Record<string, string>) {
    const dir = written?.dir ?? "";
    writeFileSync(
      join(dir, "run.mjs"),
      `import { handler } from "./bundle.mjs";
try { console.log(JSON.stringify({ result: await handler(${JSON.stringify(event)}) })); }
catch (error) { console.log(JSON.stringify({ error: error.name, message: error.message })); }`,
    );
    const run = spawnSync(process.execPath, ["run.mjs"], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? "", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });
    return JSON.parse(run.stdout) as { result?: unknown; error?: string; message?: string };
  }

  it("has none of the unused credential providers or nested clients", () => {
    expect(chainPackagesIn(inputs)).toEqual([]);
  });

  it("puts and gets an item with dummy credentials from the environment", () => {
    const outcome = runHandler(
      { table: TABLE, id: "42", name: "Ada" },
      {
        AWS_REGION: "us-east-1",
        AWS_ACCESS_KEY_ID: "local",
        AWS_SECRET_ACCESS_KEY: "local",
        AWS_ENDPOINT_URL_DYNAMODB: dynamo?.endpoint ?? "",
      },
    );
    expect(outcome).toEqual({ result: { PK: "USER#42", SK: "USER#42", name: "Ada" } });
  });

  it("fails clearly, naming the lean build, when the environment has no credentials", () => {
    const outcome = runHandler(
      { table: TABLE, id: "1", name: "x" },
      { AWS_REGION: "us-east-1", AWS_ENDPOINT_URL_DYNAMODB: dynamo?.endpoint ?? "" },
    );
    expect(outcome.error).toBe("CredentialsProviderError");
    expect(outcome.message).toMatch(/lambdaLean\(\)/);
  });
});
