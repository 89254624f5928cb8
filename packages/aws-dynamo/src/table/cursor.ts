import { DynamoInvalidCursorError, type ItemKey } from "../errors";

const VERSION = "v1.";

// Binary key values survive JSON as { $b: base64 }.
function toJsonValue(value: unknown): unknown {
  return value instanceof Uint8Array ? { $b: Buffer.from(value).toString("base64") } : value;
}

function fromJsonValue(value: unknown): unknown {
  if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) {
    return value;
  }
  if (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { $b?: unknown }).$b === "string"
  ) {
    return new Uint8Array(Buffer.from((value as { $b: string }).$b, "base64"));
  }
  throw new Error("not a key value");
}

/** Turns DynamoDB's LastEvaluatedKey into an opaque, URL-safe cursor. */
export function encodeCursor(lastKey: ItemKey): string {
  const json = JSON.stringify(
    Object.fromEntries(Object.entries(lastKey).map(([k, v]) => [k, toJsonValue(v)])),
  );
  return VERSION + Buffer.from(json).toString("base64url");
}

/**
 * Turns a cursor back into an ExclusiveStartKey, checking that it has exactly the key
 * attributes this query pages over and, for a query, the query's partition. Anything else
 * is an {@link DynamoInvalidCursorError}, never a crash or a read of another partition.
 */
export function decodeCursor(
  cursor: string,
  expected: { table: string; keyNames: readonly string[]; partition?: [string, unknown] },
): ItemKey {
  const fail = (why: string) =>
    new DynamoInvalidCursorError(`Invalid pagination cursor: ${why}`, { table: expected.table });
  if (typeof cursor !== "string" || !cursor.startsWith(VERSION)) throw fail("unknown format");
  const body = cursor.slice(VERSION.length);
  // Re-encoding must give the same text: catches characters added, cut or changed that a
  // lenient base64 decoder would silently ignore.
  if (
    !/^[A-Za-z0-9_-]+$/.test(body) ||
    Buffer.from(body, "base64url").toString("base64url") !== body
  ) {
    throw fail("not an unmodified cursor");
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    throw fail("not readable");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw fail("not a key");
  }
  const names = Object.keys(parsed).sort();
  if (names.join() !== [...expected.keyNames].sort().join()) {
    throw fail("it belongs to another table, index or query");
  }
  let key: ItemKey;
  try {
    key = Object.fromEntries(
      Object.entries(parsed).map(([k, v]) => [k, fromJsonValue(v)] as const),
    );
  } catch {
    throw fail("a key value has the wrong type");
  }
  if (expected.partition) {
    const [name, value] = expected.partition;
    if (!sameKeyValue(key[name], value)) throw fail("it belongs to another partition");
  }
  return key;
}

function sameKeyValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.from(a).equals(b);
  return a === b;
}
