import { DynamoConflictError, DynamoNotFoundError, type ItemKey } from "../errors";
import { DEFAULT_TABLE_SCHEMA, getTable } from "../table/get-table";
import { paginate } from "../table/paginate";
import type { TableHandle } from "../table/table-handle";
import type { Item, Page, TableOptions } from "../table/types";
import { EntityMapping } from "./entity-mapping";
import { type TransactionOp, transactionOp } from "./transactions";
import type { Entity, EntityRef, ListOptions, ReadOptions, RepositoryOptions } from "./types";
import {
  explainConflict,
  type VersionedWrite,
  VersionedWrites,
  versionIs,
} from "./versioned-writes";

/**
 * The base of a repository for one entity type in a (single-table) DynamoDB design: keys
 * like `USER#<id>`, item <-> model mapping, optional schema validation, timestamps,
 * create-only writes, optimistic locking, pagination, batches with retries, transactions
 * and TTL. Extend it with your entity's own queries. It sends on `documentClient`, or on
 * its `client` option (another region, account or tenant).
 *
 * @example
 * ```ts
 * import { BaseRepository, documentClient } from "@org/aws-dynamo";
 *
 * interface User { id: string; email: string; name: string }
 *
 * class UserRepository extends BaseRepository<User> {
 *   constructor(client = documentClient) {
 *     super({ table: () => process.env.TABLE_NAME!, prefix: "USER", id: (u) => u.id, client });
 *   }
 *   getUser(id: string) {
 *     return this.get({ id });
 *   }
 * }
 *
 * export const users = new UserRepository();
 * // The users of the replica in Ireland, created on first use.
 * export const irishUsers = new UserRepository(documentClient.for({ region: "eu-west-1" }));
 * ```
 */
export class BaseRepository<T extends object> {
  /** How entities are laid out in items: keys, entity type, TTL, metadata. */
  protected readonly mapping: EntityMapping<T>;
  private readonly writes: VersionedWrites<T>;
  // One object, so that getTable compares no schema when the table name is the same.
  private readonly tableOptions: TableOptions;
  private resolved: { readonly name: string; readonly handle: TableHandle<Item> } | undefined;

  constructor(protected readonly options: RepositoryOptions<T>) {
    this.mapping = new EntityMapping(options, options.tableSchema ?? DEFAULT_TABLE_SCHEMA);
    this.writes = new VersionedWrites(this.mapping, (model) => this.toItem(model));
    const { tableSchema } = this.mapping;
    this.tableOptions =
      options.client === undefined ? tableSchema : { ...tableSchema, client: options.client };
  }

  /**
   * The table handle (on the repository's client), resolved on first use and kept while the
   * table name stays the same.
   */
  get table(): TableHandle<Item> {
    const { table } = this.options;
    const name = typeof table === "function" ? table() : table;
    if (this.resolved?.name !== name) {
      this.resolved = { name, handle: getTable(name, this.tableOptions) };
    }
    return this.resolved.handle;
  }

  /**
   * The item key of an entity: `{ PK: "USER#<id>", SK: ... }`.
   * @example
   * ```ts
   * users.key({ id: "42" }); // { PK: "USER#42", SK: "USER#42" }
   * ```
   */
  key(ref: EntityRef): ItemKey {
    return this.mapping.key(ref);
  }

