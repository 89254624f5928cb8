import type { DocumentClientOption } from "../client/client-option";
import type { Condition } from "../expressions/conditions";

/** The key attributes of a table or index. */
export interface KeySchema {
  /** Name of the partition (hash) key attribute, e.g. `"PK"`. */
  readonly partitionKey: string;
  /** Name of the sort (range) key attribute, e.g. `"SK"`, if there is one. */
  readonly sortKey?: string | undefined;
}

/** What a table handle knows about its table. */
export interface TableSchema extends KeySchema {
  /** Global and local secondary indexes, by index name. */
  readonly indexes?: Readonly<Record<string, KeySchema>> | undefined;
}

/**
 * Options of {@link getTable}: the table's key schema and indexes (none of them for the
 * default, `{ partitionKey: "PK", sortKey: "SK" }`), and the client to send on.
 *
 * @example
 * ```ts
 * const options: TableOptions = {
 *   partitionKey: "PK",
 *   sortKey: "SK",
 *   client: documentClient.for({ region: "eu-west-1" }),
 * };
 * ```
 */
export type TableOptions = (
  | TableSchema
  | {
      readonly partitionKey?: undefined;
      readonly sortKey?: undefined;
      readonly indexes?: undefined;
    }
) & {
  /**
   * The DocumentClient the handle sends on: an SDK client, or a `LazyClient` of one such as
   * `documentClient.for({ region: "eu-west-1" })`. Default: `documentClient`. Handles are
   * cached per client and table.
   */
  readonly client?: DocumentClientOption | undefined;
};

/** A key attribute value: DynamoDB keys are strings, numbers or binary. */
export type KeyValue = string | number | Uint8Array;

/** How to narrow a query on the sort key. */
export type SortKeyCondition =
  | { readonly eq: KeyValue }
  | { readonly beginsWith: string }
  | { readonly between: readonly [KeyValue, KeyValue] }
  | { readonly lt: KeyValue }
  | { readonly lte: KeyValue }
  | { readonly gt: KeyValue }
  | { readonly gte: KeyValue };

/** A query on one partition of the table or of an index. */
export interface QueryOptions {
  /** The partition key value. */
  readonly partition: KeyValue;
  /** Narrows the sort key. */
  readonly sort?: SortKeyCondition | undefined;
  /** Query this index instead of the table. */
  readonly index?: string | undefined;
  /** Sort key order. Default `"asc"`. */
  readonly order?: "asc" | "desc" | undefined;
  /** Items DynamoDB reads per page (before any filter). */
  readonly limit?: number | undefined;
  /** Strongly consistent read (not on global indexes). */
  readonly consistentRead?: boolean | undefined;
  /** Continue after the page that returned this cursor. */
  readonly cursor?: string | undefined;
  /** Drops items after they are read (they still count towards `limit`). */
  readonly filter?: Condition | undefined;
}

/** A scan of the whole table or index. */
export interface ScanOptions {
  readonly index?: string | undefined;
  readonly limit?: number | undefined;
  readonly consistentRead?: boolean | undefined;
  readonly cursor?: string | undefined;
  readonly filter?: Condition | undefined;
}

/** One page of results. `cursor` is set when there may be more. */
export interface Page<TItem> {
  readonly items: TItem[];
  readonly cursor?: string | undefined;
}

/** Options of a conditional write. */
export interface WriteOptions {
  /** The write happens only if this holds; otherwise a `DynamoConflictError`. */
  readonly condition?: Condition | undefined;
}

/** Options of {@link TableHandle.update}. */
export interface UpdateOptions extends WriteOptions {
  /** Attributes to remove. */
  readonly remove?: readonly string[] | undefined;
  /** Numbers to add atomically, e.g. `{ views: 1 }`. */
  readonly add?: Record<string, number> | undefined;
}

/** A DynamoDB item as plain JavaScript values. */
export type Item = Record<string, unknown>;
