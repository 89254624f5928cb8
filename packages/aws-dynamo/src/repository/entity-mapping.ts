import { DynamoValidationError, type ItemKey } from "../errors";
import { keyNames } from "../table/key";
import type { Item, TableSchema } from "../table/types";
import { validateModel } from "./model-schema";
import type { Entity, EntityMetadata, EntityRef, RepositoryOptions } from "./types";

/** The attributes a repository adds to every item it writes. */
export const METADATA = ["createdAt", "updatedAt", "version"] as const;
const ENTITY_TYPE = "entityType";

/**
 * How a repository lays its entities out in items: the key (`<prefix>#<id>`, and the sort
 * key), the entity type, the TTL attribute and the metadata. Everything that does not
 * change per call is worked out once, here.
 */
export class EntityMapping<T extends object> {
  /** The `entityType` attribute of every item. */
  readonly entityType: string;
  /** The prefix every item of this entity has in its sort key, for listing a partition. */
  readonly sortPrefix: string;
  private readonly keyAttributes: readonly string[];
  // Attributes of an item that are not fields of the model.
  private readonly notFields: ReadonlySet<string>;

  constructor(
    private readonly options: RepositoryOptions<T>,
    readonly tableSchema: TableSchema,
  ) {
    this.entityType = options.entityType ?? options.sort?.prefix ?? options.prefix;
    this.sortPrefix = `${options.sort?.prefix ?? options.prefix}#`;
    this.keyAttributes = keyNames(tableSchema);
    this.notFields = new Set([
      ...this.keyAttributes,
      ENTITY_TYPE,
      ...METADATA,
      ...(options.ttl ? [options.ttl.attribute] : []),
    ]);
  }

  partitionOf(id: string): string {
    return `${this.options.prefix}#${id}`;
  }

  /** The item key of an entity. */
  key(ref: EntityRef): ItemKey {
    const { partitionKey, sortKey } = this.tableSchema;
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

  /** The key attributes of an item. */
  keyOfItem(item: Item): ItemKey {
    const key: ItemKey = {};
    for (const name of this.keyAttributes) key[name] = item[name];
    return key;
  }

  /** The item of a model: its fields (dates as ISO strings), key, entity type and TTL. */
  toItem(model: T): Item {
    const item: Item = {};
    // DynamoDB has no date type; schemas can coerce the strings back.
    for (const [name, value] of Object.entries(model)) {
      item[name] = value instanceof Date ? value.toISOString() : value;
    }
    Object.assign(item, this.key(this.refOf(model)));
    item[ENTITY_TYPE] = this.entityType;
    const { ttl } = this.options;
    const expiresAt = ttl?.expiresAt(model);
    if (ttl && expiresAt !== undefined) {
      const ms = expiresAt instanceof Date ? expiresAt.getTime() : expiresAt;
      // DynamoDB TTL reads epoch seconds.
      item[ttl.attribute] = Math.floor(ms / 1000);
    }
    return item;
  }

  /** The model fields of an item (no key, entity type, TTL or metadata), and its metadata. */
  split(item: Item): { fields: Record<string, unknown>; metadata: EntityMetadata } {
    const fields: Record<string, unknown> = {};
    for (const name in item) if (!this.notFields.has(name)) fields[name] = item[name];
    const { createdAt, updatedAt, version } = item as unknown as EntityMetadata;
    return { fields, metadata: { createdAt, updatedAt, version } };
  }

  /** A stored item as an entity, its fields checked by the schema, if there is one. */
  async toEntity(item: Item, table: string): Promise<Entity<T>> {
    const { fields, metadata } = this.split(item);
    const { schema } = this.options;
    const model = schema
      ? await validateModel(schema, fields, { table, stage: "read" })
      : (fields as T);
    return { ...model, ...metadata };
  }

  /** A model's fields without metadata, checked by the schema before a write. */
  async validated(model: T, table: string): Promise<T> {
    const { schema } = this.options;
    if (!schema) return model;
    const { createdAt, updatedAt, version, ...fields } = model as Partial<EntityMetadata>;
    return validateModel(schema, fields, { table, stage: "write" });
  }
}

/** The metadata of a first write, or of the write after `previous`. */
export function metadataAfter(previous?: EntityMetadata): EntityMetadata {
  const now = new Date().toISOString();
  return previous
    ? { createdAt: previous.createdAt, updatedAt: now, version: previous.version + 1 }
    : { createdAt: now, updatedAt: now, version: 1 };
}
