import { randomUUID } from "node:crypto";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import { getClientCreations } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import { type DynamoLocal, startDynamoLocal } from "@org/aws-testing/local";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import "./local";
import { type RegionRouter, startRegionRouter } from "./support/region-router";

// Two DynamoDB Locals stand for two regions of a global table (there is no replication
// between them): the one of the project's globalSetup for us-east-1, the function's region,
// and one started here for eu-west-1. The region router in front of them sends each request
// to the server of the region it is signed for.
const HOME = "us-east-1";
const REPLICA = "eu-west-1";
const table = `replica-${randomUUID()}`;

let virginia: string;
let dublin: DynamoLocal;
let router: RegionRouter;
let recipe: typeof import("../recipes/global-table-replica");
// A plain client per server, in its region: DynamoDB Local keeps a database per region (and
// access key), so each reads what the recipe's client of that region wrote.
const direct = new Map<string, DynamoDBClient>();

beforeAll(async () => {
  virginia = process.env.AWS_ENDPOINT_URL_DYNAMODB ?? "";
  dublin = await startDynamoLocal();
  direct.set(HOME, plainClient(virginia, HOME));
  direct.set(REPLICA, plainClient(dublin.endpoint, REPLICA));
  for (const client of direct.values()) {
    await client.send(
      new CreateTableCommand({
        TableName: table,
        KeySchema: [
          { AttributeName: "PK", KeyType: "HASH" },
          { AttributeName: "SK", KeyType: "RANGE" },
        ],
        AttributeDefinitions: [
          { AttributeName: "PK", AttributeType: "S" },
          { AttributeName: "SK", AttributeType: "S" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  router = await startRegionRouter({ [HOME]: virginia, [REPLICA]: dublin.endpoint });
  vi.stubEnv("AWS_REGION", HOME);
  vi.stubEnv("AWS_ENDPOINT_URL_DYNAMODB", router.endpoint);
  vi.stubEnv("TABLE_NAME", table);
  vi.stubEnv("REPLICA_REGIONS", `${HOME},${REPLICA}`);
  recipe = await import("../recipes/global-table-replica");
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  documentClient.reset();
  await direct.get(HOME)?.send(new DeleteTableCommand({ TableName: table }));
  for (const client of direct.values()) client.destroy();
  await router?.stop();
  await dublin?.stop();
});

function plainClient(endpoint: string, region: string) {
  return new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

async function storedIn(region: string, customerId: string, orderId: string) {
  const { Item } = await (direct.get(region) as DynamoDBClient).send(
    new GetItemCommand({
      TableName: table,
      Key: { PK: { S: `CUSTOMER#${customerId}` }, SK: { S: `ORDER#${orderId}` } },
      ConsistentRead: true,
    }),
  );
  return Item;
}

describe("recipe: a global table's items in their home region", () => {
  it("creates no client when the module is loaded", () => {
    expect(documentClient.peek()).toBeUndefined();
  });

  it("writes each order through its home region's client, to that region's server only", async () => {
    const atHome = await recipe.handler({
      customerId: "c-1",
      orderId: "o-1",
      total: 10,
      homeRegion: HOME,
    });
    const abroad = await recipe.handler({
      customerId: "c-2",
      orderId: "o-2",
      total: 20,
      homeRegion: REPLICA,
    });
    expect(atHome.statusCode).toBe(200);
    expect(JSON.parse(abroad.body)).toEqual({
      PK: "CUSTOMER#c-2",
      SK: "ORDER#o-2",
      total: 20,
      homeRegion: REPLICA,
    });

    expect(await storedIn(HOME, "c-1", "o-1")).toMatchObject({ total: { N: "10" } });
    expect(await storedIn(REPLICA, "c-1", "o-1")).toBeUndefined();
    expect(await storedIn(REPLICA, "c-2", "o-2")).toMatchObject({ total: { N: "20" } });
    expect(await storedIn(HOME, "c-2", "o-2")).toBeUndefined();
    // A put and a get each.
    expect(router.routed).toEqual({ [HOME]: 2, [REPLICA]: 2 });
  });

  it("uses the function's own client at home and one kept per region elsewhere", async () => {
    const replica = documentClient.for({ region: REPLICA });
    expect(await documentClient.client.config.region()).toBe(HOME);
    expect(await replica.peek()?.config.region()).toBe(REPLICA);
    await recipe.handler({ customerId: "c-3", orderId: "o-3", total: 30, homeRegion: REPLICA });
    expect(documentClient.for({ region: REPLICA })).toBe(replica);
    // DynamoDB's client and the DocumentClient on it, for the replica's region alone.
    expect(getClientCreations().map(({ name, key }) => `${name} ${key ?? "-"}`)).toEqual([
      "dynamodb -",
      "dynamodb-document -",
      `dynamodb region=${REPLICA}`,
      `dynamodb-document region=${REPLICA}`,
    ]);
  });

  it("refuses a region the table has no replica in, before making a client for it", async () => {
    const refused = await recipe.handler({
      customerId: "c-4",
      orderId: "o-4",
      total: 40,
      homeRegion: "ap-south-1",
    });
    expect(refused).toEqual({
      statusCode: 400,
      body: JSON.stringify({ message: "Unknown home region" }),
    });
    expect(getClientCreations().map(({ key }) => key)).not.toContain("region=ap-south-1");
    expect(router.routed["ap-south-1"]).toBeUndefined();
  });
});
