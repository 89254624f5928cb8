import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  BUILT_IN_DEFAULTS,
  configureAwsDefaults,
  InvalidConfigError,
  MissingRegionError,
  resetAll,
  resetAwsDefaults,
  resolveClientConfig,
} from "../src/index";

beforeEach(() => {
  for (const name of ["AWS_REGION", "AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE", "AWS_SDK_UA_APP_ID"]) {
    vi.stubEnv(name, undefined);
  }
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
  resetAwsDefaults();
});

describe("resolveClientConfig", () => {
  it("refuses to guess a region, and says how to set one", () => {
    const error = (() => {
      try {
        resolveClientConfig("dynamodb");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MissingRegionError);
    expect((error as Error).message).toMatch(/AWS_REGION/);
    expect((error as MissingRegionError).clientName).toBe("dynamodb");
  });

  it("reads the region and the SDK's retry variables when called, not before", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv("AWS_MAX_ATTEMPTS", "5");
    vi.stubEnv("AWS_RETRY_MODE", "adaptive");
    vi.stubEnv("AWS_SDK_UA_APP_ID", "orders");
    expect(resolveClientConfig("x")).toMatchObject({
      region: "eu-west-1",
      maxAttempts: 5,
      retryMode: "adaptive",
      userAgentAppId: "orders",
    });
  });

  it("applies Lambda-friendly defaults: timeouts below 3 s and keep-alive", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const config = resolveClientConfig("x");
    expect(config.maxAttempts).toBe(BUILT_IN_DEFAULTS.maxAttempts);
    expect(config.retryMode).toBe("standard");
    expect(config.requestHandler.requestTimeout).toBeLessThan(3_000);
    expect(config.requestHandler.connectionTimeout).toBeLessThan(3_000);
    expect(config.requestHandler.httpsAgent).toEqual({ keepAlive: true, maxSockets: 50 });
    expect(config.requestHandler.httpAgent).toEqual({ keepAlive: true, maxSockets: 50 });
    expect(config).not.toHaveProperty("userAgentAppId");
    expect(config).not.toHaveProperty("endpoint");
  });

  it("layers: built-in < service defaults < environment < shared defaults < client overrides", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv("AWS_MAX_ATTEMPTS", "4");
    const serviceDefaults = { requestTimeout: 60_000, maxAttempts: 2, connectionTimeout: 500 };

    expect(resolveClientConfig("x", serviceDefaults)).toMatchObject({
      maxAttempts: 4,
      requestHandler: { requestTimeout: 60_000, connectionTimeout: 500 },
    });

    configureAwsDefaults({ requestTimeout: 1_500, region: "us-east-1" });
    expect(resolveClientConfig("x", serviceDefaults)).toMatchObject({
      region: "us-east-1",
      requestHandler: { requestTimeout: 1_500 },
    });

    expect(
      resolveClientConfig("x", serviceDefaults, { requestTimeout: 900, region: "ap-south-1" }),
    ).toMatchObject({ region: "ap-south-1", requestHandler: { requestTimeout: 900 } });
  });

  it("ignores undefined values instead of erasing a lower layer", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const config = resolveClientConfig("x", {}, { region: undefined } as never);
    expect(config.region).toBe("eu-west-1");
  });

  it.each([
    ["AWS_MAX_ATTEMPTS", "three"],
    ["AWS_MAX_ATTEMPTS", "0"],
    ["AWS_MAX_ATTEMPTS", "2.5"],
    ["AWS_RETRY_MODE", "legacy-ish"],
    ["AWS_REGION", "EU WEST"],
  ])("names the environment variable when %s=%s is unusable", (name, value) => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv(name, value);
    expect(() => resolveClientConfig("x")).toThrow(InvalidConfigError);
    expect(() => resolveClientConfig("x")).toThrow(name);
  });
});

describe("configureAwsDefaults", () => {
  it.each([
    [{ requestTimeout: -1 }, "requestTimeout"],
    [{ requestTimeout: 0 }, "requestTimeout"],
    [{ connectionTimeout: Number.NaN }, "connectionTimeout"],
    [{ maxAttempts: 0 }, "maxAttempts"],
    [{ keepAlive: "yes" }, "keepAlive"],
    [{ appId: "a".repeat(51) }, "appId"],
    [{ requestTimout: 5 }, "requestTimout"],
  ])("refuses %j with an InvalidConfigError naming %s", (options, setting) => {
    try {
      configureAwsDefaults(options as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect((error as InvalidConfigError).setting).toBe(setting);
    }
  });
});
