import { lazySingleton } from "@org/aws-core";
import { type ClientSource, toClientSource } from "../client/client-option";
import { documentClient } from "../client/document-client";
import { DynamoError } from "../errors";
import { TableHandle } from "./table-handle";
import type { Item, TableOptions, TableSchema } from "./types";

/** The key schema of a single-table design, used when none is given (not exported by the entry). */
export const DEFAULT_TABLE_SCHEMA: TableSchema = { partitionKey: "PK", sortKey: "SK" };

/** The handles of one client, by table name, and where they read that client. */
interface ClientTables {
  readonly source: ClientSource;
  readonly handles: Map<string, TableHandle<Item>>;
}

// The cache is a lazy singleton, so resetAll() empties it with everything else. It is not a
// client: no SDK client is created, and it is not in getClientCreations(). Keyed by the
// `client` option object (default: `documentClient`), so a client dropped by its owner (a
// `for()` client evicted from its cache) takes its handles with it.
const tableCache = /* @__PURE__ */ lazySingleton(
  "dynamodb-table-handles",
  () => new WeakMap<object, ClientTables>(),
);

/**
 * The handle of a table, cached per client and table name: asking twice for one table with
 * one client returns the same object. Creates no client; the first operation does.
 *
 * @param name - the table name, e.g. `process.env.TABLE_NAME` read inside your handler.
 * @param options - its key schema (default `{ partitionKey: "PK", sortKey: "SK" }`) and
 * indexes, and `client`: the DocumentClient to send on (default `documentClient`), an SDK
 * client or a `LazyClient` of one such as `documentClient.for({ region: "eu-west-1" })`.
 * @throws a `DynamoError` of kind `internal` (500: the function is misconfigured, the caller's
 * input is not at fault) for a name that is not a non-empty string, a schema without a
 * partition key, a `client` that is neither an SDK client nor a `LazyClient`, or a table
 * already asked for (with that client) with another schema.
 *
 * @example
 * ```ts
 * import { documentClient, getTable } from "@org/aws-dynamo";
 *
 * interface Order { PK: string; SK: string; total: number }
 *
 * export const handler = async () => {
 *   const orders = getTable<Order>(process.env.TABLE_NAME!, {
 *     partitionKey: "PK",
 *     sortKey: "SK",
 *     indexes: { byStatus: { partitionKey: "status", sortKey: "SK" } },
 *   });
 *   const order = await orders.get({ PK: "USER#1", SK: "ORDER#7" });
 *   // The same table in another region (a global table's replica), on a client of its own.
 *   const replica = getTable<Order>(process.env.TABLE_NAME!, {
 *     client: documentClient.for({ region: "eu-west-1" }),
 *   });
 *   return order ?? replica.get({ PK: "USER#1", SK: "ORDER#7" });
 * };
 * ```
 */
export function getTable<TItem extends object = Item>(
  name: string,
  options: TableOptions = DEFAULT_TABLE_SCHEMA,
): TableHandle<TItem> {
  if (typeof name !== "string" || name.length === 0) {
    throw new DynamoError(
      `Invalid table name: ${describe(name)}. Expected a non-empty string (is TABLE_NAME set?)`,
      { kind: "internal" },
    );
  }
  // Only a missing client means the default: `null` is refused as any other non-client.
  const given: unknown = (options as { client?: unknown } | null | undefined)?.client;
  const client = given === undefined ? documentClient : given;
  const cache = tableCache.get();
  let tables = cache.get(client as object);
  if (!tables) {
    tables = { source: toClientSource(client, name), handles: new Map() };
    cache.set(client as object, tables);
  }
  const cached = tables.handles.get(name);
  if (cached) {
    // The same options object (a repository's, the default) needs no comparison.
    if (cached.schema !== options) {
      const schema = schemaOf(options);
      if (cached.schema !== schema && canonical(cached.schema) !== canonical(schema)) {
        throw new DynamoError(
          `Invalid schema: ${canonical(schema)}. Expected the schema the table was first asked for with, ${canonical(cached.schema)}`,
          { table: name, kind: "internal" },
        );
      }
    }
    return cached as unknown as TableHandle<TItem>;
  }
  const schema = schemaOf(options);
  assertSchema(schema, name);
  const handle = new TableHandle<Item>(name, schema, tables.source);
  tables.handles.set(name, handle);
  return handle as unknown as TableHandle<TItem>;
}

// The schema part of the options: without `client`, and the default when no key is named.
function schemaOf(options: TableOptions): unknown {
  if (typeof options !== "object" || options === null) return options;
  const { client: _, ...schema } = options;
  const { partitionKey, sortKey, indexes } = schema;
  if (partitionKey === undefined && sortKey === undefined && indexes === undefined) {
    return DEFAULT_TABLE_SCHEMA;
  }
  return "client" in options ? schema : options;
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
