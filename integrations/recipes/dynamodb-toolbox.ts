// Recipe: dynamodb-toolbox v2 on the container's DocumentClient, created on the first command.
import { lazyDocumentClient } from "@org/aws-dynamo";
import { Entity } from "dynamodb-toolbox/entity";
import { GetItemCommand } from "dynamodb-toolbox/entity/actions/get";
import { PutItemCommand } from "dynamodb-toolbox/entity/actions/put";
import { item } from "dynamodb-toolbox/schema/item";
import { string } from "dynamodb-toolbox/schema/string";
import { Table } from "dynamodb-toolbox/table";

// Declared at module scope, as the library expects: no client is created here.
export const table = new Table({
  name: () => process.env.TABLE_NAME ?? "app",
  partitionKey: { name: "PK", type: "string" },
  sortKey: { name: "SK", type: "string" },
  documentClient: lazyDocumentClient,
});

export const UserEntity = new Entity({
  name: "User",
  table,
  schema: item({ id: string().key(), name: string() }),
  computeKey: ({ id }) => ({ PK: `USER#${id}`, SK: `PROFILE` }),
});

export async function saveUser(user: { id: string; name: string }): Promise<void> {
  await UserEntity.build(PutItemCommand).item(user).send();
}

export async function getUser(id: string) {
  const { Item } = await UserEntity.build(GetItemCommand).key({ id }).send();
  return Item;
}
