// Type tests: checked by `tsc` (vitest's typecheck mode, and the package's typecheck), never
// run. Each `@ts-expect-error` is a use the types must refuse.
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AwsCoreError,
  type ClientCreateHook,
  type ClientCreation,
  defineClient,
  type ErrorKind,
  getClientCreations,
  type LazyClient,
  onCreate,
  type PrimeResult,
  prime,
  type SdkClientConfig,
  withInvocation,
} from "../src/index";

// What `load` resolves to: the module as `import()` gives it.
const loadDynamo = () => import("@aws-sdk/client-dynamodb");
type DynamoSdk = Awaited<ReturnType<typeof loadDynamo>>;

// Two clients of different services: structurally different, as two SDK clients are.
declare class TableClient {
  readonly middlewareStack: object;
  send(command: { TableName: string }): Promise<{ Items: unknown[] }>;
}
declare class QueueClient {
  readonly middlewareStack: object;
  send(command: { QueueUrl: string }): Promise<{ MessageId: string }>;
}

declare const tables: LazyClient<TableClient>;
declare const creation: ClientCreation;
declare const dynamoOnUse: LazyClient<DynamoDBClient, DynamoSdk>;

describe("defineClient", () => {
  it("infers LazyClient<TClient> from create", () => {
    const queue = defineClient({
      name: "queue",
      create: (config) => {
        expectTypeOf(config).toEqualTypeOf<SdkClientConfig>();
        return {} as QueueClient;
      },
    });
    expectTypeOf(queue).toEqualTypeOf<LazyClient<QueueClient, undefined>>();
    expectTypeOf(queue).toEqualTypeOf<LazyClient<QueueClient>>();
    expectTypeOf(queue.sdk()).toEqualTypeOf<Promise<undefined>>();
  });

  it("infers LazyClient<TClient, TSdk> from load and create", () => {
    const dynamo = defineClient({
      name: "dynamodb",
      load: () => import("@aws-sdk/client-dynamodb"),
      create: (config, sdk) => {
        expectTypeOf(sdk).toEqualTypeOf<DynamoSdk>();
        return new sdk.DynamoDBClient(config);
      },
    });
    expectTypeOf(dynamo).toEqualTypeOf<LazyClient<DynamoDBClient, DynamoSdk>>();
  });

  it("refuses a definition whose create does not match its load", () => {
    defineClient({
      name: "dynamodb",
      load: async () => ({ version: 1 }),
      // @ts-expect-error: the loaded module has no DynamoDBClient
      create: (config, sdk) => new sdk.DynamoDBClient(config),
    });
    // @ts-expect-error: a name is required
    defineClient({ create: () => ({}) as TableClient });
  });
});

