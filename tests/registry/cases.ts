import { expect } from "vitest";
import {
  createTables,
  createUser,
  signIn,
  startCognitoLocal,
  startDynamoLocal,
  startLocalBedrock,
} from "../../packages/aws-testing/src/local/index.ts";

/** What a service test gets to run its bundled handler against a local stand-in. */
export interface ServiceContext {
  /** The region the handler runs in (its AWS_REGION). */
  readonly region: string;
  /**
   * Runs the bundled handler once in a child `node` process with AWS_REGION, dummy credentials
   * and `env` (the AWS_ENDPOINT_URL_* of the stand-in...); resolves to what it returned.
   */
  invoke(event: unknown, env: Record<string, string>): Promise<unknown>;
  /** Stops a stand-in after the test, and in afterAll if the test never got there. */
  defer(stop: () => Promise<void>): void;
}

export interface ServiceCase {
  /** The SDK client package whose code the bundle must hold. */
  readonly client: string;
  /** A Lambda handler using the package (TypeScript, bundled from the installed package). */
  readonly handler: string;
  exercise(context: ServiceContext): Promise<void>;
}

/**
 * A handler bundled where only the package's required peers are installed, run against
 * local stand-ins: what works without the optional SDK peers works, and a client whose SDK
 * is missing fails at its first use with an error naming the package to install.
 */
export interface WithoutOptionalPeersCase {
  /**
   * The optional SDK peers the package's entries import on first use (the imports esbuild
   * could not resolve, as warnings): exactly those whose error `exercise` checks.
   */
  readonly missing: readonly string[];
  /** A Lambda handler using the package (TypeScript, bundled from the installed package). */
  readonly handler: string;
  exercise(context: ServiceContext): Promise<void>;
}

export interface PackageCase {
  /** Optional peers left out of the scratch install, and why. */
  readonly skippedPeers?: Readonly<Record<string, string>>;
  /** Export subpaths not loaded with plain import/require, and why. */
  readonly skippedSubpaths?: Readonly<Record<string, string>>;
  /**
   * Export subpaths not bundled with only the required peers installed, and why (entries
   * that are not for a Lambda bundle, and need an optional peer by design).
   */
  readonly skippedBundles?: Readonly<Record<string, string>>;
  /** Build or test tools it depends on by design, and why (never brought in by accident). */
  readonly tools?: Readonly<Record<string, string>>;
  /** A .ts file (ESM, `"type": "module"`) using the package's main API. */
  readonly typesEsm: string;
  /** A .cts file (CommonJS: the `require` condition and `.d.cts` types). */
  readonly typesCjs: string;
  readonly service?: ServiceCase;
  /** Required for a package whose entries import an optional SDK peer on first use. */
  readonly withoutOptionalPeers?: WithoutOptionalPeersCase;
}

/**
 * A handler's helper, in the handlers below: what a call threw (name, kind, message), or
 * `null` when it did not throw.
 */
const FAILURE_OF = `
const failureOf = async (use: () => unknown) => {
  try {
    await use();
    return null;
  } catch (error) {
    const { name, kind, message } = error as { name: string; kind?: string; message: string };
    return { name, kind, message };
  }
};
`;

/** What a use of a client whose SDK package is missing must throw: what to install. */
function expectMissingPackage(failure: unknown, sdkPackage: string): void {
  expect(failure, `the use did not fail without ${sdkPackage}`).not.toBeNull();
  expect(failure).toMatchObject({ kind: "internal" });
  expect((failure as { message: string }).message).toContain(`npm install ${sdkPackage}`);
}

/** Every SDK client package a service package could pull in. */
export const SDK_CLIENTS = [
  "@aws-sdk/client-dynamodb",
  "@aws-sdk/lib-dynamodb",
  "@aws-sdk/client-cognito-identity-provider",
  "@aws-sdk/client-bedrock-runtime",
];

