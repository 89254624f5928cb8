import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  ClientAlreadyCreatedError,
  configureAwsDefaults,
  defineClient,
  getSingletonCreations,
  InvalidClientError,
  InvalidConfigError,
  resetAll,
  type SdkClientConfig,
} from "../src/index";

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

describe("defineClient", () => {
  it("does no work until first access", () => {
    const { create, dynamo } = defineDynamo();
    expect(create).not.toHaveBeenCalled();
    expect(dynamo.isCreated()).toBe(false);
  });

  it("gives the same instance through the property and the function form", () => {
    const { create, dynamo } = defineDynamo();
    const { get: getDynamoClient } = dynamo;
    const viaProperty = dynamo.client;
    expect(viaProperty).toBeInstanceOf(DynamoDBClient);
    expect(getDynamoClient()).toBe(viaProperty);
    expect(dynamo.client).toBe(viaProperty);
    expect(create).toHaveBeenCalledTimes(1);
    expect(getSingletonCreations()).toMatchObject([{ name: "dynamodb" }]);
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
    expect(handlerConfig).toMatchObject({ requestTimeout: 1_234, connectionTimeout: 1_000 });
  });

  it("accepts configuration before creation and refuses it after, naming the client", () => {
    const { create, dynamo } = defineDynamo();
    dynamo.configure({ maxAttempts: 2 });
    dynamo.configure({ requestTimeout: 500 });
    dynamo.get();
    expect(create.mock.calls[0]?.[0]).toMatchObject({
      maxAttempts: 2,
      requestHandler: { requestTimeout: 500 },
    });

    expect(() => dynamo.configure({ maxAttempts: 9 })).toThrow(ClientAlreadyCreatedError);
    expect(() => dynamo.configure({ maxAttempts: 9 })).toThrow(/dynamodb already created/);
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
    dynamo.get();
    dynamo.reset();
    dynamo.configure({ maxAttempts: 7 });
    dynamo.get();
    expect(create.mock.calls[1]?.[0]).toMatchObject({ maxAttempts: 7 });
  });

  it("validates configure() options", () => {
    const { dynamo } = defineDynamo();
    expect(() => dynamo.configure({ requestTimeout: -5 })).toThrow(InvalidConfigError);
  });

  it("refuses shared defaults once any client exists", () => {
    const { dynamo } = defineDynamo();
    dynamo.get();
    expect(() => configureAwsDefaults({ maxAttempts: 2 })).toThrow(ClientAlreadyCreatedError);
    dynamo.reset();
    expect(() => configureAwsDefaults({ maxAttempts: 2 })).not.toThrow();
  });

  it("injects a real client, and refuses objects that are not SDK clients", () => {
    const { create, dynamo } = defineDynamo();
    const mine = new DynamoDBClient({ region: "us-east-1" });
    dynamo.inject(mine);
    expect(dynamo.client).toBe(mine);
    expect(create).not.toHaveBeenCalled();

    for (const bad of [{}, null, "client", { send() {} }, { middlewareStack: {} }]) {
      expect(() => dynamo.inject(bad as unknown as DynamoDBClient)).toThrow(InvalidClientError);
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

  it("surfaces a missing region on first access, and retries after it is set", () => {
    vi.stubEnv("AWS_REGION", undefined);
    const { dynamo } = defineDynamo();
    expect(() => dynamo.get()).toThrow(/AWS_REGION/);
    expect(dynamo.isCreated()).toBe(false);
    vi.stubEnv("AWS_REGION", "eu-west-1");
    expect(dynamo.get()).toBeInstanceOf(DynamoDBClient);
  });
});
