import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import {
  DynamoBatchIncompleteError,
  DynamoConflictError,
  DynamoNotFoundError,
  DynamoValidationError,
  type ItemKey,
} from "../errors";
import {
  and,
  attributeExists,
  attributeNotExists,
  type Condition,
  eq,
} from "../expressions/conditions";
import { ExpressionContext } from "../expressions/expression-context";
import { sendDocumentCommand } from "../send";
import { DEFAULT_TABLE_SCHEMA, getTable } from "../table/get-table";
import { keyNames } from "../table/key";
import { paginate } from "../table/paginate";
import type { TableHandle } from "../table/table-handle";
import type { Item, Page } from "../table/types";
import { chunk, retryUnprocessed } from "./batch-retry";
import { validateModel } from "./model-schema";
import type { TransactionOp } from "./transactions";
import type { Entity, EntityRef, RepositoryOptions } from "./types";

const METADATA = ["createdAt", "updatedAt", "version"] as const;
const ENTITY_TYPE = "entityType";
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;

/**
 * The base of a repository for one entity type in a (single-table) DynamoDB design: keys
 * like `USER#<id>`, item <-> model mapping, optional schema validation, timestamps,
 * create-only writes, optimistic locking, pagination, batches with retries, transactions
 * and TTL. Extend it with your entity's own queries.
 *
 * @example
 * ```ts
 * import { BaseRepository } from "@org/aws-dynamo";
 *
 * interface User { id: string; email: string; name: string }
 *
 * class UserRepository extends BaseRepository<User> {
 *   constructor() {
 *     super({ table: () => process.env.TABLE_NAME!, prefix: "USER", id: (u) => u.id });
 *   }
 *   getUser(id: string) {
 *     return this.get({ id });
 *   }
 * }
 * ```
 */
export class BaseRepository<T extends object> {
  private readonly schemaOfTable;

  constructor(protected readonly options: RepositoryOptions<T>) {
    this.schemaOfTable = options.tableSchema ?? DEFAULT_TABLE_SCHEMA;
  }

  /** The table handle (cached by name; resolved on first use). */
  get table(): TableHandle<Item> {
    const { table } = this.options;
    return getTable(typeof table === "function" ? table() : table, this.schemaOfTable);
  }

  /**
   * The item key of an entity: `{ PK: "USER#<id>", SK: ... }`.
   * @example
   * ```ts
   * users.key({ id: "42" }); // { PK: "USER#42", SK: "USER#42" }
   * ```
   */
  key(ref: EntityRef): ItemKey {
    const { partitionKey, sortKey } = this.schemaOfTable;
    const partition = this.partitionOf(ref.id);
    if (!sortKey) return { [partitionKey]: partition };
    const { sort } = this.options;
    if (sort && ref.sort === undefined) {
      throw new DynamoValidationError(`A ${this.options.prefix} key needs its sort value`, {
        key: { [partitionKey]: partition },
      });
    }
    return {
      [partitionKey]: partition,
      [sortKey]: sort ? `${sort.prefix}#${ref.sort}` : partition,
    };
  }

  /** The reference of a model: its id and sort value. */
  refOf(model: T): EntityRef {
    return { id: this.options.id(model), sort: this.options.sort?.value(model) };
  }

  /**
   * Stores a new entity; refuses to overwrite one with the same key (`DynamoConflictError`).
   * @example
   * ```ts
   * const user = await users.create({ id: "42", email: "ada@example.com", name: "Ada" });
   * user.version; // 1
   * ```
   */
  async create(model: T): Promise<Entity<T>> {
    const { item, entity } = await this.prepareCreate(model);
    try {
      await this.table.put(item, { condition: this.notExists() });
    } catch (error) {
      throw this.explainConflict(error, "already exists");
    }
    return entity;
  }

  /**
   * The entity, or `undefined` when there is none.
   * @example
   * ```ts
   * const user = await users.get({ id: "42" });
   * ```
   */
  async get(
    ref: EntityRef,
    options: { consistentRead?: boolean | undefined } = {},
  ): Promise<Entity<T> | undefined> {
    const item = await this.table.get(this.key(ref), options);
    return item ? this.toModel(item) : undefined;
  }

