import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LazyClient } from "@org/aws-core";
import { type ClientSource as CoreClientSource, clientSource } from "@org/aws-core/internal";
import { DynamoError } from "../errors";

/**
 * The `client` option of `getTable`, `BaseRepository` and what they make: a DocumentClient
 * you built (as Powertools, dynamodb-toolbox or ElectroDB take one), or a `LazyClient` of one,
 * such as `documentClient.for({ region })`, created on its first command. Without it,
 * the container's `documentClient`.
 *
 * @example
 * ```ts
 * import { documentClient, getTable } from "@org/aws-dynamo";
 *
 * const replica = getTable("orders", { client: documentClient.for({ region: "eu-west-1" }) });
 * ```
 */
export type DocumentClientOption =
  | DynamoDBDocumentClient
  | LazyClient<DynamoDBDocumentClient, unknown>;

/** Where a send reads its client: `client`, a field read once the client exists. */
export type ClientSource = Pick<CoreClientSource<DynamoDBDocumentClient>, "client">;

/**
 * The source of a `client` option, checked: anything but an SDK client or a `LazyClient` is
 * a `DynamoError` of kind `internal` (the function is misconfigured, not the caller's input).
 */
export function toClientSource(option: unknown, table: string): ClientSource {
  const source = clientSource<DynamoDBDocumentClient>(option, "dynamodb-document");
  if (typeof source !== "string") return source;
  throw new DynamoError(
    `Invalid client: ${source}. Expected a DynamoDBDocumentClient or a LazyClient of one, e.g. documentClient.for({ region: "eu-west-1" })`,
    { table, kind: "internal" },
  );
}
