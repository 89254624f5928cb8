// Recipe: a plain handler whose AWS calls end at the invocation's deadline (remaining time
// minus a margin), as an InvocationTimeoutError instead of a function timeout.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { deadlineAware, InvocationTimeoutError } from "@org/aws-core";
import { getDocumentClient } from "@org/aws-dynamo";

export const handler = deadlineAware(
  async (event: { table: string; id: string }) => {
    try {
      const key = { PK: `USER#${event.id}`, SK: `USER#${event.id}` };
      const { Item } = await getDocumentClient().send(
        new GetCommand({ TableName: event.table, Key: key }),
      );
      return { statusCode: 200, body: JSON.stringify(Item ?? null) };
    } catch (error) {
      if (!(error instanceof InvocationTimeoutError)) throw error;
      console.warn(error.message); // the operation and the time it had left
      return { statusCode: 504, body: JSON.stringify({ message: error.safeMessage }) };
    }
  },
  { marginMs: 300 },
);