const dynamo: PackageCase = {
  // Items are type aliases: getTable<TItem extends Record<string, unknown>> refuses an
  // interface (no implicit index signature), although the package's README and JSDoc examples
  // declare `interface Order`.
  typesEsm: `
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoError, documentClient, getTable, type TableHandle } from "@org/aws-dynamo";

type Note = { PK: string; SK: string; text: string };
const notes: TableHandle<Note> = getTable<Note>("notes", { partitionKey: "PK", sortKey: "SK" });

export async function read(): Promise<string | undefined> {
  await notes.put({ PK: "NOTE#1", SK: "v1", text: "hello" });
  // @ts-expect-error: text is required
  await notes.put({ PK: "NOTE#1", SK: "v1" });
  const note = await notes.get({ PK: "NOTE#1", SK: "v1" });
  // The package's DocumentClient sends the app's own lib-dynamodb commands.
  const raw = await documentClient.client.send(new GetCommand({ TableName: "notes", Key: { PK: "x" } }));
  return note?.text ?? (raw.Item?.text as string | undefined);
}
export const isDynamoError = (error: unknown): boolean => error instanceof DynamoError;
`,
  typesCjs: `
import { getTable } from "@org/aws-dynamo";

export async function count(): Promise<number | undefined> {
  const counters = getTable<{ PK: string; SK: string; n: number }>("counters");
  const counter = await counters.get({ PK: "C#1", SK: "total" });
  // @ts-expect-error: n is a number
  const wrong: string | undefined = counter?.n;
  return wrong === undefined ? counter?.n : 0;
}
`,
  service: {
    client: "@aws-sdk/client-dynamodb",
    handler: `
import { getTable } from "@org/aws-dynamo";

type Note = { PK: string; SK: string; text: string };

export const handler = async (event: { id: string; text: string }) => {
  const notes = getTable<Note>(process.env.TABLE_NAME ?? "", { partitionKey: "PK", sortKey: "SK" });
  await notes.put({ PK: \`NOTE#\${event.id}\`, SK: "v1", text: event.text });
  return notes.get({ PK: \`NOTE#\${event.id}\`, SK: "v1" }, { consistentRead: true });
};
`,
    async exercise({ invoke, defer }) {
      const local = await startDynamoLocal();
      defer(local.stop);
      // Same region and access key as the handler: DynamoDB Local keeps tables per both.
      await createTables(local.endpoint, [{ name: "notes", partitionKey: "PK", sortKey: "SK" }]);
      const item = await invoke(
        { id: "42", text: "written and read by the bundle" },
        { AWS_ENDPOINT_URL_DYNAMODB: local.endpoint, TABLE_NAME: "notes" },
      );
      expect(item).toEqual({ PK: "NOTE#42", SK: "v1", text: "written and read by the bundle" });
    },
  },
};