  /**
   * The entity; a `DynamoNotFoundError` when there is none.
   * @example
   * ```ts
   * const user = await users.getOrThrow({ id: "42" });
   * ```
   */
  async getOrThrow(
    ref: EntityRef,
    options: { consistentRead?: boolean | undefined } = {},
  ): Promise<Entity<T>> {
    const entity = await this.get(ref, options);
    if (!entity) {
      throw new DynamoNotFoundError(`No ${this.options.prefix} found`, {
        table: this.table.name,
        key: this.key(ref),
      });
    }
    return entity;
  }

  /**
   * Writes back an entity you read, if nobody changed it since (optimistic locking on
   * `version`); otherwise a `DynamoConflictError`, and nothing is written.
   * @example
   * ```ts
   * const user = await users.getOrThrow({ id: "42" });
   * await users.save({ ...user, name: "Ada L." }); // DynamoConflictError if changed meanwhile
   * ```
   */
  async save(entity: Entity<T>): Promise<Entity<T>> {
    const { item, next, condition } = await this.prepareSave(entity);
    try {
      await this.table.put(item, { condition });
    } catch (error) {
      throw this.explainConflict(error, `was changed since version ${entity.version} or deleted`);
    }
    return next;
  }

  /**
   * Changes some fields: reads the entity, applies `changes`, validates the result and saves
   * it with the version check of {@link save}. `expectedVersion` fails fast when you
   * already know the version the change was based on.
   * @example
   * ```ts
   * await users.update({ id: "42" }, { name: "Ada L." }, { expectedVersion: 3 });
   * ```
   */
  async update(
    ref: EntityRef,
    changes: Partial<T>,
    options: { expectedVersion?: number | undefined } = {},
  ): Promise<Entity<T>> {
    const current = await this.getOrThrow(ref, { consistentRead: true });
    if (options.expectedVersion !== undefined && current.version !== options.expectedVersion) {
      throw new DynamoConflictError(
        `${this.options.prefix} is at version ${current.version}, not ${options.expectedVersion}`,
        { table: this.table.name, key: this.key(ref) },
      );
    }
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    return this.save({ ...current, ...defined });
  }

  /**
   * Deletes the entity; `true` if there was one. With `expectedVersion`, only that version.
   * @example
   * ```ts
   * await users.delete({ id: "42" });
   * ```
   */
  async delete(
    ref: EntityRef,
    options: { expectedVersion?: number | undefined } = {},
  ): Promise<boolean> {
    const condition =
      options.expectedVersion === undefined ? undefined : eq("version", options.expectedVersion);
    try {
      return (await this.table.delete(this.key(ref), { condition })) !== undefined;
    } catch (error) {
      throw this.explainConflict(error, `is not at version ${options.expectedVersion}`);
    }
  }

  /**
   * One page of this repository's entities in a partition (e.g. a user's orders).
   * @example
   * ```ts
   * const { items, cursor } = await orders.list("user-1", { limit: 20, order: "desc" });
   * ```
   */
  async list(
    id: string,
    options: {
      limit?: number | undefined;
      cursor?: string | undefined;
      order?: "asc" | "desc" | undefined;
    } = {},
  ): Promise<Page<Entity<T>>> {
    const { sortKey } = this.schemaOfTable;
    const page = await this.table.query({
      ...options,
      partition: this.partitionOf(id),
      ...(sortKey
        ? { sort: { beginsWith: `${this.options.sort?.prefix ?? this.options.prefix}#` } }
        : {}),
    });
    return {
      items: await Promise.all(page.items.map((item) => this.toModel(item))),
      cursor: page.cursor,
    };
  }

  /**
   * Every entity of a partition, page after page.
   * @example
   * ```ts
   * for await (const order of orders.listAll("user-1")) total += order.amount;
   * ```
   */
  listAll(id: string): AsyncGenerator<Entity<T>> {
    return paginate((cursor) => this.list(id, { cursor }));
  }

