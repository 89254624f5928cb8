import { bedrock } from "@org/aws-bedrock";
import { cognito } from "@org/aws-cognito";
import { prime, resetAll, SingletonCreationError } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { facadeClient } from "../src/facade-client";
import { aws } from "../src/index";

beforeEach(() => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTEST");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

describe("aws", () => {
  it("hands out the packages' own singletons, not copies", async () => {
    expect(await aws.documentClient.get()).toBe(documentClient.get());
    expect(aws.bedrock).toBe(bedrock);
    expect(aws.cognito).toBe(cognito);
    expect(await aws.bedrock.get()).toBe(await bedrock.get());
  });

  it("gives each client's commands, loaded on first use", async () => {
    const { GetCommand, QueryCommand, TransactWriteCommand } = await aws.documentClient.sdk();
    for (const command of [GetCommand, QueryCommand, TransactWriteCommand]) {
      expect(typeof command).toBe("function");
    }
    expect(typeof (await aws.bedrock.sdk()).ConverseCommand).toBe("function");
    expect(typeof (await aws.cognito.sdk()).GetUserCommand).toBe("function");
  });

  it("creates one client under concurrent first uses", async () => {
    const clients = await Promise.all(Array.from({ length: 10 }, () => aws.documentClient.get()));
    expect(new Set(clients).size).toBe(1);
  });

  it("can be primed ahead, off the request path", async () => {
    const results = await prime([aws.documentClient, aws.bedrock], { when: "always" });
    expect(results.map((r) => [r.name, r.primed])).toEqual([
      ["dynamodb-document", true],
      ["bedrock-runtime", true],
    ]);
    expect(documentClient.isCreated()).toBe(true);
    expect(bedrock.isCreated()).toBe(true);
  });
});

describe("facadeClient", () => {
  it("turns a failed load into SingletonCreationError and tries again on the next use", async () => {
    let attempts = 0;
    const view = facadeClient(
      "flaky",
      async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("Cannot find module './chunks/flaky.mjs'");
        return { get: () => "client" };
      },
      async () => ({}),
    );
    const error = await view.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SingletonCreationError);
    expect((error as Error).message).toMatch(/^Creating "flaky" failed/);
    expect(await view.get()).toBe("client");
    expect(attempts).toBe(2);
  });
});
