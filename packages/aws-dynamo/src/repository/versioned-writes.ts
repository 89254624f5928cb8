import { DynamoConflictError, DynamoValidationError } from "../errors";
import {
  and,
  attributeExists,
  attributeNotExists,
  type Condition,
  eq,
} from "../expressions/conditions";
import type { Item } from "../table/types";
import { type EntityMapping, metadataAfter } from "./entity-mapping";
import type { Entity } from "./types";

/** One write of an entity: the item, the entity as it will be, and the write's condition. */
export interface VersionedWrite<T> {
  readonly item: Item;
  readonly entity: Entity<T>;
  readonly condition: Condition;
}

/**
 * The writes of a repository, with optimistic locking: a first write happens only where no
 * item is, at version 1; each later one only over the version it was read at, one higher.
 * Models are checked by the schema first, so a bad model writes nothing.
 */
export class VersionedWrites<T extends object> {
  constructor(
    private readonly mapping: EntityMapping<T>,
    /** The repository's model-to-item mapping (overridable there). */
    private readonly toItem: (model: T) => Item,
  ) {}

  /** The write that creates `model`. */
  async first(model: T, table: string): Promise<VersionedWrite<T>> {
    const valid = await this.mapping.validated(model, table);
    const metadata = metadataAfter();
    return {
      item: { ...this.toItem(valid), ...metadata },
      entity: { ...valid, ...metadata },
      condition: attributeNotExists(this.mapping.tableSchema.partitionKey),
    };
  }

  /** The write that replaces `entity`, as read, with its next version. */
  async next(entity: Entity<T>, table: string): Promise<VersionedWrite<T>> {
    if (!Number.isSafeInteger(entity.version) || entity.version < 1) {
      throw new DynamoValidationError("save() needs an entity as read, with its version", {
        table,
      });
    }
    const valid = await this.mapping.validated(entity, table);
    const metadata = metadataAfter(entity);
    return {
      item: { ...this.toItem(valid), ...metadata },
      entity: { ...valid, ...metadata },
      condition: and(
        attributeExists(this.mapping.tableSchema.partitionKey),
        eq("version", entity.version),
      ),
    };
  }
}

/** A condition that the item is at `version`, when one is expected. */
export function versionIs(version: number | undefined): Condition | undefined {
  return version === undefined ? undefined : eq("version", version);
}

/** A failed condition, explained in terms of the operation (`USER already exists`). */
export function explainConflict(error: unknown, what: string): unknown {
  if (!(error instanceof DynamoConflictError)) return error;
  const { table, key } = error;
  return new DynamoConflictError(what, { table, key, cause: error });
}
