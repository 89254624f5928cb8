// Type tests: checked by `tsc` (the package's typecheck), never run. Each `@ts-expect-error`
// is a use the types must refuse.
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { LazyClient } from "@org/aws-core";
import { describe, expectTypeOf, it } from "vitest";
import {
  type CognitoClientOption,
  cognito,
  type GetUserFromTokenOptions,
  getUserFromToken,
  type UserOptions,
} from "../src/index";

declare const own: CognitoIdentityProviderClient;
declare const dynamoClient: DynamoDBClient;
declare const dynamoLazy: LazyClient<DynamoDBClient, unknown>;

describe("getUserFromToken's client option", () => {
  it("takes a CognitoIdentityProviderClient, cognito, or a LazyClient of one", () => {
    expectTypeOf(own).toExtend<CognitoClientOption>();
    expectTypeOf(cognito).toExtend<CognitoClientOption>();
    expectTypeOf(cognito.for({ region: "eu-west-1" })).toExtend<CognitoClientOption>();
    expectTypeOf<LazyClient<CognitoIdentityProviderClient>>().toExtend<CognitoClientOption>();
    expectTypeOf(getUserFromToken)
      .parameter(1)
      .toEqualTypeOf<GetUserFromTokenOptions | undefined>();
    expectTypeOf<GetUserFromTokenOptions>().toExtend<UserOptions>();
  });

  it("refuses a client of another service, or its LazyClient", () => {
    expectTypeOf(dynamoClient).not.toExtend<CognitoClientOption>();
    expectTypeOf(dynamoLazy).not.toExtend<CognitoClientOption>();
    // @ts-expect-error: a DynamoDB client is not a Cognito Identity Provider client
    void getUserFromToken("token", { client: dynamoClient });
    // @ts-expect-error: a LazyClient of a DynamoDB client neither
    void getUserFromToken("token", { client: dynamoLazy });
  });

  it("refuses what is not a client", () => {
    // @ts-expect-error: a region is a key of cognito.for(), not a client
    void getUserFromToken("token", { client: "eu-west-1" });
    // @ts-expect-error: null is not a client (leave the option out for cognito)
    void getUserFromToken("token", { client: null });
  });
});
