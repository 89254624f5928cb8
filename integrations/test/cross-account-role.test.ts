import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resetAll } from "@org/aws-core";
import {
  createTables,
  type DynamoLocal,
  type LocalSts,
  startDynamoLocal,
  startLocalSts,
} from "@org/aws-testing/local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import "./local";

const ROLE_ARN = "arn:aws:iam::111122223333:role/ReportsWriter";
const tables = { orders: "orders", reports: "reports" };

// DynamoDB Local keeps a database per access key unless it shares one (`dbPath`), and every
// AssumeRole gives a new key: a shared database stands for both accounts here. Which
// credentials each request was signed with is what the tests check.
let dynamo: DynamoLocal;
const dbPath = mkdtempSync(join(tmpdir(), "cross-account-"));

beforeAll(async () => {
  dynamo = await startDynamoLocal({ dbPath });
  await createTables(dynamo.endpoint, [
    { name: tables.orders, partitionKey: "PK", sortKey: "SK" },
    { name: tables.reports, partitionKey: "PK", sortKey: "SK" },
  ]);
}, 60_000);

afterAll(async () => {
  await dynamo?.stop();
  rmSync(dbPath, { recursive: true, force: true });
});

interface Signed {
  /** The creation's key: `"key=reports"`, or undefined for the function's own client. */
  readonly client: string | undefined;
  readonly accessKeyId: string | undefined;
}

/**
 * The recipe on a fresh copy of the packages, with a local STS whose credentials live
 * `lifetimeSeconds`, and the access key each DynamoDB request is signed with.
 */
function useRecipe(lifetimeSeconds: number) {
  const state = {
    sts: undefined as unknown as LocalSts,
    recipe: undefined as unknown as typeof import("../recipes/cross-account-role"),
    dynamo: undefined as unknown as typeof import("@org/aws-dynamo"),
    signed: [] as Signed[],
  };
  beforeAll(async () => {
    state.sts = await startLocalSts({ credentialsLifetimeSeconds: lifetimeSeconds });
    vi.stubEnv("AWS_ENDPOINT_URL_STS", state.sts.endpoint);
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", dynamo.endpoint);
    vi.stubEnv("TABLE_NAME", tables.orders);
    vi.stubEnv("REPORTS_TABLE_NAME", tables.reports);
    vi.stubEnv("REPORTS_ROLE_ARN", ROLE_ARN);
    // The STS client of an assumeRole() is made once, with the endpoint of its time: each
    // local STS gets a module (and so a provider) of its own.
    vi.resetModules();
    state.dynamo = await import("@org/aws-dynamo");
    state.dynamo.documentClient.onCreate((client, creation) => {
      client.middlewareStack.add(
        (next) => async (args) => {
          const { authorization } = (args.request as { headers: Record<string, string> }).headers;
          const accessKeyId = /Credential=([^/]+)\//.exec(authorization ?? "")?.[1];
          state.signed.push({ client: creation.key, accessKeyId });
          return next(args);
        },
        // After signing, before the request goes out.
        { step: "deserialize", name: "recordSigningKey" },
      );
    });
    state.recipe = await import("../recipes/cross-account-role");
  });
  afterAll(async () => {
    resetAll();
    vi.unstubAllEnvs();
    await state.sts?.stop();
  });
  return state;
}

const sale = (orderId: string, total: number) => ({ orderId, day: "2025-06-01", total });

describe("recipe: another account's table through a role there", () => {
  const run = useRecipe(3600);

  it("creates no client and calls no STS when the module is loaded", () => {
    expect(run.recipe.reports.peek()).toBeUndefined();
    expect(run.sts.assumedRoles).toEqual([]);
  });

  it("assumes the role on the reporting client's first command, once for several", async () => {
    await run.recipe.handler(sale("o-1", 10));
    await run.recipe.handler(sale("o-2", 5));
    const last = await run.recipe.handler(sale("o-3", 1));
    expect(JSON.parse(last.body)).toMatchObject({ orders: 3, total: 16 });

    expect(run.sts.assumedRoles).toHaveLength(1);
    const [assumed] = run.sts.assumedRoles;
    expect(assumed).toMatchObject({
      roleArn: ROLE_ARN,
      sessionName: "lambda",
      policy: undefined,
      region: "us-east-1", // the STS client is made with the caller client's region
    });
    // Each write to the reporting table signed with the role's key, each to the function's
    // own table with the function's: the own client assumes nothing.
    expect(run.signed).toEqual(
      [1, 2, 3].flatMap(() => [
        { client: undefined, accessKeyId: "local" },
        { client: "key=reports", accessKeyId: assumed?.accessKeyId },
      ]),
    );
  });
});

describe("recipe: the role's credentials are renewed before they expire", () => {
  // The SDK renews credentials that expire within 5 minutes: these always do.
  const run = useRecipe(240);

  it("assumes the role again for the next command when its credentials are about to expire", async () => {
    await run.recipe.handler(sale("o-4", 2));
    const afterFirst = run.sts.assumedRoles.length;
    await run.recipe.handler(sale("o-5", 3));
    // Credentials always due for renewal are assumed again at each read of them, and a
    // command reads them more than once (its signature, DynamoDB's account-based endpoint).
    expect(afterFirst).toBeGreaterThanOrEqual(1);
    expect(run.sts.assumedRoles.length).toBeGreaterThan(afterFirst);
    const issued = run.sts.assumedRoles.map(({ accessKeyId }) => accessKeyId);
    const [first, second] = run.signed.filter(({ client }) => client === "key=reports");
    expect(issued.slice(0, afterFirst)).toContain(first?.accessKeyId);
    expect(issued.slice(afterFirst)).toContain(second?.accessKeyId);
  });
});

describe("recipe: a role ARN that is not one", () => {
  afterAll(() => {
    vi.unstubAllEnvs();
  });

  it("fails the function's init with an error that names it, before any request", async () => {
    vi.stubEnv("REPORTS_ROLE_ARN", "ReportsWriter");
    vi.resetModules();
    await expect(import("../recipes/cross-account-role")).rejects.toThrow(
      /Invalid roleArn.*arn:aws:iam::<account>:role\/<name>/,
    );
  });
});