const cognito: PackageCase = {
  typesEsm: `
import { CognitoError, getUserFromEvent, type User } from "@org/aws-cognito";

export async function handler(event: { headers?: Record<string, string> }) {
  try {
    const user: User = await getUserFromEvent(event, { requiredGroups: ["translators"] });
    const groups: readonly string[] = user.groups;
    return { statusCode: 200, body: \`\${user.username}: \${groups.join(",")}\` };
  } catch (error) {
    if (error instanceof CognitoError) {
      const needed: readonly string[] = error.requiredGroups;
      return { statusCode: error.kind === "forbidden" ? 403 : 401, body: needed.join(",") };
    }
    throw error;
  }
}
// @ts-expect-error: requiredGroups is a list
void getUserFromEvent({}, { requiredGroups: "translators" });
`,
  typesCjs: `
import { getUserFromToken } from "@org/aws-cognito";

export async function whoIs(token: string): Promise<string> {
  const user = await getUserFromToken(token);
  // @ts-expect-error: no such property
  void user.password;
  return user.username;
}
`,
  service: {
    client: "@aws-sdk/client-cognito-identity-provider",
    handler: `
import { CognitoError, getUserFromEvent } from "@org/aws-cognito";

export const handler = async (event: { headers?: Record<string, string> }) => {
  try {
    const user = await getUserFromEvent(event);
    return {
      statusCode: 200,
      body: JSON.stringify({ id: user.id, username: user.username, groups: user.groups }),
    };
  } catch (error) {
    if (error instanceof CognitoError) return { statusCode: error.kind === "forbidden" ? 403 : 401 };
    throw error;
  }
};
`,
    async exercise({ invoke, defer, region }) {
      const local = await startCognitoLocal({ region });
      defer(local.stop);
      const clientId = await local.createClient();
      const sub = await createUser(local, {
        username: "ada",
        password: "Passw0rd!",
        groups: ["translators"],
      });
      const { accessToken } = await signIn(local, {
        clientId,
        username: "ada",
        password: "Passw0rd!",
      });
      const env = {
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: local.endpoint,
        COGNITO_USER_POOL_ID: local.userPoolId,
        COGNITO_CLIENT_ID: clientId,
      };
      const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

      const signedIn = (await invoke(bearer(accessToken), env)) as {
        statusCode: number;
        body: string;
      };
      expect(signedIn.statusCode, JSON.stringify(signedIn)).toBe(200);
      expect(JSON.parse(signedIn.body)).toEqual({
        id: sub,
        username: "ada",
        groups: ["translators"],
      });

      // The same token with other claims: the signature no longer matches, so it is refused.
      const [header, payload, signature] = accessToken.split(".") as [string, string, string];
      const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
      const forged = Buffer.from(JSON.stringify({ ...claims, username: "eve" })).toString(
        "base64url",
      );
      expect(await invoke(bearer(`${header}.${forged}.${signature}`), env)).toEqual({
        statusCode: 401,
      });
    },
  },

  withoutOptionalPeers: {
    missing: ["@aws-sdk/client-cognito-identity-provider"],
    handler: `
import { cognito, getUserFromEvent, getUserFromToken } from "@org/aws-cognito";
import { requireUser } from "@org/aws-cognito/authorizer";
${FAILURE_OF}
export const handler = async (event: { claims: Record<string, string>; token: string }) => {
  // An HTTP API JWT authorizer's claims: read without the SDK.
  const request = { requestContext: { authorizer: { jwt: { claims: event.claims } } } };
  const user = await getUserFromEvent(request, { requiredGroups: ["translators"] });
  return {
    user: { id: user.id, username: user.username, groups: user.groups },
    authorizer: requireUser(request).username,
    client: await failureOf(() => cognito.get()),
    // Nothing of the failed load is kept: the next use fails the same way.
    again: await failureOf(() => cognito.sdk()),
    token: await failureOf(() => getUserFromToken(event.token)),
  };
};
`,
    async exercise({ invoke, region }) {
      const userPoolId = `${region}_NoSdk1`;
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      // An access token of the function's pool, as far as can be told without Cognito.
      const token = [
        part({ alg: "RS256", kid: "k1" }),
        part({
          iss: `https://cognito-idp.${region}.amazonaws.com/${userPoolId}`,
          token_use: "access",
          client_id: "web",
          sub: "u1",
          username: "ada",
        }),
        "c2lnbmF0dXJl",
      ].join(".");
      const claims = {
        sub: "u1",
        username: "ada",
        token_use: "access",
        "cognito:groups": "[translators readers]",
      };
      const result = (await invoke(
        { claims, token },
        { COGNITO_USER_POOL_ID: userPoolId, COGNITO_CLIENT_ID: "web" },
      )) as Record<string, unknown>;
      expect(result.user).toEqual({
        id: "u1",
        username: "ada",
        groups: ["translators", "readers"],
      });
      expect(result.authorizer).toBe("ada");
      for (const use of ["client", "again", "token"]) {
        expectMissingPackage(result[use], "@aws-sdk/client-cognito-identity-provider");
      }
    },
  },
};