describe("LazyClient", () => {
  it("gives the client synchronously through client, and as a promise through get()", () => {
    expectTypeOf(tables.name).toEqualTypeOf<string>();
    expectTypeOf(tables.client).toEqualTypeOf<TableClient>();
    expectTypeOf(tables.get()).toEqualTypeOf<Promise<TableClient>>();
    expectTypeOf(tables.peek()).toEqualTypeOf<TableClient | undefined>();
    expectTypeOf(dynamoOnUse.client).toEqualTypeOf<DynamoDBClient>();
    expectTypeOf(dynamoOnUse.get()).toEqualTypeOf<Promise<DynamoDBClient>>();
    expectTypeOf(dynamoOnUse.sdk()).toEqualTypeOf<Promise<DynamoSdk>>();
    expectTypeOf(dynamoOnUse.reset).toEqualTypeOf<() => void>();
    // @ts-expect-error: client is read-only
    tables.client = {} as TableClient;
  });

  it("configure() takes the client options, typed", () => {
    tables.configure({ requestTimeout: 1_500, maxAttempts: 2, retryMode: "adaptive" });
    tables.configure({ region: "eu-west-1", appId: "orders", keepAlive: false });
    // @ts-expect-error: a number of milliseconds, not a string
    tables.configure({ requestTimeout: "1s" });
    // @ts-expect-error: not a retry mode
    tables.configure({ retryMode: "legacy" });
    // @ts-expect-error: an unknown option (a typo)
    tables.configure({ requestTimout: 1_500 });
    // @ts-expect-error: not an option of ours (an SDK constructor setting)
    tables.configure({ endpoint: "http://localhost:8000" });
  });

  it("inject() takes a client of its own service only", () => {
    tables.inject({} as TableClient);
    dynamoOnUse.inject({} as DynamoDBClient);
    // @ts-expect-error: a client of another service
    tables.inject({} as QueueClient);
    // @ts-expect-error: a client of another service
    dynamoOnUse.inject({} as TableClient);
    // @ts-expect-error: not a client at all
    tables.inject({ send: () => undefined });
  });

  it("onCreate() hooks get the client's own type and the creation", () => {
    const remove = tables.onCreate((client, creation) => {
      expectTypeOf(client).toEqualTypeOf<TableClient>();
      expectTypeOf(creation).toEqualTypeOf<ClientCreation>();
      expectTypeOf(creation.name).toEqualTypeOf<string>();
      expectTypeOf(creation.durationMs).toEqualTypeOf<number>();
      expectTypeOf(creation.coldStart).toEqualTypeOf<boolean>();
      expectTypeOf(creation.createdAt).toEqualTypeOf<Date>();
    });
    expectTypeOf(remove).toEqualTypeOf<() => void>();
    // A hook may return a client to use in its place, or nothing.
    tables.onCreate((client) => client);
    tables.onCreate(() => undefined);
    // @ts-expect-error: what a hook returns is used as the client
    tables.onCreate(() => "not a client");
    // @ts-expect-error: a client of another service cannot take its place
    tables.onCreate(() => ({}) as QueueClient);
  });
});

describe("onCreate() for every client", () => {
  it("gets clients of any service, as unknown", () => {
    const remove = onCreate((client, creation) => {
      expectTypeOf(client).toEqualTypeOf<unknown>();
      expectTypeOf(creation).toEqualTypeOf<ClientCreation>();
    });
    expectTypeOf(remove).toEqualTypeOf<() => void>();
    expectTypeOf(onCreate).parameter(0).toEqualTypeOf<ClientCreateHook>();
  });

  it("getClientCreations() hands out read-only records", () => {
    const creations = getClientCreations();
    expectTypeOf(creations).toEqualTypeOf<readonly ClientCreation[]>();
    // @ts-expect-error: the list is read-only
    creations.push(creation);
    // @ts-expect-error: and so is each record
    creation.durationMs = 0;
  });
});

describe("prime()", () => {
  it("accepts clients of every kind, and anything with a name and an async get()", () => {
    expectTypeOf(prime([tables, dynamoOnUse])).toEqualTypeOf<Promise<PrimeResult[]>>();
    prime([tables, { name: "jwks", get: async () => ({ keys: [] }) }], { when: "always" });
    prime([dynamoOnUse], { connect: true, when: "off-request-path" });
    // @ts-expect-error: get() must be async
    prime([{ name: "sync", get: () => 1 }]);
    // @ts-expect-error: a name is required
    prime([{ get: async () => 1 }]);
    // @ts-expect-error: not a time to prime
    prime([tables], { when: "never" });
  });
});

describe("withInvocation()", () => {
  it("returns what the function returns", () => {
    const context = { getRemainingTimeInMillis: () => 3_000 };
    expectTypeOf(withInvocation(context, () => 1)).toEqualTypeOf<number>();
    expectTypeOf(withInvocation(context, async () => "a", { marginMs: 300 })).toEqualTypeOf<
      Promise<string>
    >();
    // @ts-expect-error: the margin is a number of milliseconds
    withInvocation(context, () => 1, { marginMs: "300" });
  });
});

describe("AwsCoreError", () => {
  it("has a kind from one closed set", () => {
    expectTypeOf<AwsCoreError["kind"]>().toEqualTypeOf<ErrorKind>();
    expectTypeOf<AwsCoreError["safeMessage"]>().toEqualTypeOf<string>();
  });
});
