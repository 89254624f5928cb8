import { InvalidConfigError, lazySingleton } from "@org/aws-core";
import { TableHandle } from "./table-handle";
import type { Item, TableSchema } from "./types";

/** The key schema of a single-table design, used when none is given. */
export const DEFAULT_TABLE_SCHEMA: TableSchema = { partitionKey: "PK", sortKey: "SK" };

// The cache is itself a lazy singleton, so resetAll() empties it with everything else.
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
 * @throws InvalidConfigError when the table was already asked for with another schema.
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
    throw new InvalidConfigError("table name", name, "a non-empty string (is TABLE_NAME set?)");
  }
  const cache = tableCache.get();
  const cached = cache.get(name);
  if (cached) {
    // The same schema object (a repository's, the default) needs no comparison.
    if (cached.schema !== schema && canonical(cached.schema) !== canonical(schema)) {
      throw new InvalidConfigError(
        `schema of table "${name}"`,
        schema,
        `the schema it was first asked for with, ${JSON.stringify(cached.schema)}`,
      );
    }
    return cached as unknown as TableHandle<TItem>;
  }
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
