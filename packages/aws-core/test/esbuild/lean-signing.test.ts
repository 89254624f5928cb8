import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { lambdaLean } from "../../src/esbuild/index";
import { bundle, writeBundle } from "./bundle-helpers";

const handlerFile = fileURLToPath(new URL("./fixtures/dynamo-package-handler.ts", import.meta.url));
const CONTAINER_KEY = "ASIACONTAINER";

// One loopback server plays DynamoDB (it records who signed each request) and the
// container-credentials endpoint of ECS, EKS Pod Identity or Lambda's own features.
let server: Server;
let endpoint = "";
let signedBy: string[] = [];
let credentialRequests = 0;

function startServer(): Promise<void> {
  server = createServer((request, response) => {
    if (request.url === "/credentials") {
      credentialRequests += 1;
      response.setHeader("content-type", "application/json");
      response.end(
        JSON.stringify({
          AccessKeyId: CONTAINER_KEY,
          SecretAccessKey: "container-secret",
          Token: "container-token",
          Expiration: new Date(Date.now() + 3_600_000).toISOString(),
        }),
      );
      return;
    }
    const credential = /Credential=([^/]+)\//.exec(request.headers.authorization ?? "");
    signedBy.push(credential?.[1] ?? "unsigned");
    response.setHeader("content-type", "application/x-amz-json-1.0");
    const isGet = request.headers["x-amz-target"] === "DynamoDB_20120810.GetItem";
    response.end(JSON.stringify(isGet ? { Item: { PK: { S: "USER#1" } } } : {}));
  });
  server.listen(0, "127.0.0.1");
  return once(server, "listening").then(() => {
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
}

describe("a lean bundle signs its requests", () => {
  let written: ReturnType<typeof writeBundle> | undefined;

  beforeAll(async () => {
    await startServer();
    written = writeBundle((await bundle({ file: handlerFile }, [lambdaLean()])).code);
    writeFileSync(
      join(written.dir, "run.mjs"),
      `import { handler } from "./bundle.mjs";
console.log(JSON.stringify(await handler({ table: "t", id: "1", name: "Ada" })));`,
    );
  }, 120_000);
  beforeEach(() => {
    signedBy = [];
    credentialRequests = 0;
  });
  afterAll(async () => {
    written?.cleanup();
    server?.close();
  });

  // A process of its own with only what Lambda would set (the server answers in this
  // process, so the child runs asynchronously).
  async function runHandler(env: Record<string, string>): Promise<unknown> {
    const child = spawn(process.execPath, ["run.mjs"], {
      cwd: written?.dir,
      env: { PATH: process.env.PATH ?? "", AWS_REGION: "us-east-1", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const [code] = await once(child, "exit");
    if (code !== 0) throw new Error(`handler exited ${code}: ${stderr}`);
    return JSON.parse(stdout);
  }

  it("with Lambda's credentials from the environment", async () => {
    const result = await runHandler({
      AWS_ACCESS_KEY_ID: "ASIAENVIRONMENT",
      AWS_SECRET_ACCESS_KEY: "environment-secret",
      AWS_SESSION_TOKEN: "environment-token",
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    });
    expect(result).toEqual({ PK: "USER#1" });
    expect(signedBy).toEqual(["ASIAENVIRONMENT", "ASIAENVIRONMENT"]);
    expect(credentialRequests).toBe(0);
  });

  it("with credentials from a container-credentials endpoint, fetched once", async () => {
    const result = await runHandler({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint}/credentials`,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    });
    expect(result).toEqual({ PK: "USER#1" });
    expect(signedBy).toEqual([CONTAINER_KEY, CONTAINER_KEY]);
    expect(credentialRequests).toBe(1);
  });
});
