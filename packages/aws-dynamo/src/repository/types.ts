import type { DocumentClientOption } from "../client/client-option";
import type { BatchRetryOptions } from "../table/batch-retry";
import type { TableSchema } from "../table/types";
import type { ModelSchema } from "./model-schema";

/** What the repository adds to every stored model. */
export interface EntityMetadata {
  /** ISO time of `create`. */
  readonly createdAt: string;
  /** ISO time of the last write. */
  readonly updatedAt: string;
  /** Starts at 1, +1 on every write; a write from a stale read is a `DynamoConflictError`. */
  readonly version: number;
}

/** A model as stored: your fields plus the metadata. */
export type Entity<T> = T & EntityMetadata;

/** How a {@link BaseRepository} maps its models to items. */
export interface RepositoryOptions<T extends object> {
  /** Table name, or a function that returns it (read when first needed, e.g. from env). */
  readonly table: string | (() => string);
  /** The table's key schema. Default `{ partitionKey: "PK", sortKey: "SK" }`. */
  readonly tableSchema?: TableSchema | undefined;
  /** The key prefix: the partition key is `<prefix>#<id>`, e.g. `USER#42`. */
  readonly prefix: string;
  /**
   * The `entityType` attribute of the items. Default: the sort prefix when there is a `sort`
   * (a user's orders in `USER#<id>` are `ORDER`), else `prefix`.
   */
  readonly entityType?: string | undefined;
  /** The model's id, used in the partition key. */
  readonly id: (model: T) => string;
  /**
   * For entities that live many to a partition (a user's orders): the sort key is
   * `<prefix>#<value>`. Without it, the sort key repeats the partition key.
   */
  readonly sort?: { readonly prefix: string; readonly value: (model: T) => string } | undefined;
  /** Validates models on write and items on read: a zod/valibot schema or a function. */
  readonly schema?: ModelSchema<T> | undefined;
  /** DynamoDB TTL: the attribute the table's TTL reads, and when a model expires. */
  readonly ttl?:
    | { readonly attribute: string; readonly expiresAt: (model: T) => Date | number | undefined }
    | undefined;
  /** Retries of unprocessed batch entries. */
  readonly batchRetry?: BatchRetryOptions | undefined;
  /**
   * The DocumentClient to send on, for a repository of another region, account or tenant:
   * an SDK client, or a `LazyClient` of one (created on first use, so a repository declared
   * at module scope stays free). Default: `documentClient`. Its `*Op` actions carry it, and
   * `transactWrite` sends on it.
   *
   * @example
   * ```ts
   * const replicaOrders = new BaseRepository<Order>({
   *   table: () => process.env.TABLE_NAME!,
   *   prefix: "ORDER",
   *   id: (o) => o.orderId,
   *   client: documentClient.for({ region: "eu-west-1" }),
   * });
   * ```
   */
  readonly client?: DocumentClientOption | undefined;
}

/** Where a model's item lives: its id and, for entities with a `sort`, its sort value. */
export interface EntityRef {
  readonly id: string;
  readonly sort?: string | undefined;
}

/** Options of `list`: a page of a partition's entities. */
export interface ListOptions {
  readonly limit?: number | undefined;
  readonly cursor?: string | undefined;
  readonly order?: "asc" | "desc" | undefined;
}

/** Options of `get` and `getOrThrow`. */
export interface ReadOptions {
  /** Read the latest write (DynamoDB's strongly consistent read). */
  readonly consistentRead?: boolean | undefined;
}
