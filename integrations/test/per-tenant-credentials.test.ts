import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getClientCreations, resetAll } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import {
  createTables,
  type DynamoLocal,
  type LocalSts,
  startDynamoLocal,
  startLocalSts,
} from "@org/aws-testing/local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { handler, tenantClient } from "../recipes/per-tenant-credentials";
import "./local";
import { type RegionRouter, startRegionRouter } from "./support/region-router";

const ROLE_ARN = "arn:aws:iam::111122223333:role/TenantData";
const TABLE = "tenant-orders";
const TABLE_ARN = `arn:aws:dynamodb:us-east-1:111122223333:table/${TABLE}`;

// DynamoDB Local keeps a database per access key unless it shares one (`dbPath`), and each
// tenant signs with keys of its own: one shared database, as in AWS. Neither it nor the local
// STS evaluates the session policy; the tests check the policy each tenant's credentials were
// issued with, and which credentials each tenant's client uses.
let dynamo: DynamoLocal;
let sts: LocalSts;
let router: RegionRouter;
const dbPath = mkdtempSync(join(tmpdir(), "per-tenant-"));

beforeAll(async () => {
  dynamo = await startDynamoLocal({ dbPath });
  await createTables(dynamo.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);
  sts = await startLocalSts();
  // In front of DynamoDB: counts the clients' open connections.
  router = await startRegionRouter({ "us-east-1": dynamo.endpoint });
  vi.stubEnv("AWS_ENDPOINT_URL_STS", sts.endpoint);
  vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", router.endpoint);
  vi.stubEnv("TABLE_NAME", TABLE);
  vi.stubEnv("TABLE_ARN", TABLE_ARN);
  vi.stubEnv("TENANT_ROLE_ARN", ROLE_ARN);
}, 60_000);

afterAll(async () => {
  resetAll();
  vi.unstubAllEnvs();
  await router?.stop();
  await sts?.stop();
  await dynamo?.stop();
  rmSync(dbPath, { recursive: true, force: true });
});

const order = (tenantId: string, orderId: string) => ({ tenantId, orderId, total: 1 });
const assumedBy = (tenantId: string) =>
  sts.assumedRoles.filter(({ sessionName }) => sessionName === tenantId);
const leadingKeys = (policy: Record<string, unknown> | undefined) =>
  (policy as { Statement: { Condition: Record<string, Record<string, unknown>> }[] }).Statement[0]
    ?.Condition["ForAllValues:StringEquals"]?.["dynamodb:LeadingKeys"];

describe("recipe: per-tenant credentials", () => {
  it("narrows the role, for each tenant, to that tenant's partition", async () => {
    await handler(order("tenant-a", "a-1"));
    await handler(order("tenant-b", "b-1"));

    const [a] = assumedBy("tenant-a");
    const [b] = assumedBy("tenant-b");
    expect(a).toMatchObject({ roleArn: ROLE_ARN, sessionName: "tenant-a" });
    expect(b).toMatchObject({ roleArn: ROLE_ARN, sessionName: "tenant-b" });
    expect(leadingKeys(a?.policy)).toEqual(["TENANT#tenant-a"]);
    expect(leadingKeys(b?.policy)).toEqual(["TENANT#tenant-b"]);
    expect(JSON.stringify(a?.policy)).not.toContain("tenant-b");
    expect(JSON.stringify(b?.policy)).not.toContain("tenant-a");
    expect(a?.policy).toMatchObject({
      Statement: [{ Effect: "Allow", Resource: TABLE_ARN }],
    });
  });

  it("keeps a tenant's client, assuming its role once for several requests", async () => {
    const a = tenantClient("tenant-a");
    expect(tenantClient("tenant-a")).toBe(a);
    await handler(order("tenant-a", "a-2"));
    const answer = await handler(order("tenant-a", "a-3"));
    // The query reads the tenant's partition only.
    expect(JSON.parse(answer.body).map(({ SK }: { SK: string }) => SK)).toEqual([
      "ORDER#a-1",
      "ORDER#a-2",
      "ORDER#a-3",
    ]);
    expect(assumedBy("tenant-a")).toHaveLength(1);
  });

  it("gives another tenant a client and credentials of its own", async () => {
    const a = tenantClient("tenant-a");
    const b = tenantClient("tenant-b");
    expect(b).not.toBe(a);
    const [issuedToA] = assumedBy("tenant-a");
    const [issuedToB] = assumedBy("tenant-b");
    expect((await a.client.config.credentials()).accessKeyId).toBe(issuedToA?.accessKeyId);
    expect((await b.client.config.credentials()).accessKeyId).toBe(issuedToB?.accessKeyId);
    expect(issuedToA?.accessKeyId).not.toBe(issuedToB?.accessKeyId);
    // The function's own client is not one of them, and was never created.
    expect(documentClient.peek()).toBeUndefined();
    expect(getClientCreations().map(({ key }) => key)).toContain("key=tenant-b");
  });

  it("refuses a tenant id that cannot name a session, before making a client", async () => {
    const before = sts.assumedRoles.length;
    const creations = getClientCreations().length;
    for (const tenantId of ["tenant a", "t", "t".repeat(65), undefined]) {
      const answer = await handler({ tenantId, orderId: "x", total: 1 } as never);
      expect(answer).toEqual({
        statusCode: 400,
        body: JSON.stringify({ message: "Invalid tenant" }),
      });
    }
    expect(sts.assumedRoles).toHaveLength(before);
    expect(getClientCreations()).toHaveLength(creations);
  });
});

describe("recipe: per-tenant credentials, with a bound on the clients kept", () => {
  let bounded: RegionRouter;
  beforeAll(async () => {
    // A router of its own: the connections of the clients above stay out of its count.
    resetAll();
    bounded = await startRegionRouter({ "us-east-1": dynamo.endpoint });
    vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", bounded.endpoint);
    documentClient.configure({ maxKeyedClients: 1 });
  });
  afterAll(async () => {
    resetAll();
    await bounded?.stop();
  });

  it("drops the least recent tenant's client beyond maxKeyedClients, and closes its connection", async () => {
    const a = tenantClient("tenant-a");
    await handler(order("tenant-a", "a-4"));
    expect(a.peek()).toBeDefined();
    // The SDK keeps its connection alive for the next request.
    expect(bounded.openConnections()).toBe(1);

    const b = tenantClient("tenant-b"); // asking is enough: a is dropped now
    expect(a.peek()).toBeUndefined();
    // Closed by the dropped client itself, well within the server's 5 s idle timeout.
    await vi.waitFor(() => expect(bounded.openConnections()).toBe(0), { timeout: 1_000 });

    await handler(order("tenant-b", "b-2"));
    expect(b.peek()).toBeDefined();
    expect(bounded.openConnections()).toBe(1);

    // Asked for again, a tenant gets a new client, which assumes its role again.
    const assumedByA = assumedBy("tenant-a").length;
    const again = tenantClient("tenant-a");
    expect(again).not.toBe(a);
    await handler(order("tenant-a", "a-5"));
    expect(assumedBy("tenant-a")).toHaveLength(assumedByA + 1);
    expect(b.peek()).toBeUndefined();
  });
});
