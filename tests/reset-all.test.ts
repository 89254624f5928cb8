import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { bedrock } from "@org/aws-bedrock";
import { cognito, tokenVerifier } from "@org/aws-cognito";
import {
  configureAwsDefaults,
  defineClient,
  getClientCreations,
  isColdStart,
  resetAll,
  withInvocation,
} from "@org/aws-core";
import { documentClient, dynamo, getTable } from "@org/aws-dynamo";
import { createTestTokenIssuer, lambdaContext } from "@org/aws-testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

// What a handler module does at init and on its first requests, with every kind of state.
async function useEverything() {
  const issuer = createTestTokenIssuer();
  configureAwsDefaults({ appId: "my-app", maxAttempts: 2 });
  dynamo.configure({ requestTimeout: 900, maxAttempts: 7 });
  bedrock.configure({ requestTimeout: 60_000 });
  tokenVerifier.configure({
    userPoolId: issuer.userPoolId,
    clientId: issuer.clientId,
    jwksFetcher: issuer.fetcher,
  });
  // Two invocations: the second is no longer the cold start.
  const handles = await withInvocation(lambdaContext(), async () => ({
    dynamo: dynamo.client,
    document: documentClient.client,
    cognito: await cognito.get(),
    table: getTable("t"),
  }));
  await withInvocation(lambdaContext(), () => tokenVerifier.verify(issuer.sign()));
  return handles;
}

describe("resetAll()", () => {
  it("returns the process to its just-started state, configuration included", async () => {
    const before = await useEverything();
    expect(tokenVerifier.peek()).toBeDefined();
    expect(getClientCreations().map((c) => c.name)).toEqual(
      expect.arrayContaining(["dynamodb", "dynamodb-document", "cognito-identity-provider"]),
    );
    expect(isColdStart()).toBe(false);

    resetAll();

    // Nothing exists, nothing is recorded, the next invocation is a cold start again.
    for (const client of [dynamo, documentClient, cognito, bedrock])
      expect(client.peek(), client.name).toBeUndefined();
    expect(tokenVerifier.peek()).toBeUndefined();
    expect(getClientCreations()).toEqual([]);
    expect(isColdStart()).toBe(true);
    // Shared defaults and per-client options are gone: clients are built as if never configured.
    expect(dynamo.client).not.toBe(before.dynamo);
    const neverConfigured = defineClient({
      name: "never-configured",
      create: (config) => new DynamoDBClient(config),
    });
    expect(await dynamo.client.config.maxAttempts()).toBe(
      await neverConfigured.client.config.maxAttempts(),
    );
    expect(await dynamo.client.config.userAgentAppId()).toBeUndefined();
    expect(await before.dynamo.config.userAgentAppId()).toBe("my-app");
    expect(await before.dynamo.config.maxAttempts()).toBe(7);
    // The table cache is a new one.
    expect(getTable("t")).not.toBe(before.table);
    // The verifier falls back to its environment: no pool configured, so it says so.
    vi.stubEnv("COGNITO_USER_POOL_ID", "");
    await expect(tokenVerifier.verify("x.y.z")).rejects.toThrow(/COGNITO_USER_POOL_ID/);
  });

  it("lets everything be configured again, as at init", async () => {
    await useEverything();
    resetAll();
    expect(() => configureAwsDefaults({ appId: "again" })).not.toThrow();
    expect(() => dynamo.configure({ requestTimeout: 500 })).not.toThrow();
    expect(() => tokenVerifier.configure({ tokenUse: "id" })).not.toThrow();
  });
});
