export {
  DOCUMENT_TRANSLATE_CONFIG,
  documentClient,
  getDocumentClient,
} from "./client/document-client";
export { dynamo, getDynamoClient } from "./client/dynamo-client";
export { lazyDocumentClient } from "./client/lazy-document-client";
export {
  DynamoBatchIncompleteError,
  DynamoConflictError,
  DynamoError,
  type DynamoErrorContext,
  DynamoInvalidCursorError,
  DynamoItemTooLargeError,
  DynamoNotFoundError,
  DynamoThrottledError,
  DynamoTransactionCancelledError,
  DynamoUnavailableError,
  DynamoValidationError,
  type ItemKey,
  type TransactionReason,
} from "./errors";
export {
  and,
  attributeExists,
  attributeNotExists,
  beginsWith,
  between,
  type Condition,
  contains,
  eq,
  gt,
  gte,
  lt,
  lte,
  ne,
  not,
  or,
} from "./expressions/conditions";
export { BaseRepository } from "./repository/base-repository";
export type { ModelSchema, StandardSchema } from "./repository/model-schema";
export {
  MAX_TRANSACTION_ACTIONS,
  type TransactionOp,
  transactWrite,
} from "./repository/transactions";
export type { Entity, EntityMetadata, EntityRef, RepositoryOptions } from "./repository/types";
export type { BatchRetryOptions } from "./table/batch-retry";
export { DEFAULT_TABLE_SCHEMA, getTable } from "./table/get-table";
export { TableHandle } from "./table/table-handle";
export type {
  Item,
  KeySchema,
  KeyValue,
  Page,
  QueryOptions,
  ScanOptions,
  SortKeyCondition,
  TableSchema,
  UpdateOptions,
  WriteOptions,
} from "./table/types";