const bedrock: PackageCase = {
  typesEsm: `
import { type ClaudeResult, converse, invokeClaude } from "@org/aws-bedrock";

export async function ask(prompt: string): Promise<string> {
  const claude: ClaudeResult = await invokeClaude({
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    prompt,
    maxTokens: 100,
  });
  const nova = await converse({ modelId: "amazon.nova-lite-v1:0", prompt });
  const tokens: number = nova.usage.totalTokens;
  return \`\${claude.text} \${nova.text} \${tokens}\`;
}
// @ts-expect-error: modelId is required
void invokeClaude({ prompt: "hi" });
`,
  typesCjs: `
import { converse } from "@org/aws-bedrock";

export const ask = async (prompt: string): Promise<string> =>
  (await converse({ modelId: "amazon.nova-lite-v1:0", prompt })).text;
// @ts-expect-error: prompt is a string
void converse({ modelId: "amazon.nova-lite-v1:0", prompt: 1 });
`,
  service: {
    client: "@aws-sdk/client-bedrock-runtime",
    handler: `
import { converse, invokeClaude } from "@org/aws-bedrock";

export const handler = async (event: { text: string }) => {
  const claude = await invokeClaude({
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    prompt: event.text,
  });
  const nova = await converse({ modelId: "amazon.nova-lite-v1:0", prompt: event.text });
  return { claude: claude.text, nova: nova.text };
};
`,
    async exercise({ invoke, defer }) {
      // In this process: invoke() runs the handler in a child, so the server keeps answering.
      const local = await startLocalBedrock();
      defer(local.stop);
      local.model.reply("Hola desde Claude", "Olá do Nova");
      const answer = await invoke(
        { text: "hello" },
        { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: local.endpoint },
      );
      expect(answer).toEqual({ claude: "Hola desde Claude", nova: "Olá do Nova" });
      expect(local.requests.map((r) => [r.operation, r.modelId])).toEqual([
        ["invoke", "anthropic.claude-3-haiku-20240307-v1:0"],
        ["converse", "amazon.nova-lite-v1:0"],
      ]);
    },
  },

  withoutOptionalPeers: {
    missing: ["@aws-sdk/client-bedrock-runtime"],
    handler: `
import { bedrock, converse, invokeClaude } from "@org/aws-bedrock";
${FAILURE_OF}
export const handler = async () => ({
  converse: await failureOf(() => converse({ modelId: "amazon.nova-lite-v1:0", prompt: "hi" })),
  claude: await failureOf(() =>
    invokeClaude({ modelId: "anthropic.claude-3-haiku-20240307-v1:0", prompt: "hi" }),
  ),
  client: await failureOf(() => bedrock.get()),
});
`,
    async exercise({ invoke }) {
      const result = (await invoke({}, {})) as Record<string, unknown>;
      for (const use of ["converse", "claude", "client"]) {
        expectMissingPackage(result[use], "@aws-sdk/client-bedrock-runtime");
      }
    },
  },
};

const core: PackageCase = {
  skippedPeers: { esbuild: "an optional peer, only for the @org/aws-core/esbuild build tools" },
  skippedBundles: {
    "./esbuild": "build tools (buildLambda() runs esbuild), never in a Lambda bundle",
  },
  typesEsm: `
import { type LazySingleton, lazySingleton, resetAll } from "@org/aws-core";

const counter: LazySingleton<{ count: number }> = lazySingleton("counter", () => ({ count: 0 }));
export const count: number = counter.get().count;
resetAll();
// @ts-expect-error: the factory is a function
lazySingleton("broken", 42);
`,
  typesCjs: `
import { lazySingleton } from "@org/aws-core";

export const value: string = lazySingleton("name", () => "x").get();
// @ts-expect-error: get() returns a string
export const wrong: number = lazySingleton("other", () => "x").get();
`,
  withoutOptionalPeers: {
    missing: ["@aws-sdk/credential-providers"],
    handler: `
import { assumeRole } from "@org/aws-core/credentials";
${FAILURE_OF}
// The options are checked at the call; the SDK's provider is imported when first asked.
const credentials = assumeRole({ roleArn: "arn:aws:iam::111122223333:role/Reader" });
export const handler = async () => ({ credentials: await failureOf(() => credentials({})) });
`,
    async exercise({ invoke }) {
      const result = (await invoke({}, {})) as Record<string, unknown>;
      expectMissingPackage(result.credentials, "@aws-sdk/credential-providers");
    },
  },
};

