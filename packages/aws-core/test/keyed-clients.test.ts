import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  configureAwsDefaults,
  defineClient,
  getClientCreations,
  type LazyClient,
  onCreate,
  resetAll,
  type SdkClientConfig,
} from "../src/index";
import { InvalidConfigError } from "../src/internal";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

function defineDynamo() {
  const create = vi.fn((config: SdkClientConfig) => new DynamoDBClient(config));
  return { create, dynamo: defineClient({ name: "dynamodb", create }) };
}

const tenantCredentials = async () => ({ accessKeyId: "ASIATENANT", secretAccessKey: "secret" });

describe("for(key)", () => {
  it("creates nothing until the keyed client's first use, then one client per key", async () => {
    const { create, dynamo } = defineDynamo();
    const west = dynamo.for({ region: "us-west-2" });
    expect(create).not.toHaveBeenCalled();

    expect(await west.client.config.region()).toBe("us-west-2");
    expect(west.client).toBe(west.client);
    expect(dynamo.for({ region: "us-west-2" })).toBe(west);
    expect(dynamo.for({ region: "eu-central-1" })).not.toBe(west);
    expect(create).toHaveBeenCalledTimes(1);
    expect(dynamo.peek()).toBeUndefined(); // the client it was made from is not created
  });

  it("shares the client's settings, the key's region winning", async () => {
    const { create, dynamo } = defineDynamo();
    configureAwsDefaults({ requestTimeout: 900 });
    dynamo.configure({ maxAttempts: 2, region: "eu-north-1" });
    dynamo.for({ region: "ap-south-1" }).client;
    expect(create.mock.calls[0]?.[0]).toMatchObject({
      region: "ap-south-1",
      maxAttempts: 2,
      requestHandler: { requestTimeout: 900 },
    });
    dynamo.for({ key: "tenant-a" }).client;
    expect(create.mock.calls[1]?.[0]).toMatchObject({ region: "eu-north-1" });
  });

  it("has the shape of every client; for() on a keyed client adds to its key", () => {
    const { dynamo } = defineDynamo();
    const west = dynamo.for({ region: "us-west-2" });
    expect(west.name).toBe("dynamodb");
    expect(west.for({ key: "a" })).toBe(dynamo.for({ region: "us-west-2", key: "a" }));
    expect(west.for({ region: "us-west-2" })).toBe(west);
  });

  it("creates one client for concurrent first uses of a key whose SDK loads on first use", async () => {
    const create = vi.fn((config: SdkClientConfig) => new DynamoDBClient(config));
    const load = vi.fn(async () => ({ DynamoDBClient }));
    const onUse = defineClient({ name: "dynamodb", load, create });
    const clients = await Promise.all(
      Array.from({ length: 5 }, () => onUse.for({ region: "us-west-2" }).get()),
    );
    expect(new Set(clients).size).toBe(1);
    expect(create).toHaveBeenCalledTimes(1);
    expect(load).toHaveBeenCalledTimes(1);
    // The module is loaded once for the client and every key.
    await onUse.get();
    await onUse.for({ region: "eu-west-3" }).get();
    expect(load).toHaveBeenCalledTimes(1);
    expect(await onUse.for({ region: "us-west-2" }).sdk()).toEqual({ DynamoDBClient });
  });

  it("says so when a keyed client's SDK is not loaded yet, as for its client", () => {
    const onUse = defineClient({
      name: "bedrock-runtime",
      load: async () => ({ DynamoDBClient }),
      create: (config, sdk) => new sdk.DynamoDBClient(config),
    });
    expect(() => onUse.for({ region: "us-west-2" }).client).toThrow(/await its get\(\)/);
  });

  it("records keyed creations with the key's label, never its secrets", () => {
    const { dynamo } = defineDynamo();
    dynamo.for({ region: "us-west-2" }).client;
    dynamo.for({ region: "eu-central-1", key: "tenant-a", credentials: tenantCredentials }).client;
    const creations = getClientCreations();
    expect(creations.map(({ name, key }) => ({ name, key }))).toEqual([
      { name: "dynamodb", key: "region=us-west-2" },
      { name: "dynamodb", key: "region=eu-central-1 key=tenant-a" },
    ]);
    expect(JSON.stringify(creations)).not.toMatch(/ASIATENANT|secret/);
  });

  it("runs the client's hooks, its own and the global ones for a keyed client", () => {
    const { dynamo } = defineDynamo();
    const own = vi.fn();
    const global = vi.fn();
    dynamo.onCreate(own);
    const remove = onCreate(global);
    const keyedOnly = vi.fn();
    const west = dynamo.for({ region: "us-west-2" });
    west.onCreate(keyedOnly);
    west.client;
    remove();
    expect(own).toHaveBeenCalledWith(
      west.client,
      expect.objectContaining({ key: "region=us-west-2" }),
    );
    expect(keyedOnly).toHaveBeenCalledTimes(1);
    expect(global).toHaveBeenCalledTimes(1);
  });
});

