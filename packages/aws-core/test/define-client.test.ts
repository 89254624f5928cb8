import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUILT_IN_DEFAULTS } from "../src/config/resolve-client-config";
import {
  AwsCoreError,
  configureAwsDefaults,
  defineClient,
  getClientCreations,
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

/** The error `fn` throws (or the test fails). */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return expect.unreachable("expected a throw");
}

describe("defineClient", () => {
  it("does no work until first access", () => {
    const { create, dynamo } = defineDynamo();
    expect(create).not.toHaveBeenCalled();
    expect(dynamo.peek()).toBeUndefined();
    expect(dynamo.name).toBe("dynamodb");
  });

  it("gives the same instance through client and get(), and records one creation", async () => {
    const { create, dynamo } = defineDynamo();
    const viaProperty = dynamo.client;
    expect(viaProperty).toBeInstanceOf(DynamoDBClient);
    expect(dynamo.peek()).toBe(viaProperty);
    const viaGet = dynamo.get();
    expect(viaGet).toBeInstanceOf(Promise);
    expect(await viaGet).toBe(viaProperty);
    expect(dynamo.client).toBe(viaProperty);
    expect(create).toHaveBeenCalledTimes(1);
    expect(getClientCreations()).toMatchObject([{ name: "dynamodb" }]);
  });

  it("get() creates the client on first use, like client", async () => {
    const { create, dynamo } = defineDynamo();
    const client = await dynamo.get();
    expect(client).toBeInstanceOf(DynamoDBClient);
    expect(dynamo.client).toBe(client);
    expect(create).toHaveBeenCalledTimes(1);
  });

  it("sdk() is undefined for a client without load, and loads nothing", async () => {
    const { create, dynamo } = defineDynamo();
    await expect(dynamo.sdk()).resolves.toBeUndefined();
    expect(create).not.toHaveBeenCalled();
  });

  it("builds a real SDK client with the resolved settings", async () => {
    const dynamo = defineClient({
      name: "dynamodb",
      create: (config) => new DynamoDBClient(config),
      defaults: { maxAttempts: 4 },
    });
    dynamo.configure({ requestTimeout: 1_234, appId: "my-app" });
    const config = dynamo.client.config;
    expect(await config.region()).toBe("eu-west-1");
    expect(await config.maxAttempts()).toBe(4);
    expect(config.userAgentAppId && (await config.userAgentAppId())).toBe("my-app");
    // The SDK turns the options object into its Node.js handler, with our timeouts.
    const handlerConfig = await (
      config.requestHandler as unknown as { configProvider: Promise<Record<string, unknown>> }
    ).configProvider;
    expect(handlerConfig).toMatchObject({
      requestTimeout: 1_234,
      connectionTimeout: BUILT_IN_DEFAULTS.connectionTimeout,
      throwOnRequestTimeout: true,
    });
  });

  it("accepts configuration before creation and refuses it after, naming the client", () => {
    const { create, dynamo } = defineDynamo();
    dynamo.configure({ maxAttempts: 2 });
    dynamo.configure({ requestTimeout: 500 });
    void dynamo.client;
    expect(create.mock.calls[0]?.[0]).toMatchObject({
      maxAttempts: 2,
      requestHandler: { requestTimeout: 500 },
    });

    const error = thrownBy(() => dynamo.configure({ maxAttempts: 9 }));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ name: "InvalidConfigError", kind: "internal" });
    expect((error as InvalidConfigError).setting).toBeUndefined();
    expect((error as Error).message).toMatch(/dynamodb already created/);
    expect((error as Error).message).toMatch(/configure before first use/);
  });

  it("refuses configuration after inject() too", () => {
    const { dynamo } = defineDynamo();
    dynamo.inject(new DynamoDBClient({ region: "eu-west-1" }));
    expect(() => dynamo.configure({ maxAttempts: 2 })).toThrow(InvalidConfigError);
  });

  it("builds on its base client and passes configure() to it", async () => {
    const { create, dynamo } = defineDynamo();
    const wrapper = defineClient({
      name: "wrapper",
      base: dynamo,
      create: (_config, _sdk, inner) => ({ inner }),
    });
    wrapper.configure({ maxAttempts: 6 });
    expect((await wrapper.get()).inner).toBe(dynamo.client);
    expect(create.mock.calls[0]?.[0]).toMatchObject({ maxAttempts: 6 });
  });

  it("lets the SDK read its own variables for what code leaves unset; code wins", async () => {
    vi.stubEnv("AWS_MAX_ATTEMPTS", "5");
    vi.stubEnv("AWS_SDK_UA_APP_ID", "from-env");
    const fromEnv = defineClient({ name: "env", create: (c) => new DynamoDBClient(c) });
    expect(await fromEnv.client.config.maxAttempts()).toBe(5);
    expect(await fromEnv.client.config.userAgentAppId?.()).toBe("from-env");

    const fromCode = defineClient({ name: "code", create: (c) => new DynamoDBClient(c) });
    fromCode.configure({ maxAttempts: 2 });
    expect(await fromCode.client.config.maxAttempts()).toBe(2);
  });

  it("accepts configuration again after a reset", () => {
    const { create, dynamo } = defineDynamo();
    void dynamo.client;
    dynamo.reset();
    expect(dynamo.peek()).toBeUndefined();
    dynamo.configure({ maxAttempts: 7 });
    void dynamo.client;
    expect(create.mock.calls[1]?.[0]).toMatchObject({ maxAttempts: 7 });
  });

  it("validates configure() options, naming the setting", () => {
    const { dynamo } = defineDynamo();
    const error = thrownBy(() => dynamo.configure({ requestTimeout: -5 }));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toMatchObject({ kind: "internal", setting: "requestTimeout" });
    expect((error as Error).message).toBe(
      "Invalid requestTimeout: -5. Expected an integer above 0.",
    );
    expect(() => dynamo.configure({ requestTimout: 5 } as never)).toThrow(
      expect.objectContaining({ setting: "requestTimout" }),
    );
  });

  it("refuses shared defaults once any client exists, naming it", () => {
    const { dynamo } = defineDynamo();
    void dynamo.client;
    const error = thrownBy(() => configureAwsDefaults({ maxAttempts: 2 }));
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toMatch(/the shared AWS defaults: dynamodb already created/);
    dynamo.reset();
    expect(() => configureAwsDefaults({ maxAttempts: 2 })).not.toThrow();
  });

  it("injects a real client, and refuses objects that are not SDK clients", async () => {
    const { create, dynamo } = defineDynamo();
    const mine = new DynamoDBClient({ region: "us-east-1" });
    dynamo.inject(mine);
    expect(dynamo.client).toBe(mine);
    expect(await dynamo.get()).toBe(mine);
    expect(dynamo.peek()).toBe(mine);
    expect(create).not.toHaveBeenCalled();
    // An injected client is not a creation.
    expect(getClientCreations()).toEqual([]);

    for (const bad of [{}, null, "client", { send() {} }, { middlewareStack: {} }]) {
      const error = thrownBy(() => dynamo.inject(bad as unknown as DynamoDBClient));
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect(error).toMatchObject({ kind: "internal" });
      expect((error as Error).message).toBe(
        'Not an AWS SDK v3 client (no send() or middlewareStack): cannot inject "dynamodb"',
      );
    }
    expect(dynamo.client).toBe(mine);
  });

  it("a reset while a client is in use leaves that client working", async () => {
    const { dynamo } = defineDynamo();
    const inUse = dynamo.client;
    dynamo.reset();
    const fresh = dynamo.client;
    expect(fresh).not.toBe(inUse);
    expect(await inUse.config.region()).toBe("eu-west-1");
  });

  it("surfaces a missing region on first access, and retries after it is set", async () => {
    vi.stubEnv("AWS_REGION", undefined);
    const { dynamo } = defineDynamo();
    const error = thrownBy(() => dynamo.client);
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toMatchObject({ kind: "internal", setting: "region" });
    expect((error as Error).message).toBe(
      'No region for the "dynamodb" client: set AWS_REGION or configure({ region })',
    );
    await expect(dynamo.get()).rejects.toBeInstanceOf(InvalidConfigError);
    expect(dynamo.peek()).toBeUndefined();

    vi.stubEnv("AWS_REGION", "eu-west-1");
    expect(await dynamo.get()).toBeInstanceOf(DynamoDBClient);
  });

  it("takes the region from configure() when AWS_REGION is not set", async () => {
    vi.stubEnv("AWS_REGION", undefined);
    const { dynamo } = defineDynamo();
    dynamo.configure({ region: "eu-north-1" });
    expect(await dynamo.client.config.region()).toBe("eu-north-1");
  });
});
