// Recipe: a Middy handler whose clients are primed at init (where that helps) and whose AWS
// calls end at the invocation's deadline.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import middy from "@middy/core";
import { awsClients } from "@org/aws-core/middy";
import { documentClient } from "@org/aws-dynamo";
import type { Context } from "aws-lambda";

interface GetUserEvent {
  readonly table: string;
  readonly id: string;
}

export const handler = middy(async (event: GetUserEvent, _context: Context) => {
  const key = { PK: `USER#${event.id}`, SK: `USER#${event.id}` };
  const { Item } = await documentClient.client.send(
    new GetCommand({ TableName: event.table, Key: key }),
  );
  return Item ?? null;
}).use(awsClients({ prime: [documentClient], connect: true }));
