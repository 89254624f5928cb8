import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DeleteItemCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import { getClientCreations } from "@org/aws-core";
import { httpApiEvent, lambdaContext } from "@org/aws-testing";
import {
  createTables,
  type DynamoLocal,
  type LocalSts,
  startDynamoLocal,
  startLocalSts,
} from "@org/aws-testing/local";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { handler } from "../src/handler";
import { ownProfilePolicy } from "../src/tenant-client";
import { startBuiltUsersApi, userProfileEvent } from "./built-users-api";

// users-api with a tenant role, against DynamoDB Local and the local STS: each user's own
// profile is read and written with credentials assumed for that user, narrowed to their
// partition. Neither stand-in evaluates IAM policies (any credentials pass): only real AWS
// enforces the session policy. Here the test checks what users-api does about it: which
// role and policy each AssumeRole carried, that a user's client is kept (one AssumeRole per
// user), and which credentials signed each DynamoDB request, read by a recording proxy in
// front of DynamoDB Local.

const TABLE = "users";
const ROLE_ARN = "arn:aws:iam::111122223333:role/users-api-tenant";
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:111122223333:table/${TABLE}`;
// The function's own credentials (in Lambda, its execution role's).
const OWN_KEY = "AKIDUSERSAPI";

const ada = { sub: "ada-1", username: "ada", token_use: "access" };
const bob = { sub: "bob-2", username: "bob", token_use: "access" };
const admin = {
  sub: "root-3",
  username: "root",
  token_use: "access",
  "cognito:groups": "[admins]",
};

/** A DynamoDB request as it reached DynamoDB Local. */
interface Sent {
  readonly operation: string;
  /** The partition key of the item it reads or writes. */
  readonly partition: string | undefined;
  /** The access key id it was signed with. */
  readonly accessKeyId: string | undefined;
}

let dir = "";
let dynamo: DynamoLocal;
let sts: LocalSts;
let proxy: Server;
let proxyEndpoint = "";
const sent: Sent[] = [];

beforeAll(async () => {
  // On disk, so one database whatever the credentials (-sharedDb): in memory, DynamoDB Local
  // keeps a database per access key, which looks like isolation but is not IAM.
  dir = await mkdtemp(join(tmpdir(), "users-api-tenants-"));
  [dynamo, sts] = await Promise.all([startDynamoLocal({ dbPath: dir }), startLocalSts()]);
  await createTables(dynamo.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const input = JSON.parse(body.toString() || "{}");
      sent.push({
        operation: String(req.headers["x-amz-target"]).split(".")[1] ?? "",
        partition: input.Key?.PK?.S ?? input.Item?.PK?.S,
        accessKeyId: /Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1],
      });
      const forward = request(
        `${dynamo.endpoint}${req.url}`,
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on("error", () => res.writeHead(502).end());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyEndpoint = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  proxy?.closeAllConnections();
  await new Promise((resolve) => proxy?.close(resolve));
  await Promise.all([sts?.stop(), dynamo?.stop()]);
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

// Every test starts from an empty table, read and emptied with credentials of the test's own.
async function emptyTable() {
  const client = new DynamoDBClient({
    endpoint: dynamo.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
  });
  const { Items = [] } = await client.send(new ScanCommand({ TableName: TABLE }));
  for (const { PK, SK } of Items)
    await client.send(new DeleteItemCommand({ TableName: TABLE, Key: { PK, SK } as never }));
  client.destroy();
}

beforeEach(async () => {
  await emptyTable();
  for (const [name, value] of Object.entries({
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: OWN_KEY,
    AWS_SECRET_ACCESS_KEY: "local",
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_ENDPOINT_URL_DYNAMODB: proxyEndpoint,
    AWS_ENDPOINT_URL_STS: sts.endpoint,
    TABLE_NAME: TABLE,
    TABLE_ARN,
    TENANT_ROLE_ARN: ROLE_ARN,
    POWERTOOLS_LOG_LEVEL: "SILENT",
  }))
    vi.stubEnv(name, value);
  sent.length = 0;
  sts.assumedRoles.length = 0;
});
// The setup file resets every client (keyed ones included) after each test.
afterEach(() => {
  vi.unstubAllEnvs();
});

const call = async (options: Parameters<typeof httpApiEvent>[0]) => {
  const result = await handler(httpApiEvent(options), lambdaContext());
  return {
    status: result.statusCode,
    text: result.body ?? "",
    body: JSON.parse(result.body ?? "null"),
  };
};
const get = (id: string, claims: Record<string, unknown>) =>
  call({
    routeKey: id === "me" ? "GET /users/me" : "GET /users/{id}",
    path: `/users/${id}`,
    ...(id === "me" ? {} : { pathParameters: { id } }),
    claims,
  });
const put = (id: string, body: unknown, claims: Record<string, unknown>) =>
  call({
    method: "PUT",
    routeKey: id === "me" ? "PUT /users/me" : "PUT /users/{id}",
    path: `/users/${id}`,
    ...(id === "me" ? {} : { pathParameters: { id } }),
    body,
    claims,
  });
/** The partitions a policy names. */
const partitionsOf = (policy: unknown) => JSON.stringify(policy).match(/USER#[^"]*/g);

describe("users-api with a tenant role", () => {
  it("reads and writes a user's own profile with credentials of their own, assumed once and kept", async () => {
    expect(await get("me", ada)).toMatchObject({ status: 404 });
    expect(sts.assumedRoles).toHaveLength(1);
    const [role] = sts.assumedRoles;
    expect(role).toMatchObject({
      roleArn: ROLE_ARN,
      sessionName: "ada-1",
      policy: ownProfilePolicy("ada-1", TABLE_ARN),
    });
    expect(partitionsOf(role?.policy)).toEqual(["USER#ada-1"]);
    // The read went out signed with those credentials.
    expect(sent).toEqual([
      { operation: "GetItem", partition: "USER#ada-1", accessKeyId: role?.accessKeyId },
    ]);

    // Her next requests, by /users/me and by her own id, reuse the client: no AssumeRole.
    const profile = { email: "ada@example.com", name: "Ada" };
    expect(await put("me", profile, ada)).toMatchObject({ status: 201 });
    expect(await get("ada-1", ada)).toMatchObject({ status: 200, body: { version: 1 } });
    expect(await put("ada-1", { ...profile, name: "Ada L.", version: 1 }, ada)).toMatchObject({
      status: 200,
      body: { name: "Ada L.", version: 2 },
    });
    expect(sts.assumedRoles).toHaveLength(1);
    expect(sent.map((s) => s.operation)).toEqual([
      "GetItem",
      "PutItem",
      "GetItem",
      "GetItem",
      "PutItem",
    ]);
    for (const request of sent)
      expect(request).toMatchObject({ partition: "USER#ada-1", accessKeyId: role?.accessKeyId });

    // Her client is keyed by her id, and was made once.
    const keyed = getClientCreations().filter((creation) => creation.key !== undefined);
    expect(keyed.map(({ name, key }) => `${name} ${key}`).sort()).toEqual([
      "dynamodb key=ada-1",
      "dynamodb-document key=ada-1",
    ]);
  });

  it("gives each user their own credentials, narrowed to their own partition", async () => {
    await put("me", { email: "ada@example.com", name: "Ada" }, ada);
    await put("me", { email: "bob@example.com", name: "Bob" }, bob);
    expect(await get("me", bob)).toMatchObject({ status: 200, body: { id: "bob-2" } });

    expect(sts.assumedRoles.map((r) => [r.sessionName, partitionsOf(r.policy)])).toEqual([
      ["ada-1", ["USER#ada-1"]],
      ["bob-2", ["USER#bob-2"]],
    ]);
    const [adaRole, bobRole] = sts.assumedRoles;
    expect(adaRole?.accessKeyId).not.toBe(bobRole?.accessKeyId);
    for (const request of sent) {
      const owner = request.partition === "USER#ada-1" ? adaRole : bobRole;
      expect(request.accessKeyId).toBe(owner?.accessKeyId);
    }
    expect(new Set(sent.map((s) => s.partition))).toEqual(new Set(["USER#ada-1", "USER#bob-2"]));
  });

  it("answers 403 to a user's read or write of another's profile, assuming nothing, showing nothing", async () => {
    for (const denied of [
      await get("bob-2", ada),
      await put("bob-2", { email: "x@example.com", name: "X" }, ada),
    ]) {
      expect(denied).toMatchObject({ status: 403, body: { message: "Forbidden" } });
      expect(denied.text).toBe('{"message":"Forbidden"}');
      expect(denied.text).not.toMatch(/bob|ada|USER#|arn:|role|sts|dynamo|tenant/i);
    }
    expect(sts.assumedRoles).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("reads another user's profile for an admin with the function's own credentials", async () => {
    await put("me", { email: "bob@example.com", name: "Bob" }, bob);
    sent.length = 0;
    expect(await get("bob-2", admin)).toMatchObject({
      status: 200,
      body: { id: "bob-2", name: "Bob" },
    });
    // No tenant credentials: only Bob's own AssumeRole, from his write.
    expect(sts.assumedRoles.map((r) => r.sessionName)).toEqual(["bob-2"]);
    expect(sent).toEqual([{ operation: "GetItem", partition: "USER#bob-2", accessKeyId: OWN_KEY }]);

    // Their own profile is their partition, like anyone's.
    expect(await get("me", admin)).toMatchObject({ status: 404 });
    expect(sts.assumedRoles.map((r) => r.sessionName)).toEqual(["bob-2", "root-3"]);
    expect(sent[1]).toMatchObject({
      partition: "USER#root-3",
      accessKeyId: sts.assumedRoles[1]?.accessKeyId,
    });
  });

  it("uses the function's own credentials for everyone without TENANT_ROLE_ARN", async () => {
    vi.stubEnv("TENANT_ROLE_ARN", undefined);
    vi.stubEnv("TABLE_ARN", undefined);
    expect(await put("me", { email: "ada@example.com", name: "Ada" }, ada)).toMatchObject({
      status: 201,
    });
    expect(await get("me", ada)).toMatchObject({ status: 200 });
    expect(sts.assumedRoles).toEqual([]);
    expect(sent.map((s) => s.accessKeyId)).toEqual([OWN_KEY, OWN_KEY]);
  });

  it("answers 500, showing nothing, when the tenant settings are wrong", async () => {
    for (const [name, value] of [
      ["TABLE_ARN", undefined],
      ["TABLE_ARN", `${TABLE_ARN}-other`],
      ["TENANT_ROLE_ARN", "users-api-tenant"],
    ] as const) {
      vi.stubEnv(name, value);
      const answer = await get("me", ada);
      expect(answer).toMatchObject({ status: 500 });
      expect(answer.text).toBe('{"message":"Internal Server Error"}');
      vi.stubEnv("TABLE_ARN", TABLE_ARN);
      vi.stubEnv("TENANT_ROLE_ARN", ROLE_ARN);
    }
    expect(sts.assumedRoles).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("refuses a caller whose id is not a user id with 400, before any credentials", async () => {
    const odd = await get("me", { ...ada, sub: "ada.1*" });
    expect(odd).toEqual({
      status: 400,
      text: expect.any(String),
      body: { message: "Invalid request", details: ["id: not a user id"] },
    });
    expect(sts.assumedRoles).toEqual([]);
    expect(sent).toEqual([]);
  });

  it("answers 503, showing nothing, while STS is down, and recovers on the same client", async () => {
    // A port nothing listens on, then the local STS on it.
    const before = await startLocalSts();
    const { port } = before;
    await before.stop();
    vi.stubEnv("AWS_ENDPOINT_URL_STS", `http://127.0.0.1:${port}`);
    const down = await get("me", ada);
    expect(down).toMatchObject({ status: 503 });
    expect(down.text).toBe('{"message":"Service Unavailable"}');
    // Without credentials, nothing was sent to the table.
    expect(sent).toEqual([]);

    const up = await startLocalSts({ port });
    try {
      expect(await get("me", ada)).toMatchObject({ status: 404 });
      expect(up.assumedRoles.map((r) => r.sessionName)).toEqual(["ada-1"]);
      expect(sent).toEqual([
        {
          operation: "GetItem",
          partition: "USER#ada-1",
          accessKeyId: up.assumedRoles[0]?.accessKeyId,
        },
      ]);
    } finally {
      await up.stop();
    }
  });
});

