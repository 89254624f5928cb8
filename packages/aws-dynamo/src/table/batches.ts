import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
} from "@aws-sdk/lib-dynamodb";
import type { ClientSource } from "../client/client-option";
import { DynamoBatchIncompleteError, type ItemKey } from "../errors";
import { sendDocumentCommand } from "../send";
import { type BatchRetryOptions, chunk, retryUnprocessed } from "./batch-retry";
import type { Item } from "./types";

/** DynamoDB's limits per BatchGetItem and BatchWriteItem request. */
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;

/**
 * Reads `keys` of one table on the client of `source`, 100 a request, retrying unprocessed
 * keys with backoff; a `DynamoBatchIncompleteError` names the keys still unread after every
 * retry.
 */
export async function batchGetItems(
  source: ClientSource,
  table: string,
  keys: readonly ItemKey[],
  retry?: BatchRetryOptions,
): Promise<Item[]> {
  const items: Item[] = [];
  for (const keysChunk of chunk(keys, BATCH_GET_LIMIT)) {
    const { unprocessed, attempts } = await retryUnprocessed(
      keysChunk,
      async (batch) => {
        const output = await sendDocumentCommand<BatchGetCommandOutput>(
          source,
          new BatchGetCommand({ RequestItems: { [table]: { Keys: batch } } }),
          { table },
        );
        items.push(...(output.Responses?.[table] ?? []));
        return (output.UnprocessedKeys?.[table]?.Keys ?? []) as ItemKey[];
      },
      retry,
    );
    if (unprocessed.length) {
      throw incomplete("read", unprocessed, table, attempts);
    }
  }
  return items;
}

/**
 * Writes `items` to one table on the client of `source`, 25 a request, retrying unprocessed
 * items with backoff and jitter; a `DynamoBatchIncompleteError` names (by `keyOf`) the items
 * still unwritten after every retry.
 */
export async function batchPutItems(
  source: ClientSource,
  table: string,
  items: readonly Item[],
  keyOf: (item: Item) => ItemKey,
  retry?: BatchRetryOptions,
): Promise<void> {
  const requests = items.map((item) => ({ PutRequest: { Item: item } }));
  for (const requestChunk of chunk(requests, BATCH_WRITE_LIMIT)) {
    const { unprocessed, attempts } = await retryUnprocessed(
      requestChunk,
      async (batch) => {
        const output = await sendDocumentCommand<BatchWriteCommandOutput>(
          source,
          new BatchWriteCommand({ RequestItems: { [table]: batch } }),
          { table },
        );
        return (output.UnprocessedItems?.[table] ?? []) as typeof batch;
      },
      retry,
    );
    if (unprocessed.length) {
      const unwritten = unprocessed.map((request) => keyOf(request.PutRequest.Item));
      throw incomplete("write", unwritten, table, attempts);
    }
  }
}

function incomplete(
  operation: "write" | "read",
  unprocessedKeys: readonly ItemKey[],
  table: string,
  attempts: number,
): DynamoBatchIncompleteError {
  return new DynamoBatchIncompleteError(
    `Batch ${operation} left ${unprocessedKeys.length} item(s) unprocessed after ${attempts} attempts; ` +
      "see unprocessedKeys",
    { table, operation, unprocessedKeys, attempts },
  );
}

/** `keys` without repeats (by value), in first-seen order. */
export function uniqueKeys(keys: readonly ItemKey[]): ItemKey[] {
  const seen = new Map<string, ItemKey>();
  for (const key of keys) seen.set(JSON.stringify(key), key);
  return [...seen.values()];
}