  /**
   * Reads many entities, 100 keys a request, retrying unprocessed keys with backoff.
   * Missing entities are left out; the order is not kept. A `DynamoBatchIncompleteError` names the
   * keys still unread after every retry.
   * @example
   * ```ts
   * const found = await users.batchGet(ids.map((id) => ({ id })));
   * ```
   */
  async batchGet(refs: readonly EntityRef[]): Promise<Entity<T>[]> {
    const tableName = this.table.name;
    const keys = uniqueKeys(refs.map((ref) => this.key(ref)));
    const items: Item[] = [];
    for (const keysChunk of chunk(keys, BATCH_GET_LIMIT)) {
      const { unprocessed, attempts } = await retryUnprocessed(
        keysChunk,
        async (batch) => {
          const output = await sendDocumentCommand<BatchGetCommandOutput>(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: batch } } }),
            { table: tableName },
          );
          items.push(...(output.Responses?.[tableName] ?? []));
          return (output.UnprocessedKeys?.[tableName]?.Keys ?? []) as ItemKey[];
        },
        this.options.batchRetry,
      );
      if (unprocessed.length) {
        throw new DynamoBatchIncompleteError("read", unprocessed, { table: tableName }, attempts);
      }
    }
    return Promise.all(items.map((item) => this.toModel(item)));
  }

  /**
   * Writes many new entities, 25 a request, retrying unprocessed items with backoff and
   * jitter. Validates all first, so a bad model writes nothing. Unlike {@link create}, a
   * batch write overwrites existing items (DynamoDB batches take no conditions). A
   * `DynamoBatchIncompleteError` names the keys still unwritten after every retry.
   * @example
   * ```ts
   * await users.batchPut(importedUsers); // any number of models
   * ```
   */
  async batchPut(models: readonly T[]): Promise<Entity<T>[]> {
    const tableName = this.table.name;
    const prepared = await Promise.all(models.map((model) => this.prepareCreate(model)));
    const keys = prepared.map(({ item }) => this.keyOfItem(item));
    if (uniqueKeys(keys).length !== keys.length) {
      throw new DynamoValidationError("A batch cannot write one key twice", { table: tableName });
    }
    const requests = prepared.map(({ item }) => ({ PutRequest: { Item: item } }));
    for (const requestChunk of chunk(requests, BATCH_WRITE_LIMIT)) {
      const { unprocessed, attempts } = await retryUnprocessed(
        requestChunk,
        async (batch) => {
          const output = await sendDocumentCommand<BatchWriteCommandOutput>(
            new BatchWriteCommand({ RequestItems: { [tableName]: batch } }),
            { table: tableName },
          );
          return (output.UnprocessedItems?.[tableName] ?? []) as typeof batch;
        },
        this.options.batchRetry,
      );
      if (unprocessed.length) {
        const unwritten = unprocessed.map((r) => this.keyOfItem(r.PutRequest.Item as Item));
        throw new DynamoBatchIncompleteError("write", unwritten, { table: tableName }, attempts);
      }
    }
    return prepared.map(({ entity }) => entity);
  }

  /**
   * A create for {@link transactWrite}: fails the transaction if the entity exists.
   * @example
   * ```ts
   * await transactWrite([await users.createOp(user), await emails.createOp(email)]);
   * ```
   */
  async createOp(model: T): Promise<TransactionOp> {
    const { item } = await this.prepareCreate(model);
    return this.op("Put", { Item: item }, this.keyOfItem(item), this.notExists());
  }

  /**
   * A versioned save for {@link transactWrite}.
   * @example
   * ```ts
   * await transactWrite([await accounts.saveOp({ ...from, balance: from.balance - 10 })]);
   * ```
   */
  async saveOp(entity: Entity<T>): Promise<TransactionOp> {
    const { item, condition } = await this.prepareSave(entity);
    return this.op("Put", { Item: item }, this.keyOfItem(item), condition);
  }

  /**
   * A delete for {@link transactWrite}, optionally of one version only.
   * @example
   * ```ts
   * await transactWrite([users.deleteOp({ id: "42" }, { expectedVersion: 3 })]);
   * ```
   */
  deleteOp(ref: EntityRef, options: { expectedVersion?: number | undefined } = {}): TransactionOp {
    const key = this.key(ref);
    const condition =
      options.expectedVersion === undefined ? undefined : eq("version", options.expectedVersion);
    return this.op("Delete", { Key: key }, key, condition);
  }

  /**
   * Maps a stored item to a model: drops the key attributes, the entity type and the TTL
   * attribute, and validates the rest with the schema. Override for custom mappings.
   */
  protected async toModel(item: Item): Promise<Entity<T>> {
    const hidden = new Set<string>([...keyNames(this.schemaOfTable), ENTITY_TYPE, ...METADATA]);
    if (this.options.ttl) hidden.add(this.options.ttl.attribute);
    const fields = Object.fromEntries(Object.entries(item).filter(([name]) => !hidden.has(name)));
    const model = this.options.schema
      ? await validateModel(this.options.schema, fields, { table: this.table.name, stage: "read" })
      : (fields as T);
    const metadata = Object.fromEntries(METADATA.map((name) => [name, item[name]]));
    return { ...model, ...metadata } as Entity<T>;
  }

  /**
   * Maps a model to the item to store: key attributes, entity type, TTL. Override for
   * custom mappings.
   */
  protected toItem(model: T): Item {
    // Dates are stored as ISO strings (DynamoDB has no date type); schemas can coerce them back.
    const fields = Object.fromEntries(
      Object.entries(model).map(([name, value]) => [
        name,
        value instanceof Date ? value.toISOString() : value,
      ]),
    );
    const item: Item = {
      ...fields,
      ...this.key(this.refOf(model)),
      [ENTITY_TYPE]: this.options.prefix,
    };
    const { ttl } = this.options;
    const expiresAt = ttl?.expiresAt(model);
    if (ttl && expiresAt !== undefined) {
      const ms = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
      // DynamoDB TTL reads epoch seconds.
      item[ttl.attribute] = Math.floor(ms / 1000);
    }
    return item;
  }

  private async validated(model: T): Promise<T> {
    const { schema } = this.options;
    if (!schema) return model;
    const fields = Object.fromEntries(
      Object.entries(model).filter(([name]) => !(METADATA as readonly string[]).includes(name)),
    );
    return validateModel(schema, fields, { table: this.table.name, stage: "write" });
  }

  private async prepareCreate(model: T) {
    const valid = await this.validated(model);
    const now = new Date().toISOString();
    const metadata = { createdAt: now, updatedAt: now, version: 1 };
    return {
      item: { ...this.toItem(valid), ...metadata },
      entity: { ...valid, ...metadata } as Entity<T>,
    };
  }

  private async prepareSave(entity: Entity<T>) {
    if (!Number.isSafeInteger(entity.version) || entity.version < 1) {
      throw new DynamoValidationError("save() needs an entity as read, with its version", {
        table: this.table.name,
      });
    }
    const valid = await this.validated(entity);
    const metadata = {
      createdAt: entity.createdAt,
      updatedAt: new Date().toISOString(),
      version: entity.version + 1,
    };
    return {
      item: { ...this.toItem(valid), ...metadata },
      next: { ...valid, ...metadata } as Entity<T>,
      condition: and(
        attributeExists(this.schemaOfTable.partitionKey),
        eq("version", entity.version),
      ),
    };
  }

  private partitionOf(id: string): string {
    return `${this.options.prefix}#${id}`;
  }

  private notExists(): Condition {
    return attributeNotExists(this.schemaOfTable.partitionKey);
  }

  private keyOfItem(item: Item): ItemKey {
    return Object.fromEntries(keyNames(this.schemaOfTable).map((name) => [name, item[name]]));
  }

  private op(
    action: "Put" | "Delete",
    body: Record<string, unknown>,
    key: ItemKey,
    condition: Condition | undefined,
  ): TransactionOp {
    const tableName = this.table.name;
    const ctx = new ExpressionContext();
    const conditionExpression = condition?.render(ctx);
    return {
      item: {
        [action]: {
          TableName: tableName,
          ...body,
          ...(conditionExpression ? { ConditionExpression: conditionExpression } : {}),
          ...ctx.toInput(),
        },
      },
      context: { table: tableName, key },
    };
  }

  // A failed condition gets a message that says what it means for this operation.
  private explainConflict(error: unknown, meaning: string): unknown {
    if (!(error instanceof DynamoConflictError)) return error;
    return new DynamoConflictError(
      `${this.options.prefix} ${meaning}`,
      {
        table: error.table,
        key: error.key,
      },
      { cause: error },
    );
  }
}

function uniqueKeys(keys: ItemKey[]): ItemKey[] {
  const seen = new Map<string, ItemKey>();
  for (const key of keys) seen.set(JSON.stringify(key), key);
  return [...seen.values()];
}