const testing: PackageCase = {
  skippedPeers: {
    "amplify-dynamodb-simulator": "DynamoDB Local's jar: only needed to start it",
    "cognito-local": "only needed to start it",
  },
  skippedSubpaths: {
    "./vitest-setup": "a vitest setup file: it registers afterEach, so it loads only in vitest",
  },
  skippedBundles: {
    "./local": "test setup (Java and Node.js stand-ins), never in a Lambda bundle",
    "./local/dynamodb-global-setup": "a vitest globalSetup, never in a Lambda bundle",
    "./dynamodb": "mocks @org/aws-dynamo, an optional peer it needs by design",
    "./cognito": "mocks @org/aws-cognito, an optional peer it needs by design",
    "./bedrock": "mocks @org/aws-bedrock, an optional peer it needs by design",
    "./vitest-setup": "a vitest setup file: it needs vitest, an optional peer",
  },
  typesEsm: `
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import { mockDocumentClient } from "@org/aws-testing/dynamodb";
import { type DynamoLocal, startDynamoLocal } from "@org/aws-testing/local";

const event = httpApiEvent({ method: "POST", path: "/notes", body: { text: "hi" } });
export const method: string = event.requestContext.http.method;
export const name: string = lambdaContext({ functionName: "notes" }).functionName;
export async function local(): Promise<string> {
  const dynamo: DynamoLocal = await startDynamoLocal();
  await dynamo.stop();
  return dynamo.endpoint;
}
export const mock = () => mockDocumentClient().on(GetCommand).resolves({ Item: { PK: "a" } });
// @ts-expect-error: functionName is a string
lambdaContext({ functionName: 1 });
`,
  typesCjs: `
import { lambdaContext } from "@org/aws-testing";

export const remaining: number = lambdaContext().getRemainingTimeInMillis();
// @ts-expect-error: timeoutMs is a number
lambdaContext({ timeoutMs: "3s" });
`,
};

