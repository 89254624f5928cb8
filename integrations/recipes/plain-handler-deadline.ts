// Recipe: a plain handler whose AWS calls end at the invocation's deadline (remaining time
// minus a margin), as an error of kind `timeout` instead of a function timeout.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { AwsCoreError, withInvocation } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import type { Context } from "aws-lambda";

export const handler = (event: { table: string; id: string }, context: Context) =>
  withInvocation(
    context,
    async () => {
      try {
        const key = { PK: `USER#${event.id}`, SK: `USER#${event.id}` };
        const { Item } = await documentClient.client.send(
          new GetCommand({ TableName: event.table, Key: key }),
        );
        return { statusCode: 200, body: JSON.stringify(Item ?? null) };
      } catch (error) {
        if (!(error instanceof AwsCoreError && error.kind === "timeout")) throw error;
        console.warn(error.message); // the operation and the time it had left
        return { statusCode: 504, body: JSON.stringify({ message: error.safeMessage }) };
      }
    },
    { marginMs: 300 },
  );
