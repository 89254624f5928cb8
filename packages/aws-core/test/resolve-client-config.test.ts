import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUILT_IN_DEFAULTS } from "../src/config/resolve-client-config";
import {
  configureAwsDefaults,
  InvalidConfigError,
  MissingRegionError,
  resetAll,
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

  it("reads the region when called, not before", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    expect(resolveClientConfig("x").region).toBe("eu-west-1");
    vi.stubEnv("AWS_REGION", "eu-central-1");
    expect(resolveClientConfig("x").region).toBe("eu-central-1");
  });

  it("applies Lambda-friendly timeouts and leaves the rest to the SDK", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const config = resolveClientConfig("x");
    expect(config.requestHandler.requestTimeout).toBe(BUILT_IN_DEFAULTS.requestTimeout);
    expect(config.requestHandler.requestTimeout).toBeLessThan(3_000);
    expect(config.requestHandler.connectionTimeout).toBeLessThan(3_000);
    expect(config.requestHandler.httpsAgent).toEqual({ keepAlive: true, maxSockets: 50 });
    expect(config.requestHandler.httpAgent).toEqual({ keepAlive: true, maxSockets: 50 });
    // Unset in code: the SDK reads AWS_MAX_ATTEMPTS, AWS_RETRY_MODE, AWS_SDK_UA_APP_ID itself.
    for (const key of ["maxAttempts", "retryMode", "userAgentAppId", "endpoint"]) {
      expect(config).not.toHaveProperty(key);
    }
  });

  it("layers: built-in < service defaults < shared defaults < client overrides", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const serviceDefaults = { requestTimeout: 60_000, maxAttempts: 2, connectionTimeout: 500 };

    expect(resolveClientConfig("x", serviceDefaults)).toMatchObject({
      region: "eu-west-1",
      maxAttempts: 2,
      requestHandler: { requestTimeout: 60_000, connectionTimeout: 500 },
    });

    configureAwsDefaults({ requestTimeout: 1_500, region: "us-east-1", appId: "shop" });
    expect(resolveClientConfig("x", serviceDefaults)).toMatchObject({
      region: "us-east-1",
      userAgentAppId: "shop",
      requestHandler: { requestTimeout: 1_500 },
    });

    expect(
      resolveClientConfig("x", serviceDefaults, { requestTimeout: 900, region: "ap-south-1" }),
    ).toMatchObject({ region: "ap-south-1", requestHandler: { requestTimeout: 900 } });
  });

  it("ignores undefined values instead of erasing a lower layer", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const config = resolveClientConfig(
      "x",
      { requestTimeout: 5_000 },
      { requestTimeout: undefined },
    );
    expect(config.requestHandler.requestTimeout).toBe(5_000);
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
