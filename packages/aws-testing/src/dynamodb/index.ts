// Mocks of the `@org/aws-dynamo` clients. Match on commands imported from the SDK packages
// themselves (`@aws-sdk/lib-dynamodb` for the DocumentClient): they are peer dependencies of
// `@org/aws-dynamo` too, so your test, your code and the mock share one copy of each class.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { documentClient, dynamo } from "@org/aws-dynamo";
import type { AwsClientStub } from "aws-sdk-client-mock";
import { DUMMY_CONFIG, mockClient, mockWithInstance } from "../mocks/mock-client";

/**
 * Mocks the DocumentClient of `@org/aws-dynamo` (`documentClient`: what table handles and
 * repositories use). Match on the DocumentClient commands of `@aws-sdk/lib-dynamodb`
 * (`GetCommand`, `PutCommand`, `QueryCommand`...), imported from that package as your code
 * imports them: the same-named commands of `@aws-sdk/client-dynamodb` (`GetItemCommand`...)
 * are other classes, and a mock set with them never matches (the call returns `undefined`).
 *
 * @example
 * ```ts
 * import { GetCommand } from "@aws-sdk/lib-dynamodb";
 * import { mockDocumentClient } from "@org/aws-testing/dynamodb";
 *
 * const ddb = mockDocumentClient();
 * ddb.on(GetCommand).resolves({ Item: { PK: "USER#1", name: "Ada" } });
 * expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1); // after the code under test ran
 * ```
 */
export function mockDocumentClient(): AwsClientStub<DynamoDBDocumentClient> {
  const instance = DynamoDBDocumentClient.from(new DynamoDBClient(DUMMY_CONFIG));
  return mockWithInstance(documentClient, DynamoDBDocumentClient, instance);
}

/**
 * Mocks the low-level DynamoDB client of `@org/aws-dynamo` (`dynamo`). Match on the commands
 * of `@aws-sdk/client-dynamodb`.
 *
 * @example
 * ```ts
 * import { ListTablesCommand } from "@aws-sdk/client-dynamodb";
 * import { mockDynamoClient } from "@org/aws-testing/dynamodb";
 *
 * mockDynamoClient().on(ListTablesCommand).resolves({ TableNames: ["app"] });
 * ```
 */
export function mockDynamoClient(): AwsClientStub<DynamoDBClient> {
  return mockClient(dynamo, DynamoDBClient);
}
