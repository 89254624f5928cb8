import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { test } from "vitest";
import { defineClient, lazySingleton } from "../src/index";

process.env.AWS_REGION ??= "eu-west-1";

// Results are written into a sink so the JIT cannot drop the reads; each warm sample does
// READS accesses so the harness's own per-sample cost does not hide the difference.
let sink: unknown;
const READS = 1_000;

const plain = { field: new DynamoDBClient({ region: "eu-west-1" }) };
const warmSingleton = lazySingleton(
  "bench-warm",
  () => new DynamoDBClient({ region: "eu-west-1" }),
);
const warmClient = defineClient({ name: "bench-client", create: (c) => new DynamoDBClient(c) });
warmSingleton.get();
sink = warmClient.client;
const replica = warmClient.for({ region: "us-west-2" });
sink = replica.client;
const REPLICA_KEY = { region: "us-west-2" };
const TENANTS = Array.from({ length: 10 }, (_, i) => `tenant-${i}`);
for (const key of TENANTS) sink = warmClient.for({ key }).client;

test(`later access (warm), ${READS} reads per sample`, async ({ bench }) => {
  await bench.compare(
    bench("plain obj.field read (baseline)", () => {
      for (let i = 0; i < READS; i++) sink = plain.field;
    }),
    bench("lazySingleton.get()", () => {
      for (let i = 0; i < READS; i++) sink = warmSingleton.get();
    }),
    bench("defineClient: .client property", () => {
      for (let i = 0; i < READS; i++) sink = warmClient.client;
    }),
  );
});

test(`keyed clients (warm), ${READS} reads per sample`, async ({ bench }) => {
  await bench.compare(
    bench("defineClient: .client property (baseline)", () => {
      for (let i = 0; i < READS; i++) sink = warmClient.client;
    }),
    bench("for(key) kept at module scope: replica.client", () => {
      for (let i = 0; i < READS; i++) sink = replica.client;
    }),
    bench("for(key) per call, the same key object: for(KEY).client", () => {
      for (let i = 0; i < READS; i++) sink = warmClient.for(REPLICA_KEY).client;
    }),
    bench("for(key) per call, a new key of 10 tenants: for({ key }).client", () => {
      for (let i = 0; i < READS; i++)
        sink = warmClient.for({ key: TENANTS[i % 10] as string }).client;
    }),
  );
});

test("first access (cold)", async ({ bench }) => {
  await bench.compare(
    bench("new DynamoDBClient() by hand (baseline)", () => {
      sink = new DynamoDBClient({ region: "eu-west-1" });
    }),
    bench("defineClient: first .client, DynamoDBClient", () => {
      const client = defineClient({ name: "bench-cold", create: (c) => new DynamoDBClient(c) });
      sink = client.client;
      client.reset();
    }),
    bench("lazySingleton: declare + first get(), trivial factory", () => {
      const single = lazySingleton("bench-trivial", () => sink);
      sink = single.get();
      single.reset();
    }),
  );
});
