import {
  type AttributeDefinition,
  CreateTableCommand,
  DeleteTableCommand,
  DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from "@aws-sdk/client-dynamodb";

/** The key attributes of a table or index; attribute types default to string (`S`). */
export interface LocalKeySchema {
  readonly partitionKey: string;
  readonly sortKey?: string | undefined;
}

/** A table to create on a local DynamoDB. */
export interface LocalTableDefinition extends LocalKeySchema {
  readonly name: string;
  /** Global secondary indexes (projection: all). */
  readonly indexes?: Readonly<Record<string, LocalKeySchema>> | undefined;
  /** Attribute types of key attributes that are not strings. */
  readonly attributeTypes?: Readonly<Record<string, "S" | "N" | "B">> | undefined;
}

function keySchema({ partitionKey, sortKey }: LocalKeySchema): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey, KeyType: "HASH" },
    ...(sortKey ? [{ AttributeName: sortKey, KeyType: "RANGE" as const }] : []),
  ];
}

function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: process.env.AWS_REGION ?? "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
  });
}

/**
 * Creates tables (on-demand billing) on a local DynamoDB at `endpoint`. Returns a function
 * that deletes them again (tables already gone are ignored), e.g. for `afterAll`.
 *
 * @example
 * ```ts
 * const deleteTables = await createTables(dynamo.endpoint, [
 *   { name: "app", partitionKey: "PK", sortKey: "SK", indexes: { GSI1: { partitionKey: "GSI1PK" } } },
 * ]);
 * afterAll(deleteTables);
 * ```
 */
export async function createTables(
  endpoint: string,
  tables: readonly LocalTableDefinition[],
): Promise<() => Promise<void>> {
  const client = localClient(endpoint);
  try {
    for (const table of tables) {
      const schemas = [table, ...Object.values(table.indexes ?? {})];
      const names = new Set(schemas.flatMap((s) => [s.partitionKey, s.sortKey ?? []].flat()));
      const attributes: AttributeDefinition[] = [...names].map((name) => ({
        AttributeName: name,
        AttributeType: table.attributeTypes?.[name] ?? "S",
      }));
      const indexes: GlobalSecondaryIndex[] = Object.entries(table.indexes ?? {}).map(
        ([IndexName, schema]) => ({
          IndexName,
          KeySchema: keySchema(schema),
          Projection: { ProjectionType: "ALL" },
        }),
      );
      await client.send(
        new CreateTableCommand({
          TableName: table.name,
          BillingMode: "PAY_PER_REQUEST",
          KeySchema: keySchema(table),
          AttributeDefinitions: attributes,
          ...(indexes.length ? { GlobalSecondaryIndexes: indexes } : {}),
        }),
      );
    }
  } finally {
    client.destroy();
  }
  const names = tables.map((table) => table.name);
  return () => deleteTables(endpoint, names);
}

// Deletes tables from a local DynamoDB (missing ones are ignored).
async function deleteTables(endpoint: string, names: readonly string[]): Promise<void> {
  const client = localClient(endpoint);
  try {
    for (const TableName of names) {
      await client.send(new DeleteTableCommand({ TableName })).catch((error: Error) => {
        if (error.name !== "ResourceNotFoundException") throw error;
      });
    }
  } finally {
    client.destroy();
  }
}
