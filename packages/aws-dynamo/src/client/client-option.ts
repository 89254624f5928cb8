import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { LazyClient } from "@org/aws-core";
import { isSdkClient } from "@org/aws-core/internal";
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

/**
 * Where a send reads its client: a `LazyClient` itself (its `client` getter creates the client
 * on first use, then is a field read, as the default path always was), or a box around an
 * SDK client.
 */
export interface ClientSource {
  readonly client: DynamoDBDocumentClient;
}

/**
 * The source of a `client` option, checked: anything but an SDK client or a `LazyClient` is
 * a `DynamoError` of kind `internal` (the function is misconfigured, not the caller's input).
 */
export function toClientSource(option: unknown, table: string): ClientSource {
  if (isSdkClient(option)) return { client: option as DynamoDBDocumentClient };
  // `in` reads no getter: a LazyClient is not created by being checked.
  if (
    typeof option === "object" &&
    option !== null &&
    "client" in option &&
    typeof (option as { get?: unknown }).get === "function"
  ) {
    return option as ClientSource;
  }
  throw new DynamoError(
    `Invalid client (${option === null ? "null" : typeof option}): expected a DynamoDBDocumentClient (with send() and middlewareStack) or a LazyClient of one, e.g. documentClient.for({ region: "eu-west-1" })`,
    { table, kind: "internal" },
  );
}
