import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { documentClient, dynamo } from "@org/aws-dynamo";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { mockSingletonClient } from "../mocks/mock-singleton-client";

/**
 * Mocks the DocumentClient of `@org/aws-dynamo` (what table handles and repositories use).
 * Match on the DocumentClient commands re-exported here: the same-named commands of
 * `@aws-sdk/client-dynamodb` are other classes, and a mock set up with them silently
 * returns `undefined`.
 *
 * @example
 * ```ts
 * import { GetCommand, mockDocumentClient } from "@org/aws-testing/dynamodb";
 *
 * const ddb = mockDocumentClient();
 * ddb.on(GetCommand).resolves({ Item: { PK: "USER#1", name: "Ada" } });
 * ```
 */
export function mockDocumentClient(): AwsClientStub<DynamoDBDocumentClient> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: "us-east-1",
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
    }),
  );
  return mockSingletonClient(
    documentClient,
    DynamoDBDocumentClient as never,
    client,
  ) as AwsClientStub<DynamoDBDocumentClient>;
}

/**
 * Mocks the low-level DynamoDB client of `@org/aws-dynamo` (`dynamo.client`).
 *
 * @example
 * ```ts
 * import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
 *
 * mockDynamoClient().on(ListTablesCommand).resolves({ TableNames: ["app"] });
 * ```
 */
export function mockDynamoClient(): AwsClientStub<DynamoDBClient> {
  return mockSingletonClient(dynamo, DynamoDBClient);
}

export {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
