import type { ExpressionContext } from "./expression-context";

/** Options of an update built from a partial object. */
export interface UpdateSpec {
  /** Attributes to set; `undefined` values are skipped. */
  readonly set: Record<string, unknown>;
  /** Attributes to remove. */
  readonly remove?: readonly string[] | undefined;
  /** Attributes to add a number to (atomic counters), e.g. `{ version: 1 }`. */
  readonly add?: Record<string, number> | undefined;
}

/**
 * Builds an `UpdateExpression` from a partial object, so nobody hand-writes one.
 * Returns `undefined` when there is nothing to change.
 */
export function buildUpdateExpression(
  spec: UpdateSpec,
  ctx: ExpressionContext,
): string | undefined {
  const set = Object.entries(spec.set)
    .filter(([, value]) => value !== undefined)
    .map(([path, value]) => `${ctx.name(path)} = ${ctx.value(value)}`);
  const remove = (spec.remove ?? []).map((path) => ctx.name(path));
  const add = Object.entries(spec.add ?? {}).map(
    ([path, amount]) => `${ctx.name(path)} ${ctx.value(amount)}`,
  );
  const clauses = [
    set.length ? `SET ${set.join(", ")}` : "",
    remove.length ? `REMOVE ${remove.join(", ")}` : "",
    add.length ? `ADD ${add.join(", ")}` : "",
  ].filter(Boolean);
  return clauses.length ? clauses.join(" ") : undefined;
}
