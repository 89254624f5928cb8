// Recipe: a plain handler, no wrapper at all. A call to a service that never answers still
// ends inside the function's timeout: requestTimeout is per attempt (700 ms by default), and
// 3 attempts with the SDK's backoff end within 2.4 s, below Lambda's default 3 s.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "@org/aws-dynamo";

export const handler = async (event: { table: string; id: string }) => {
  const key = { PK: `USER#${event.id}`, SK: `USER#${event.id}` };
  const { Item } = await documentClient.client.send(
    new GetCommand({ TableName: event.table, Key: key }),
  );
  return Item ?? null;
};
