import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { type DynamoErrorContext, DynamoValidationError, type ItemKey } from "../errors";
import type { Condition } from "../expressions/conditions";
import { ExpressionContext } from "../expressions/expression-context";
import { sendDocumentCommand } from "../send";

/** One action of a transaction, made by a repository's `*Op` methods. */
export interface TransactionOp {
  /** @internal The TransactWriteItems entry, in DocumentClient form. */
  readonly item: Record<string, unknown>;
  /** @internal The table and key, for error reasons. */
  readonly context: DynamoErrorContext;
}

/** One Put or Delete of a transaction, with its condition rendered. */
export function transactionOp(
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
  };
}

/** DynamoDB's limit of actions per transaction (not exported by the entry). */
const MAX_TRANSACTION_ACTIONS = 100;

/**
 * Writes all the actions or none (TransactWriteItems), across repositories and tables.
 * A cancelled transaction is a `DynamoTransactionCancelledError` whose `reasons[i]` is a typed
 * error for action `i` (a `DynamoConflictError` for a failed condition).
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
  await sendDocumentCommand(
    new TransactWriteCommand({
      TransactItems: ops.map((op) => op.item) as never,
    }),
    {},
    ops.map((op) => op.context),
  );
}
