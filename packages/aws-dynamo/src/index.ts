// The public surface, ten runtime names (each justified in README.md, "What this entry
// exports"). Everything else is module-internal: the translate config, the default schema,
// the transaction limit, and the error classes a handler tells apart by `kind`.
export type { DocumentClientOption } from "./client/client-option";
export { documentClient } from "./client/document-client";
export { dynamo } from "./client/dynamo-client";
export { lazyDocumentClient } from "./client/lazy-document-client";
export {
  type DynamoBatchIncompleteError,
  DynamoConflictError,
  DynamoError,
  type DynamoErrorContext,
  type DynamoErrorOptions,
  DynamoTransactionCancelledError,
  type DynamoValidationError,
  type ItemKey,
  type TransactionReason,
} from "./errors";
export type { Condition } from "./expressions/conditions";
export * as conditions from "./expressions/conditions";
export { BaseRepository } from "./repository/base-repository";
export type { ModelSchema, StandardSchema } from "./repository/model-schema";
export { type TransactionOp, transactWrite } from "./repository/transactions";
export type {
  Entity,
  EntityMetadata,
  EntityRef,
  ListOptions,
  ReadOptions,
  RepositoryOptions,
} from "./repository/types";
export type { BatchRetryOptions } from "./table/batch-retry";
export { getTable } from "./table/get-table";
export type { TableHandle } from "./table/table-handle";
export type {
  Item,
  KeySchema,
  KeyValue,
  Page,
  QueryOptions,
  ScanOptions,
  SortKeyCondition,
  TableOptions,
  TableSchema,
  UpdateOptions,
  WriteOptions,
} from "./table/types";
