import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { loadedAtStart } from "@org/aws-core/esbuild";
import { type LocalBedrock, startLocalBedrock } from "@org/aws-testing/local";
import type { Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertBuilt, type BuiltVariant, buildVariant } from "./src/build-variants";
import { VARIANTS } from "./src/variants";

// The three-client handler of variants (11c) to (11e): what each build loads at start, and
// that the routes the benchmark does not time work in the split build.
const outDir = mkdtempSync(join(tmpdir(), "three-clients-"));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

const SDKS = ["/@aws-sdk/client-bedrock-runtime/", "/@aws-sdk/client-cognito-identity-provider/"];

// getUserFromToken asks Cognito only about an access token of the function's user pool and app
// client (COGNITO_USER_POOL_ID, COGNITO_CLIENT_ID); Cognito judges the rest, signature included.
const USER_POOL_ID = "us-east-1_Bench1";
const CLIENT_ID = "bench-client";
const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const ACCESS_TOKEN = [
  part({ alg: "RS256", kid: "bench" }),
  part({
    iss: `https://cognito-idp.us-east-1.amazonaws.com/${USER_POOL_ID}`,
    token_use: "access",
    client_id: CLIENT_ID,
    sub: "bench",
    username: "bench",
  }),
  "c2lnbmF0dXJl",
].join(".");

async function built(id: string): Promise<BuiltVariant> {
  const variant = VARIANTS.find((v) => v.id === id);
  if (!variant) throw new Error(`no variant ${id}`);
  return buildVariant(variant, outDir, "nodejs24.x");
}

/** The SDKs among the inputs of the files a cold start reads (the entry and its static imports). */
function sdksLoadedAtStart(dir: string): string[] {
  const meta = JSON.parse(readFileSync(join(dir, "meta.json"), "utf8")) as Metafile;
  // buildLambda() builds from the working folder: the metafile's paths are relative to it.
  const atStart = loadedAtStart(meta, relative(process.cwd(), join(dir, "index.mjs")));
  const inputs = [...atStart].flatMap((file) => Object.keys(meta.outputs[file]?.inputs ?? {}));
  return SDKS.filter((sdk) => inputs.some((input) => input.includes(sdk)));
}

describe("the three-client handler", () => {
  let split: BuiltVariant;
  let bedrock: LocalBedrock;
  let cognito: Server;
  beforeAll(async () => {
    assertBuilt();
    split = await built("three-clients-split");
    bedrock = await startLocalBedrock();
    // Cognito's GetUser, answered for any token (the route's SDK chunk is what is checked).
    cognito = createServer((req, res) => {
      req.resume().on("end", () => {
        res.writeHead(200, { "content-type": "application/x-amz-json-1.1" });
        res.end(
          JSON.stringify({
            Username: "bench",
            UserAttributes: [
              { Name: "sub", Value: "bench" },
              { Name: "email", Value: "bench@example.com" },
            ],
          }),
        );
      });
    });
    await new Promise<void>((done) => cognito.listen(0, "127.0.0.1", done));
  });
  afterAll(async () => {
    await bedrock?.stop();
    await new Promise((done) => cognito?.close(done));
  });

  it("loads no Bedrock or Cognito SDK at start when split, both when they are imported statically", async () => {
    expect(sdksLoadedAtStart(split.dir)).toEqual([]);
    expect(split.split?.chunks).toBeGreaterThan(0);
    const oneFile = await built("three-clients-one-file");
    expect(oneFile.split).toBeUndefined();
    const statically = await built("three-clients-static");
    expect(sdksLoadedAtStart(statically.dir)).toEqual(SDKS);
  });

  // The servers run in this process: the handler's process must not block it (no spawnSync).
  it("answers its Bedrock and Cognito routes from the split build, loading their chunks", async () => {
    const { port } = cognito.address() as AddressInfo;
    const events = [
      { route: "bedrock", modelId: "anthropic.claude-3-haiku-20240307-v1:0", prompt: "hello" },
      { route: "cognito", accessToken: ACCESS_TOKEN },
    ];
    const run = await promisify(execFile)(
      process.execPath,
      [
        "--input-type=module",
        "--eval",
        `const { handler } = await import(${JSON.stringify(join(split.dir, "index.mjs"))});
const results = [];
for (const event of ${JSON.stringify(events)}) results.push(await handler(event));
console.log(JSON.stringify(results));`,
      ],
      {
        env: {
          PATH: process.env.PATH ?? "",
          AWS_REGION: "us-east-1",
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.endpoint,
          AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: `http://127.0.0.1:${port}`,
          COGNITO_USER_POOL_ID: USER_POOL_ID,
          COGNITO_CLIENT_ID: CLIENT_ID,
        },
        encoding: "utf8",
        timeout: 30_000,
      },
    );
    // Nothing on stderr but Node.js's own warnings (a deprecation, say), which are not ours.
    const ownOutput = run.stderr
      .split("\n")
      .filter((line) => line && !/^\(node:\d+\) |^\(Use `node --trace/.test(line));
    expect(ownOutput).toEqual([]);
    const [answer, user] = JSON.parse(run.stdout) as [{ text: string }, { id: string }];
    expect(answer.text).toContain("hello");
    expect(user).toMatchObject({ id: "bench", email: "bench@example.com" });
    expect(bedrock.requests.map((r) => r.operation)).toEqual(["converse"]);
  });
});
