import { DynamoValidationError, type ItemKey } from "../errors";
import type { KeySchema } from "./types";

function isKeyValue(value: unknown): boolean {
  if (typeof value === "string") return value.length > 0;
  if (typeof value === "number") return Number.isFinite(value);
  return value instanceof Uint8Array && value.length > 0;
}

/** The names of a schema's key attributes. */
export function keyNames(schema: KeySchema): string[] {
  return schema.sortKey ? [schema.partitionKey, schema.sortKey] : [schema.partitionKey];
}

/**
 * Checks that `key` holds exactly the schema's key attributes, each a non-empty string, a
 * finite number or non-empty binary, before DynamoDB sees it.
 */
export function assertKey(key: unknown, schema: KeySchema, table: string): asserts key is ItemKey {
  if (typeof key !== "object" || key === null || Array.isArray(key)) {
    throw new DynamoValidationError(`A key must be an object of ${keyNames(schema).join(", ")}`, {
      table,
    });
  }
  const record = key as ItemKey;
  const expected = keyNames(schema);
  const issues = [
    ...expected
      .filter((name) => !isKeyValue(record[name]))
      .map(
        (name) =>
          `${name} must be a non-empty string, a finite number or binary (got ${describe(record[name])})`,
      ),
    ...Object.keys(record)
      .filter((name) => !expected.includes(name))
      .map((name) => `${name} is not a key attribute`),
  ];
  if (issues.length) {
    throw new DynamoValidationError(`Invalid key: ${issues.join("; ")}`, {
      table,
      key: record,
      issues,
    });
  }
}

/** The key attributes of `item`, checked. */
export function keyOf(item: Record<string, unknown>, schema: KeySchema, table: string): ItemKey {
  const key = Object.fromEntries(keyNames(schema).map((name) => [name, item[name]]));
  assertKey(key, schema, table);
  return key;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "object") return value.constructor?.name ?? "object";
  return `${typeof value} ${typeof value === "bigint" ? `${value}n` : JSON.stringify(value)}`;
}