  /** The reference of a model: its id and sort value. */
  refOf(model: T): EntityRef {
    return this.mapping.refOf(model);
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
    const { item, entity, condition } = await this.writes.first(model, this.table.name);
    try {
      await this.table.put(item, { condition });
    } catch (error) {
      throw explainConflict(error, `${this.options.prefix} already exists`);
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
  async get(ref: EntityRef, options: ReadOptions = {}): Promise<Entity<T> | undefined> {
    const item = await this.table.get(this.key(ref), options);
    return item ? this.toModel(item) : undefined;
  }

  /**
   * The entity; a `DynamoNotFoundError` (kind `not-found`) when there is none.
   * @example
   * ```ts
   * const user = await users.getOrThrow({ id: "42" });
   * ```
   */
  async getOrThrow(ref: EntityRef, options: ReadOptions = {}): Promise<Entity<T>> {
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
    const { item, entity: next, condition } = await this.writes.next(entity, this.table.name);
    try {
      await this.table.put(item, { condition });
    } catch (error) {
      const what = `${this.options.prefix} was changed since version ${entity.version} or deleted`;
      throw explainConflict(error, what);
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
    const condition = versionIs(options.expectedVersion);
    try {
      return (await this.table.delete(this.key(ref), { condition })) !== undefined;
    } catch (error) {
      const what = `${this.options.prefix} is not at version ${options.expectedVersion}`;
      throw explainConflict(error, what);
    }
  }

  /**
   * One page of this repository's entities in a partition (e.g. a user's orders).
   * @example
   * ```ts
   * const { items, cursor } = await orders.list("user-1", { limit: 20, order: "desc" });
   * ```
   */
  async list(id: string, options: ListOptions = {}): Promise<Page<Entity<T>>> {
    const { mapping } = this;
    const page = await this.table.query({
      ...options,
      partition: mapping.partitionOf(id),
      ...(mapping.tableSchema.sortKey ? { sort: { beginsWith: mapping.sortPrefix } } : {}),
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
   * Reads many entities with the table's `batchGet` (retries as `batchRetry` says); missing
   * ones are left out, the order is not kept.
   * @example
   * ```ts
   * const found = await users.batchGet(ids.map((id) => ({ id })));
   * ```
   */
  async batchGet(refs: readonly EntityRef[]): Promise<Entity<T>[]> {
    const keys = refs.map((ref) => this.key(ref));
    const items = await this.table.batchGet(keys, { retry: this.options.batchRetry });
    return Promise.all(items.map((item) => this.toModel(item)));
  }

  /**
   * Writes many new entities with the table's `batchPut`, all validated first. Unlike
   * {@link create}, it overwrites existing items (DynamoDB batches take no conditions).
   * @example
   * ```ts
   * await users.batchPut(importedUsers); // any number of models
   * ```
   */
  async batchPut(models: readonly T[]): Promise<Entity<T>[]> {
    const prepared = await Promise.all(models.map((m) => this.writes.first(m, this.table.name)));
    const items = prepared.map(({ item }) => item);
    await this.table.batchPut(items, { retry: this.options.batchRetry });
    return prepared.map(({ entity }) => entity);
  }

  /**
   * A create for {@link transactWrite}, on this repository's client: fails the transaction if
   * the entity exists.
   * @example
   * ```ts
   * await transactWrite([await users.createOp(user), await emails.createOp(email)]);
   * ```
   */
  async createOp(model: T): Promise<TransactionOp> {
    return this.putOp(await this.writes.first(model, this.table.name));
  }

  /**
   * A versioned save for {@link transactWrite}.
   * @example
   * ```ts
   * await transactWrite([await accounts.saveOp({ ...from, balance: from.balance - 10 })]);
   * ```
   */
  async saveOp(entity: Entity<T>): Promise<TransactionOp> {
    return this.putOp(await this.writes.next(entity, this.table.name));
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
    const condition = versionIs(options.expectedVersion);
    const { source, name } = this.table;
    return transactionOp(source, name, "Delete", { Key: key }, key, condition);
  }

  /** A stored item as an entity (fields checked by the schema). Override for custom mappings. */
  protected toModel(item: Item): Promise<Entity<T>> {
    return this.mapping.toEntity(item, this.table.name);
  }

  /** The item to store for a model: key, entity type, TTL. Override for custom mappings. */
  protected toItem(model: T): Item {
    return this.mapping.toItem(model);
  }

  private putOp({ item, condition }: VersionedWrite<T>): TransactionOp {
    const key = this.mapping.keyOfItem(item);
    const { source, name } = this.table;
    return transactionOp(source, name, "Put", { Item: item }, key, condition);
  }
}