describe("the bound of keyed clients", () => {
  /** Keyed clients whose SDK clients record their destroy() calls. */
  function destroyable() {
    const destroyed: string[] = [];
    const dynamo = defineClient({
      name: "dynamodb",
      create: (config) => {
        const client = new DynamoDBClient(config);
        const destroy = client.destroy.bind(client);
        client.destroy = () => {
          destroyed.push(config.region);
          destroy();
        };
        return client;
      },
    });
    return { destroyed, dynamo };
  }

  it("drops the least recently asked for beyond maxKeyedClients and closes its client", () => {
    const { destroyed, dynamo } = destroyable();
    dynamo.configure({ maxKeyedClients: 2 });
    const a = dynamo.for({ region: "us-east-1" });
    a.client;
    const b = dynamo.for({ region: "us-east-2" });
    b.client;
    expect(dynamo.for({ region: "us-east-1" })).toBe(a); // a is now the more recent
    dynamo.for({ region: "us-west-1" }).client;
    expect(destroyed).toEqual(["us-east-2"]);
    expect(b.peek()).toBeUndefined();
    expect(dynamo.for({ region: "us-east-1" })).toBe(a);
    const bAgain = dynamo.for({ region: "us-east-2" });
    expect(bAgain).not.toBe(b);
    // a was asked for again after us-west-1 was made: us-west-1 is now the least recent.
    expect(destroyed).toEqual(["us-east-2", "us-west-1"]);
  });

  it("keeps 10 by default, or what configureAwsDefaults says", () => {
    const { destroyed, dynamo } = destroyable();
    const regions = Array.from({ length: 11 }, (_, i) => `us-east-${i + 1}`);
    for (const region of regions) dynamo.for({ region }).client;
    expect(destroyed).toEqual(["us-east-1"]);

    resetAll();
    configureAwsDefaults({ maxKeyedClients: 1 });
    const other = destroyable();
    other.dynamo.for({ region: "us-east-1" }).client;
    other.dynamo.for({ region: "us-east-2" }).client;
    expect(other.destroyed).toEqual(["us-east-1"]);
  });

  it("refuses a bound that is not an integer from 1 to 1000", () => {
    const { dynamo } = defineDynamo();
    for (const bad of [0, 1001, 2.5, "3"]) {
      expect(() => dynamo.configure({ maxKeyedClients: bad as number })).toThrow(
        /Invalid maxKeyedClients.*from 1 to 1000/,
      );
    }
  });

  it("drops a wrapper's base client with it (a DocumentClient's destroy() does nothing)", () => {
    const { destroyed, dynamo } = destroyable();
    dynamo.configure({ maxKeyedClients: 1 });
    const document = defineClient({
      name: "document",
      base: dynamo,
      create: (_config, _sdk, client) => ({ client, send: () => {}, middlewareStack: {} }),
    });
    const east = document.for({ region: "us-east-1" });
    expect(east.client.client).toBe(dynamo.for({ region: "us-east-1" }).client);
    document.for({ region: "us-east-2" }).client;
    expect(destroyed).toEqual(["us-east-1"]);
  });

  it("reset() and resetAll() drop every keyed client, without closing those handed out", () => {
    const { destroyed, dynamo } = destroyable();
    const west = dynamo.for({ region: "us-west-2" });
    const client = west.client;
    dynamo.reset();
    expect(dynamo.for({ region: "us-west-2" })).not.toBe(west);
    expect(west.peek()).toBeUndefined();

    const again = dynamo.for({ region: "us-west-2" });
    again.client;
    resetAll();
    expect(dynamo.for({ region: "us-west-2" })).not.toBe(again);
    expect(again.peek()).toBeUndefined();
    expect(destroyed).toEqual([]);
    expect(client).toBeInstanceOf(DynamoDBClient);
  });
});

