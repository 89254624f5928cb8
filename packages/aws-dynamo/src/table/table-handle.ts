import {
  DeleteCommand,
  type DeleteCommandOutput,
  GetCommand,
  type GetCommandOutput,
  PutCommand,
  QueryCommand,
  type QueryCommandOutput,
  ScanCommand,
  type ScanCommandOutput,
  UpdateCommand,
  type UpdateCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import type { ClientSource } from "../client/client-option";
import type { ItemKey } from "../errors";
import { DynamoValidationError } from "../errors";
import type { Condition } from "../expressions/conditions";
import { ExpressionContext } from "../expressions/expression-context";
import { buildUpdateExpression } from "../expressions/update-expression";
import { sendDocumentCommand } from "../send";
import type { BatchRetryOptions } from "./batch-retry";
import { batchGetItems, batchPutItems, uniqueKeys } from "./batches";
import { decodeCursor, encodeCursor } from "./cursor";
import { assertKey, keyNames, keyOf } from "./key";
import { paginate } from "./paginate";
import type {
  Item,
  KeySchema,
  Page,
  QueryOptions,
  ScanOptions,
  SortKeyCondition,
  TableSchema,
  UpdateOptions,
  WriteOptions,
} from "./types";

/**
 * A typed handle on one DynamoDB table: get, put, update, delete, query and scan with plain
 * objects, conditions as builders, and pagination as cursors or async iterators. Get one
 * with {@link getTable}; handles are cached by client and table name, and send on their
 * client (`getTable`'s `client` option, else `documentClient`). Exported as a type only: a
 * handle is never constructed directly.
 *
 * @example
 * ```ts
 * const orders = getTable<Order>("orders", { partitionKey: "PK", sortKey: "SK" });
 * await orders.put({ PK: "USER#1", SK: "ORDER#7", total: 42 });
 * const { items, cursor } = await orders.query({ partition: "USER#1", limit: 20 });
 * ```
 */
export class TableHandle<TItem extends object = Item> {
  constructor(
    /** The table's name. */
    readonly name: string,
    /** The table's key schema and indexes. */
    readonly schema: TableSchema,
    /** @internal Where each command reads the client it is sent on. */
    readonly source: ClientSource,
  ) {}

  /**
   * The item with this key, or `undefined`.
   * @example
   * ```ts
   * const order = await orders.get({ PK: "USER#1", SK: "ORDER#7" }, { consistentRead: true });
   * ```
   */
  async get(
    key: ItemKey,
    options: { consistentRead?: boolean | undefined } = {},
  ): Promise<TItem | undefined> {
    assertKey(key, this.schema, this.name);
    const output = await this.send<GetCommandOutput>(
      new GetCommand({ TableName: this.name, Key: key, ConsistentRead: options.consistentRead }),
      key,
    );
    return output.Item as TItem | undefined;
  }

  /**
   * Writes a whole item (replacing any item with its key unless a condition says otherwise).
   * @example
   * ```ts
   * await orders.put(order, { condition: conditions.attributeNotExists("PK") }); // create only
   * ```
   */
  async put(item: TItem, options: WriteOptions = {}): Promise<void> {
    const key = keyOf(item as Item, this.schema, this.name);
    await this.send(
      new PutCommand({ TableName: this.name, Item: item, ...conditionInput(options.condition) }),
      key,
    );
  }

  /**
   * Changes some attributes of an item and returns the item as it is afterwards. The update
   * expression is built from `changes` (`undefined` values are skipped). Creates the item if
   * it does not exist, unless the condition says otherwise.
   * @example
   * ```ts
   * const updated = await orders.update(
   *   { PK: "USER#1", SK: "ORDER#7" },
   *   { status: "shipped" },
   *   { condition: conditions.attributeExists("PK"), add: { revision: 1 } },
   * );
   * ```
   */
  async update(key: ItemKey, changes: Partial<TItem>, options: UpdateOptions = {}): Promise<TItem> {
    assertKey(key, this.schema, this.name);
    const keyAttributes = keyNames(this.schema).filter((name) => name in changes);
    if (keyAttributes.length) {
      throw new DynamoValidationError(
        `Key attributes cannot be updated: ${keyAttributes.join(", ")}`,
        {
          table: this.name,
          key,
        },
      );
    }
    const ctx = new ExpressionContext();
    const updateExpression = buildUpdateExpression(
      { set: changes, remove: options.remove, add: options.add },
      ctx,
    );
    if (!updateExpression) {
      throw new DynamoValidationError("Nothing to update: no changes, removals or additions", {
        table: this.name,
        key,
      });
    }
    const conditionExpression = options.condition?.render(ctx);
    const output = await this.send<UpdateCommandOutput>(
      new UpdateCommand({
        TableName: this.name,
        Key: key,
        UpdateExpression: updateExpression,
        ConditionExpression: conditionExpression,
        ReturnValues: "ALL_NEW",
        ...ctx.toInput(),
      }),
      key,
    );
    return output.Attributes as TItem;
  }

  /**
   * Deletes an item; returns it as it was, or `undefined` if there was none.
   * @example
   * ```ts
   * const removed = await orders.delete({ PK: "USER#1", SK: "ORDER#7" });
   * ```
   */
  async delete(key: ItemKey, options: WriteOptions = {}): Promise<TItem | undefined> {
    assertKey(key, this.schema, this.name);
    const output = await this.send<DeleteCommandOutput>(
      new DeleteCommand({
        TableName: this.name,
        Key: key,
        ReturnValues: "ALL_OLD",
        ...conditionInput(options.condition),
      }),
      key,
    );
    return output.Attributes as TItem | undefined;
  }

  /**
   * Reads many items, 100 keys a request, retrying unprocessed keys with exponential backoff
   * and full jitter. Missing items are left out; the order is not kept. A
   * `DynamoBatchIncompleteError` names the keys still unread after every retry.
   * @example
   * ```ts
   * const found = await orders.batchGet(keys, { retry: { maxAttempts: 5 } });
   * ```
   */
  async batchGet(
    keys: readonly ItemKey[],
    options: { retry?: BatchRetryOptions | undefined } = {},
  ): Promise<TItem[]> {
    for (const key of keys) assertKey(key, this.schema, this.name);
    const items = await batchGetItems(this.source, this.name, uniqueKeys(keys), options.retry);
    return items as TItem[];
  }

  /**
   * Writes many whole items, 25 a request, retrying unprocessed items with exponential
   * backoff and full jitter. Existing items with the same keys are replaced (DynamoDB
   * batches take no conditions); two items with one key are a `DynamoValidationError` and
   * nothing is written. A `DynamoBatchIncompleteError` names the keys still unwritten after
   * every retry.
   * @example
   * ```ts
   * await orders.batchPut(importedOrders);
   * ```
   */
  async batchPut(
    items: readonly TItem[],
    options: { retry?: BatchRetryOptions | undefined } = {},
  ): Promise<void> {
    const keyOfItem = (item: Item) => keyOf(item, this.schema, this.name);
    const keys = items.map((item) => keyOfItem(item as Item));
    if (uniqueKeys(keys).length !== keys.length) {
      throw new DynamoValidationError("A batch cannot write one key twice", { table: this.name });
    }
    await batchPutItems(this.source, this.name, items as readonly Item[], keyOfItem, options.retry);
  }

  /**
   * One page of the items of a partition, with a cursor for the next page.
   * @example
   * ```ts
   * const page = await orders.query({
   *   partition: "USER#1",
   *   sort: { beginsWith: "ORDER#2026" },
   *   order: "desc",
   *   limit: 20,
   *   cursor: request.cursor,
   * });
   * ```
   */
  async query(options: QueryOptions): Promise<Page<TItem>> {
    const keys = this.keySchemaOf(options.index);
    const ctx = new ExpressionContext();
    const keyCondition = [
      `${ctx.name(keys.partitionKey)} = ${ctx.value(options.partition)}`,
      options.sort && sortCondition(keys, options.sort, ctx, this.name),
    ]
      .filter(Boolean)
      .join(" AND ");
    const filter = options.filter?.render(ctx);
    const output = await this.send<QueryCommandOutput>(
      new QueryCommand({
        TableName: this.name,
        IndexName: options.index,
        KeyConditionExpression: keyCondition,
        FilterExpression: filter,
        ScanIndexForward: options.order !== "desc",
        Limit: options.limit,
        ConsistentRead: options.consistentRead,
        ExclusiveStartKey: this.startKey(options.cursor, options.index, [
          keys.partitionKey,
          options.partition,
        ]),
        ...ctx.toInput(),
      }),
    );
    return page<TItem>(output.Items, output.LastEvaluatedKey);
  }

  /**
   * Every item of a partition, page after page, as an async iterator.
   * @example
   * ```ts
   * for await (const order of orders.queryAll({ partition: "USER#1" })) console.log(order);
   * ```
   */
  queryAll(options: Omit<QueryOptions, "cursor">): AsyncGenerator<TItem> {
    return paginate((cursor) => this.query({ ...options, cursor }));
  }

  /**
   * One page of a scan of the whole table (or index).
   * @example
   * ```ts
   * const { items, cursor } = await orders.scan({ limit: 100, filter: conditions.eq("status", "new") });
   * ```
   */
  async scan(options: ScanOptions = {}): Promise<Page<TItem>> {
    this.keySchemaOf(options.index);
    const ctx = new ExpressionContext();
    const filter = options.filter?.render(ctx);
    const output = await this.send<ScanCommandOutput>(
      new ScanCommand({
        TableName: this.name,
        IndexName: options.index,
        FilterExpression: filter,
        Limit: options.limit,
        ConsistentRead: options.consistentRead,
        ExclusiveStartKey: this.startKey(options.cursor, options.index),
        ...ctx.toInput(),
      }),
    );
    return page<TItem>(output.Items, output.LastEvaluatedKey);
  }

  /**
   * Every item of the table (or index), page after page, as an async iterator.
   * @example
   * ```ts
   * for await (const order of orders.scanAll()) await migrate(order);
   * ```
   */
  scanAll(options: Omit<ScanOptions, "cursor"> = {}): AsyncGenerator<TItem> {
    return paginate((cursor) => this.scan({ ...options, cursor }));
  }

  /** The key schema of the table or of one of its indexes. */
  keySchemaOf(index?: string): KeySchema {
    if (!index) return this.schema;
    const keys = this.schema.indexes?.[index];
    if (!keys) {
      throw new DynamoValidationError(
        `Unknown index "${index}": declare it in the table's schema ({ indexes: { ${index}: ... } })`,
        { table: this.name },
      );
    }
    return keys;
  }

  private startKey(
    cursor: string | undefined,
    index: string | undefined,
    partition?: [string, unknown],
  ): ItemKey | undefined {
    if (cursor === undefined) return undefined;
    // A page of an index ends on the index key plus the table key.
    const names = new Set([...keyNames(this.schema), ...keyNames(this.keySchemaOf(index))]);
    return decodeCursor(cursor, {
      table: this.name,
      keyNames: [...names],
      ...(partition ? { partition } : {}),
    });
  }

  private send<TOutput>(command: { readonly input: object }, key?: ItemKey): Promise<TOutput> {
    return sendDocumentCommand<TOutput>(this.source, command, { table: this.name, key });
  }
}

function conditionInput(condition: Condition | undefined) {
  if (!condition) return {};
  const ctx = new ExpressionContext();
  return { ConditionExpression: condition.render(ctx), ...ctx.toInput() };
}

function sortCondition(
  keys: KeySchema,
  sort: SortKeyCondition,
  ctx: ExpressionContext,
  table: string,
): string {
  if (!keys.sortKey) {
    throw new DynamoValidationError("This table or index has no sort key to narrow", { table });
  }
  const name = ctx.name(keys.sortKey);
  if ("eq" in sort) return `${name} = ${ctx.value(sort.eq)}`;
  if ("beginsWith" in sort) return `begins_with(${name}, ${ctx.value(sort.beginsWith)})`;
  if ("between" in sort) {
    return `${name} BETWEEN ${ctx.value(sort.between[0])} AND ${ctx.value(sort.between[1])}`;
  }
  if ("lt" in sort) return `${name} < ${ctx.value(sort.lt)}`;
  if ("lte" in sort) return `${name} <= ${ctx.value(sort.lte)}`;
  if ("gt" in sort) return `${name} > ${ctx.value(sort.gt)}`;
  return `${name} >= ${ctx.value(sort.gte)}`;
}

function page<TItem>(items: unknown, lastKey: ItemKey | undefined): Page<TItem> {
  return {
    items: (items ?? []) as TItem[],
    ...(lastKey ? { cursor: encodeCursor(lastKey) } : {}),
  };
}
