import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { ClientSource } from "../client/client-option";
import {
  DynamoError,
  type DynamoErrorContext,
  DynamoValidationError,
  type ItemKey,
} from "../errors";
import type { Condition } from "../expressions/conditions";
import { ExpressionContext } from "../expressions/expression-context";
import { sendDocumentCommand } from "../send";

/**
 * One action of a transaction, made by a repository's `*Op` methods, on that repository's
 * client.
 */
export interface TransactionOp {
  /** @internal The TransactWriteItems entry, in DocumentClient form. */
  readonly item: Record<string, unknown>;
  /** @internal The table and key, for error reasons. */
  readonly context: DynamoErrorContext;
  /** @internal The client of the repository that made it: the transaction is sent on it. */
  readonly source: ClientSource;
}

/** One Put or Delete of a transaction on the client of `source`, with its condition rendered. */
export function transactionOp(
  source: ClientSource,
  table: string,
  action: "Put" | "Delete",
  body: { Item: object } | { Key: ItemKey },
  key: ItemKey,
  condition: Condition | undefined,
): TransactionOp {
  const ctx = new ExpressionContext();
  const conditionExpression = condition?.render(ctx);
  return {
    item: {
      [action]: {
        TableName: table,
        ...body,
        ...(conditionExpression ? { ConditionExpression: conditionExpression } : {}),
        ...ctx.toInput(),
      },
    },
    context: { table, key },
    source,
  };
}

/** DynamoDB's limit of actions per transaction (not exported by the entry). */
const MAX_TRANSACTION_ACTIONS = 100;

/**
 * Writes all the actions or none (TransactWriteItems), across repositories and tables, on
 * the client of the repositories that made them. A transaction cannot span clients (regions,
 * accounts): actions of repositories with different `client`s are a `DynamoError` of kind
 * `internal`, and nothing is sent. A cancelled transaction is a
 * `DynamoTransactionCancelledError` whose `reasons[i]` is a typed error for action `i` (a
 * `DynamoConflictError` for a failed condition).
 *
 * @example
 * ```ts
 * import { transactWrite } from "@org/aws-dynamo";
 *
 * await transactWrite([
 *   await users.createOp(user),
 *   await usernames.createOp({ name: user.username, userId: user.id }),
 * ]);
 * ```
 */
export async function transactWrite(ops: readonly TransactionOp[]): Promise<void> {
  if (ops.length === 0 || ops.length > MAX_TRANSACTION_ACTIONS) {
    throw new DynamoValidationError(
      `A transaction takes 1 to ${MAX_TRANSACTION_ACTIONS} actions, got ${ops.length}`,
    );
  }
  const source = clientOf(ops);
  await sendDocumentCommand(
    source,
    new TransactWriteCommand({
      TransactItems: ops.map((op) => op.item) as never,
    }),
    {},
    ops.map((op) => op.context),
  );
}

/** The one client of all the actions; a programming error if they are not all on one. */
function clientOf(ops: readonly TransactionOp[]): ClientSource {
  const first = ops[0]?.source;
  ops.forEach((op, i) => {
    if (op?.source === undefined) {
      throw new DynamoError(
        `Action ${i} of the transaction is not a TransactionOp: make actions with a repository's createOp, saveOp or deleteOp (and await the first two)`,
        { kind: "internal" },
      );
    }
    if (op.source !== first) {
      throw new DynamoError(
        `Actions 0 (table "${ops[0]?.context.table}") and ${i} (table "${op.context.table}") of the transaction were made by repositories with different clients: a transaction is sent on one client (one region and account)`,
        { kind: "internal" },
      );
    }
  });
  return first as ClientSource;
}
