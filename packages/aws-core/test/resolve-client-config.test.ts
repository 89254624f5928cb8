import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BUILT_IN_DEFAULTS, resolveClientConfig } from "../src/config/resolve-client-config";
import { configureAwsDefaults, resetAll } from "../src/index";
import { InvalidConfigError } from "../src/internal";

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
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect(error).toMatchObject({ kind: "internal", setting: "region" });
    expect((error as Error).message).toBe(
      'No region for the "dynamodb" client: set AWS_REGION or configure({ region })',
    );
  });

  it("reads the region when called, not before", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    expect(resolveClientConfig("x").region).toBe("eu-west-1");
    vi.stubEnv("AWS_REGION", "eu-central-1");
    expect(resolveClientConfig("x").region).toBe("eu-central-1");
  });

  it("applies Lambda-friendly timeouts and attempts, and leaves the rest to the SDK", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    const config = resolveClientConfig("x");
    const { requestTimeout, connectionTimeout } = BUILT_IN_DEFAULTS;
    expect(config.requestHandler).toMatchObject({ requestTimeout, connectionTimeout });
    // Without it the SDK only warns when requestTimeout passes, and the call hangs on.
    expect(config.requestHandler.throwOnRequestTimeout).toBe(true);
    expect(config.requestHandler.httpsAgent).toEqual({ keepAlive: true, maxSockets: 50 });
    expect(config.requestHandler.httpAgent).toEqual({ keepAlive: true, maxSockets: 50 });
    // 3 attempts, whatever the service's own SDK default (DynamoDB's is 4).
    expect(config.maxAttempts).toBe(3);
    // A call to a hung service ends within Lambda's default 3 s timeout, backoff included
    // (the SDK waits at most 300 ms between attempts after a timeout).
    expect(3 * requestTimeout + 2 * 300).toBeLessThan(3_000);
    // Unset in code: the SDK reads AWS_RETRY_MODE, AWS_SDK_UA_APP_ID itself.
    for (const key of ["retryMode", "userAgentAppId", "endpoint"]) {
      expect(config).not.toHaveProperty(key);
    }
  });

  it("leaves maxAttempts to the SDK when AWS_MAX_ATTEMPTS is set; code wins over both", () => {
    vi.stubEnv("AWS_REGION", "eu-west-1");
    vi.stubEnv("AWS_MAX_ATTEMPTS", "5");
    expect(resolveClientConfig("x")).not.toHaveProperty("maxAttempts");
    expect(resolveClientConfig("x", {}, { maxAttempts: 2 }).maxAttempts).toBe(2);
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
    ).toMatchObject({
      region: "ap-south-1",
      requestHandler: { requestTimeout: 900, throwOnRequestTimeout: true },
    });
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
      expect(error).toMatchObject({ name: "InvalidConfigError", kind: "internal", setting });
      expect((error as Error).message).toMatch(new RegExp(`^Invalid ${setting}: .* Expected `));
    }
  });
});
