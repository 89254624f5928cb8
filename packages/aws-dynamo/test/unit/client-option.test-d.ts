// Type tests: checked by `tsc` (the package's typecheck), never run. Each `@ts-expect-error`
// is a use the types must refuse.
import type { BedrockRuntimeClient } from "@aws-sdk/client-bedrock-runtime";
import type { CognitoIdentityProviderClient } from "@aws-sdk/client-cognito-identity-provider";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LazyClient } from "@org/aws-core";
import { describe, expectTypeOf, it } from "vitest";
import {
  BaseRepository,
  type DocumentClientOption,
  documentClient,
  getTable,
  type RepositoryOptions,
  type TableHandle,
  type TableOptions,
} from "../../src/index";

declare const sdkClient: DynamoDBDocumentClient;
declare const bedrockClient: BedrockRuntimeClient;
declare const lazyBedrock: LazyClient<BedrockRuntimeClient, unknown>;
declare const cognitoClient: CognitoIdentityProviderClient;
declare const lazyCognito: LazyClient<CognitoIdentityProviderClient, unknown>;

interface User {
  id: string;
}
const repositoryOf = (options: Partial<RepositoryOptions<User>>) =>
  new BaseRepository<User>({ table: "users", prefix: "USER", id: (u) => u.id, ...options });

describe("the client option", () => {
  it("takes a DocumentClient or a LazyClient of one, documentClient.for() included", () => {
    expectTypeOf(sdkClient).toExtend<DocumentClientOption>();
    expectTypeOf(documentClient).toExtend<DocumentClientOption>();
    expectTypeOf(documentClient.for({ region: "eu-west-1" })).toExtend<DocumentClientOption>();
    expectTypeOf(getTable("orders", { client: sdkClient })).toEqualTypeOf<TableHandle>();
    getTable("orders", { partitionKey: "id", client: documentClient.for({ key: "tenant-a" }) });
    repositoryOf({ client: documentClient.for({ region: "eu-west-1" }) });
    repositoryOf({ client: sdkClient });
  });

  it("refuses clients of other services, lazy or not", () => {
    expectTypeOf(bedrockClient).not.toExtend<DocumentClientOption>();
    expectTypeOf(lazyBedrock).not.toExtend<DocumentClientOption>();
    expectTypeOf(cognitoClient).not.toExtend<DocumentClientOption>();
    expectTypeOf(lazyCognito).not.toExtend<DocumentClientOption>();
    // @ts-expect-error a Bedrock Runtime client sends no DynamoDB commands
    getTable("orders", { client: bedrockClient });
    // @ts-expect-error nor does a LazyClient of one
    getTable("orders", { client: lazyBedrock });
    // @ts-expect-error a Cognito client neither
    repositoryOf({ client: cognitoClient });
    // @ts-expect-error a region is not a client: documentClient.for({ region }) is
    getTable("orders", { client: "eu-west-1" });
  });

  it("takes a client alone (the default schema) but not half a schema", () => {
    expectTypeOf({ client: sdkClient }).toExtend<TableOptions>();
    expectTypeOf({ partitionKey: "id", client: sdkClient }).toExtend<TableOptions>();
    // @ts-expect-error a sort key without its partition key
    getTable("orders", { sortKey: "SK", client: sdkClient });
  });
});
