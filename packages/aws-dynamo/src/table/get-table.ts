import { lazySingleton } from "@org/aws-core";
import { DynamoError } from "../errors";
import { TableHandle } from "./table-handle";
import type { Item, TableSchema } from "./types";

/** The key schema of a single-table design, used when none is given (not exported by the entry). */
export const DEFAULT_TABLE_SCHEMA: TableSchema = { partitionKey: "PK", sortKey: "SK" };

// The cache is a lazy singleton, so resetAll() empties it with everything else. It is not a
// client: no SDK client is created, and it is not in getClientCreations().
const tableCache = /* @__PURE__ */ lazySingleton(
  "dynamodb-table-handles",
  () => new Map<string, TableHandle<Item>>(),
);

/**
 * The handle of a table, cached by name: asking twice for one table returns the same
 * object. Creates no client; the first operation does.
 *
 * @param name - the table name, e.g. `process.env.TABLE_NAME` read inside your handler.
 * @param schema - its key schema (default `{ partitionKey: "PK", sortKey: "SK" }`) and indexes.
 * @throws a `DynamoError` of kind `internal` (500: the function is misconfigured, the caller's
 * input is not at fault) for a name that is not a non-empty string, a schema without a
 * partition key, or a table already asked for with another schema.
 *
 * @example
 * ```ts
 * import { getTable } from "@org/aws-dynamo";
 *
 * interface Order { PK: string; SK: string; total: number }
 *
 * export const handler = async () => {
 *   const orders = getTable<Order>(process.env.TABLE_NAME!, {
 *     partitionKey: "PK",
 *     sortKey: "SK",
 *     indexes: { byStatus: { partitionKey: "status", sortKey: "SK" } },
 *   });
 *   return orders.get({ PK: "USER#1", SK: "ORDER#7" });
 * };
 * ```
 */
export function getTable<TItem extends object = Item>(
  name: string,
  schema: TableSchema = DEFAULT_TABLE_SCHEMA,
): TableHandle<TItem> {
  if (typeof name !== "string" || name.length === 0) {
    throw new DynamoError(
      `Invalid table name: ${describe(name)}. Expected a non-empty string (is TABLE_NAME set?)`,
      { kind: "internal" },
    );
  }
  const cache = tableCache.get();
  const cached = cache.get(name);
  if (cached) {
    // The same schema object (a repository's, the default) needs no comparison.
    if (cached.schema !== schema && canonical(cached.schema) !== canonical(schema)) {
      throw new DynamoError(
        `Invalid schema: ${canonical(schema)}. Expected the schema the table was first asked for with, ${canonical(cached.schema)}`,
        { table: name, kind: "internal" },
      );
    }
    return cached as unknown as TableHandle<TItem>;
  }
  assertSchema(schema, name);
  const handle = new TableHandle<Item>(name, schema);
  cache.set(name, handle);
  return handle as unknown as TableHandle<TItem>;
}

// JSON with sorted keys, so { partitionKey, sortKey } equals { sortKey, partitionKey }.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function assertSchema(schema: unknown, table: string): asserts schema is TableSchema {
  const isName = (value: unknown) => typeof value === "string" && value.length > 0;
  const isKeySchema = (keys: unknown) => {
    if (typeof keys !== "object" || keys === null) return false;
    const { partitionKey, sortKey } = keys as Record<string, unknown>;
    return isName(partitionKey) && (sortKey === undefined || isName(sortKey));
  };
  const indexes = (schema as { indexes?: unknown } | null | undefined)?.indexes;
  const valid =
    isKeySchema(schema) &&
    (indexes === undefined ||
      (typeof indexes === "object" &&
        indexes !== null &&
        Object.values(indexes).every(isKeySchema)));
  if (!valid) {
    throw new DynamoError(
      `Invalid schema: ${describe(schema)}. Expected { partitionKey, sortKey?, indexes? } with non-empty attribute names`,
      { table, kind: "internal" },
    );
  }
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  try {
    return canonical(value) ?? String(value);
  } catch {
    return String(value);
  }
}
