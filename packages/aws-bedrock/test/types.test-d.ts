// Type tests: checked by `tsc` (the package's typecheck), never run. Each `@ts-expect-error`
// is a use the types must refuse.
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { LazyClient } from "@org/aws-core";
import { describe, expectTypeOf, it } from "vitest";
import {
  type BedrockClientOption,
  bedrock,
  converse,
  converseStream,
  invokeClaude,
  invokeModelJson,
} from "../src/index";

declare const own: BedrockRuntimeClient;
declare const dynamoClient: DynamoDBClient;
declare const dynamoLazy: LazyClient<DynamoDBClient, unknown>;

describe("the client option", () => {
  it("takes a BedrockRuntimeClient, bedrock, or a LazyClient of a BedrockRuntimeClient", () => {
    expectTypeOf(own).toExtend<BedrockClientOption>();
    expectTypeOf(bedrock).toExtend<BedrockClientOption>();
    expectTypeOf(bedrock.for({ region: "us-west-2" })).toExtend<BedrockClientOption>();
    expectTypeOf<LazyClient<BedrockRuntimeClient>>().toExtend<BedrockClientOption>();
    expectTypeOf(invokeModelJson)
      .parameter(2)
      .toEqualTypeOf<{ readonly client?: BedrockClientOption | undefined } | undefined>();
  });

  it("refuses a client of another service, or its LazyClient", () => {
    expectTypeOf(dynamoClient).not.toExtend<BedrockClientOption>();
    expectTypeOf(dynamoLazy).not.toExtend<BedrockClientOption>();
    // @ts-expect-error: a DynamoDB client is not a Bedrock Runtime client
    void invokeClaude({ modelId: "m", prompt: "p", client: dynamoClient });
    // @ts-expect-error: a LazyClient of a DynamoDB client neither
    void invokeClaude({ modelId: "m", prompt: "p", client: dynamoLazy });
    // @ts-expect-error: a client of another service
    void converse({ modelId: "m", prompt: "p", client: dynamoClient });
    // @ts-expect-error: a client of another service
    void converseStream({ modelId: "m", prompt: "p", client: dynamoLazy });
    // @ts-expect-error: a client of another service
    void invokeModelJson("m", {}, { client: dynamoClient });
  });

  it("refuses what is not a client", () => {
    // @ts-expect-error: a region is a key of bedrock.for(), not a client
    void converse({ modelId: "m", prompt: "p", client: "us-west-2" });
    // @ts-expect-error: null is not a client (leave the option out for bedrock)
    void invokeModelJson("m", {}, { client: null });
  });
});
