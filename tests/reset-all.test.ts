import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { bedrock } from "@org/aws-bedrock";
import { cognito, tokenVerifier } from "@org/aws-cognito";
import {
  configureAwsDefaults,
  getAwsDefaults,
  getSingletonCreations,
  isColdStart,
  markInvocationStart,
  resetAll,
} from "@org/aws-core";
import { documentClient, dynamo, getTable } from "@org/aws-dynamo";
import { createTestTokenIssuer } from "@org/aws-testing";
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
  markInvocationStart();
  markInvocationStart();
  const handles = {
    dynamo: dynamo.client,
    document: documentClient.client,
    cognito: await cognito.get(),
    table: getTable("t"),
  };
  await tokenVerifier.verify(issuer.sign());
  return handles;
}

describe("resetAll()", () => {
  it("returns the process to its just-started state, configuration included", async () => {
    const before = await useEverything();
    expect(tokenVerifier.isCreated()).toBe(true);
    expect(getSingletonCreations().length).toBeGreaterThanOrEqual(4);

    resetAll();

    // Nothing exists, nothing is recorded, the next invocation is a cold start again.
    for (const client of [dynamo, documentClient, cognito, bedrock])
      expect(client.isCreated()).toBe(false);
    expect(tokenVerifier.isCreated()).toBe(false);
    expect(getSingletonCreations()).toEqual([]);
    expect(isColdStart()).toBe(true);
    // Shared defaults and per-client options are gone: clients are built as if never configured.
    expect(getAwsDefaults()).toEqual({});
    expect(dynamo.client).not.toBe(before.dynamo);
    const plain = new DynamoDBClient({ region: "eu-west-1" });
    expect(await dynamo.client.config.maxAttempts()).toBe(await plain.config.maxAttempts());
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