// The bundle as deployed (lean, split: the STS provider in chunks loaded on first use), in
// the local runner.
describe("the built users-api with a tenant role", () => {
  it("assumes the role once per user and signs their requests with it", async () => {
    const runner = await startBuiltUsersApi(proxyEndpoint, 10_000, {
      AWS_ACCESS_KEY_ID: OWN_KEY,
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      TABLE_ARN,
      TENANT_ROLE_ARN: ROLE_ARN,
    });
    try {
      const invoke = async (user: string, method: "GET" | "PUT", body?: unknown) => {
        const result = await runner.invoke("users-api", userProfileEvent(user, method, body));
        if (!result.ok) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
        return (result.payload as { statusCode: number }).statusCode;
      };
      expect(await invoke("ada-1", "PUT", { email: "ada@example.com", name: "Ada" })).toBe(201);
      expect(await invoke("ada-1", "GET")).toBe(200);
      expect(await invoke("bob-2", "GET")).toBe(404);
      expect(sts.assumedRoles.map((r) => [r.sessionName, partitionsOf(r.policy)])).toEqual([
        ["ada-1", ["USER#ada-1"]],
        ["bob-2", ["USER#bob-2"]],
      ]);
      const keyOf = (session: string) =>
        sts.assumedRoles.find((r) => r.sessionName === session)?.accessKeyId;
      expect(sent).toEqual([
        { operation: "PutItem", partition: "USER#ada-1", accessKeyId: keyOf("ada-1") },
        { operation: "GetItem", partition: "USER#ada-1", accessKeyId: keyOf("ada-1") },
        { operation: "GetItem", partition: "USER#bob-2", accessKeyId: keyOf("bob-2") },
      ]);
    } finally {
      await runner.stop();
    }
  }, 60_000);
});