const facade: PackageCase = {
  typesEsm: `
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type Aws, aws } from "@org/aws";

export async function read(id: string): Promise<unknown> {
  const [db, { GetCommand }] = await Promise.all([aws.documentClient.get(), aws.documentClient.sdk()]);
  const client: DynamoDBDocumentClient = db;
  return (await client.send(new GetCommand({ TableName: "notes", Key: { id } }))).Item;
}
export const all: Aws = aws;
// @ts-expect-error: get() is a promise, not the client
void aws.documentClient.get().send;
`,
  typesCjs: `
import { aws } from "@org/aws";

export const converseCommand = async () => (await aws.bedrock.sdk()).ConverseCommand;
// @ts-expect-error: no such client
void aws.sqs;
`,
  service: {
    client: "@aws-sdk/lib-dynamodb",
    handler: `
import { aws } from "@org/aws";

export const handler = async (event: { id: string; text: string }) => {
  const [db, { GetCommand, PutCommand }] = await Promise.all([
    aws.documentClient.get(),
    aws.documentClient.sdk(),
  ]);
  const Key = { PK: \`NOTE#\${event.id}\`, SK: "v1" };
  await db.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...Key, text: event.text } }));
  return (await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }))).Item;
};
`,
    async exercise({ invoke, defer }) {
      const local = await startDynamoLocal();
      defer(local.stop);
      await createTables(local.endpoint, [{ name: "notes", partitionKey: "PK", sortKey: "SK" }]);
      const item = await invoke(
        { id: "7", text: "through the facade" },
        { AWS_ENDPOINT_URL_DYNAMODB: local.endpoint, TABLE_NAME: "notes" },
      );
      expect(item).toEqual({ PK: "NOTE#7", SK: "v1", text: "through the facade" });
    },
  },

  withoutOptionalPeers: {
    missing: ["@aws-sdk/client-bedrock-runtime", "@aws-sdk/client-cognito-identity-provider"],
    handler: `
import { aws } from "@org/aws";
${FAILURE_OF}
export const handler = async (event: { id: string; text: string }) => {
  const [db, { GetCommand, PutCommand }] = await Promise.all([
    aws.documentClient.get(),
    aws.documentClient.sdk(),
  ]);
  const Key = { PK: \`NOTE#\${event.id}\`, SK: "v1" };
  await db.send(new PutCommand({ TableName: process.env.TABLE_NAME, Item: { ...Key, text: event.text } }));
  const { Item } = await db.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key, ConsistentRead: true }));
  return {
    item: Item,
    bedrock: await failureOf(() => aws.bedrock.get()),
    cognito: await failureOf(() => aws.cognito.get()),
  };
};
`,
    async exercise({ invoke, defer }) {
      const local = await startDynamoLocal();
      defer(local.stop);
      await createTables(local.endpoint, [{ name: "notes", partitionKey: "PK", sortKey: "SK" }]);
      const result = (await invoke(
        { id: "8", text: "without Bedrock and Cognito" },
        { AWS_ENDPOINT_URL_DYNAMODB: local.endpoint, TABLE_NAME: "notes" },
      )) as Record<string, unknown>;
      expect(result.item).toEqual({ PK: "NOTE#8", SK: "v1", text: "without Bedrock and Cognito" });
      expectMissingPackage(result.bedrock, "@aws-sdk/client-bedrock-runtime");
      expectMissingPackage(result.cognito, "@aws-sdk/client-cognito-identity-provider");
    },
  },
};

const cdk: PackageCase = {
  tools: { esbuild: "LambdaFunction builds the function's code with it at synth" },
  skippedBundles: {
    ".": "a CDK construct: it runs in the CDK app at synth, never in a Lambda bundle",
  },
  typesEsm: `
import { LambdaFunction } from "@org/aws-cdk";
import { App, Duration, Stack } from "aws-cdk-lib";
import { Architecture, type Function as LambdaBase, Runtime } from "aws-cdk-lib/aws-lambda";

const stack = new Stack(new App(), "Api");
export const fn: LambdaBase = new LambdaFunction(stack, "Handler", {
  entry: "src/handler.ts",
  runtime: Runtime.NODEJS_24_X,
  architecture: Architecture.ARM_64,
  timeout: Duration.seconds(10),
  build: { compileCache: false },
});
// @ts-expect-error: entry is required
new LambdaFunction(stack, "NoEntry", {});
`,
  typesCjs: `
import { LambdaFunction } from "@org/aws-cdk";
import { App, Stack } from "aws-cdk-lib";

new LambdaFunction(new Stack(new App(), "Api"), "Handler", { entry: "src/handler.ts" });
// @ts-expect-error: nodeVersion is a string
new LambdaFunction(new Stack(new App(), "Other"), "Handler", { entry: "x.ts", nodeVersion: 24 });
`,
};

export const CASES: Readonly<Record<string, PackageCase>> = {
  "@org/aws-core": core,
  "@org/aws-dynamo": dynamo,
  "@org/aws-cognito": cognito,
  "@org/aws-bedrock": bedrock,
  "@org/aws-testing": testing,
  "@org/aws": facade,
  "@org/aws-cdk": cdk,
};