describe("configuring and injecting keyed clients", () => {
  it("configures through the client it was made from, before any keyed client exists", () => {
    const { dynamo } = defineDynamo();
    const west = dynamo.for({ region: "us-west-2" });
    expect(() => west.configure({ maxAttempts: 2 })).toThrow(/configure dynamodb/);
    dynamo.configure({ maxAttempts: 2 }); // none created yet
    west.client;
    expect(() => dynamo.configure({ maxAttempts: 3 })).toThrow(InvalidConfigError);
  });

  it("takes an injected client for one key (tests)", () => {
    const { create, dynamo } = defineDynamo();
    const injected = new DynamoDBClient({ region: "us-west-2" });
    dynamo.for({ region: "us-west-2" }).inject(injected);
    expect(dynamo.for({ region: "us-west-2" }).client).toBe(injected);
    expect(create).not.toHaveBeenCalled();
    expect(() => dynamo.for({ region: "us-east-1" }).inject({} as DynamoDBClient)).toThrow(
      /Not an AWS SDK v3 client/,
    );
  });
});

describe("keys", () => {
  const { dynamo } = defineDynamo();
  const refused: [string, unknown, RegExp][] = [
    ["not an object", "eu-west-1", /expected an object/],
    ["null", null, /expected an object/],
    ["empty", {}, /set a region or a key/],
    ["an unknown field", { region: "eu-west-1", endpoint: "http://x" }, /unknown field endpoint/],
    ["a malformed region", { region: "EU_WEST" }, /Invalid region/],
    ["a region with the id's separator", { region: "eu-west-1|x" }, /Invalid region/],
    ["a long key", { key: "t".repeat(65) }, /Invalid key/],
    ["a key with a space", { key: "tenant a" }, /Invalid key/],
    ["credentials without a key", { credentials: tenantCredentials }, /set key too/],
    [
      "credentials that are not a provider",
      { key: "a", credentials: { accessKeyId: "x" } },
      /credential provider/,
    ],
  ];

  it.each(refused)("refuses %s", (_, key, message) => {
    const error = (() => {
      try {
        dynamo.for(key as never);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toMatch(message);
  });
});

describe("a key with credentials", () => {
  it("gives them to its client, which the function's own credentials never reach", async () => {
    const { create, dynamo } = defineDynamo();
    const tenant = dynamo.for({ key: "tenant-a", credentials: tenantCredentials });
    expect(await tenant.client.config.credentials()).toMatchObject({ accessKeyId: "ASIATENANT" });
    expect(create.mock.calls[0]?.[0].credentials).toBe(tenantCredentials);
    dynamo.for({ region: "us-west-2" }).client;
    expect(create.mock.calls[1]?.[0].credentials).toBeUndefined();
  });

  it("is named by its key: the same key returns its client, whatever credentials come with it", () => {
    const { dynamo } = defineDynamo();
    const first = dynamo.for({ key: "tenant-a", credentials: tenantCredentials });
    const other = async () => ({ accessKeyId: "ASIAOTHER", secretAccessKey: "x" });
    expect(dynamo.for({ key: "tenant-a", credentials: other })).toBe(first);
  });
});

// The LazyClient type of a keyed client is its client's.
export const typed: LazyClient<DynamoDBClient, undefined> = defineDynamo().dynamo.for({
  region: "us-west-2",
});
