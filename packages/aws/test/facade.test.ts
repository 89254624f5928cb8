import { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { bedrock } from "@org/aws-bedrock";
import { cognito } from "@org/aws-cognito";
import { prime, resetAll } from "@org/aws-core";
import { documentClient, dynamo } from "@org/aws-dynamo";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as entry from "../src/index";
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

describe("the entry", () => {
  it("exports one runtime name, aws", () => {
    expect(Object.keys(entry)).toEqual(["aws"]);
  });
});

describe("aws", () => {
  it("hands out the packages' own clients, not copies", async () => {
    const db = await aws.documentClient.get();
    expect(db).toBeInstanceOf(DynamoDBDocumentClient);
    expect(db).toBe(documentClient.client);
    expect(aws.documentClient.client).toBe(db);
    expect(aws.documentClient.peek()).toBe(db);
    expect(aws.bedrock).toBe(bedrock);
    expect(aws.cognito).toBe(cognito);
    expect(await aws.bedrock.get()).toBeInstanceOf(BedrockRuntimeClient);
  });

  it("every member is a LazyClient, with the same members", () => {
    for (const client of [aws.documentClient, aws.bedrock, aws.cognito]) {
      expect(typeof client.name).toBe("string");
      for (const member of ["get", "sdk", "configure", "inject", "reset", "peek", "onCreate"]) {
        expect(typeof (client as unknown as Record<string, unknown>)[member], member).toBe(
          "function",
        );
      }
    }
    expect(aws.documentClient.name).toBe(documentClient.name);
  });

  it("gives each client's commands, loaded on first use", async () => {
    const { GetCommand, QueryCommand, TransactWriteCommand } = await aws.documentClient.sdk();
    for (const command of [GetCommand, QueryCommand, TransactWriteCommand]) {
      expect(typeof command).toBe("function");
    }
    expect(typeof (await aws.bedrock.sdk()).ConverseCommand).toBe("function");
    expect(typeof (await aws.cognito.sdk()).GetUserCommand).toBe("function");
  });

  it("once loaded, its members are the package client's: configure, inject, reset, hooks", async () => {
    await aws.documentClient.sdk();
    aws.documentClient.configure({ maxAttempts: 5 });
    const seen: unknown[] = [];
    const remove = aws.documentClient.onCreate((client) => {
      seen.push(client);
    });
    try {
      const db = await aws.documentClient.get();
      expect(seen).toEqual([db]);
      expect(await dynamo.client.config.maxAttempts()).toBe(5);
      aws.documentClient.reset();
      expect(documentClient.peek()).toBeUndefined();
      const mine = DynamoDBDocumentClient.from(dynamo.client);
      aws.documentClient.inject(mine);
      expect(documentClient.client).toBe(mine);
    } finally {
      remove();
    }
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
    expect(documentClient.peek()).toBeDefined();
    expect(bedrock.peek()).toBeDefined();
  });
});
