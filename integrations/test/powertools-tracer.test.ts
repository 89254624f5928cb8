import { documentClient } from "@org/aws-dynamo";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Tracer traces only inside Lambda; it needs no X-Ray daemon to capture a client.
beforeAll(() => {
  vi.stubEnv("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs24.x");
  vi.stubEnv("AWS_REGION", "eu-west-1");
});
afterAll(() => vi.unstubAllEnvs());

describe("recipe: Powertools Tracer through onCreate", () => {
  it("captures each client when it is created, and not before", async () => {
    const { tracer } = await import("../recipes/powertools-tracer");
    expect(tracer.isTracingEnabled()).toBe(true);
    expect(documentClient.peek()).toBeUndefined();

    const steps = documentClient.client.middlewareStack.identify();
    expect(steps).toContainEqual(expect.stringContaining("XRaySDKInstrumentation"));
  });
});
