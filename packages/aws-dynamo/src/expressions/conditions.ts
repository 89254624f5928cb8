import { DynamoValidationError } from "../errors";
import type { ExpressionContext } from "./expression-context";

// The package entry exports this module as one namespace, `conditions`.

/**
 * A condition expression, built with the functions of this module and rendered into a
 * request with safe placeholders. Use it for conditional writes and query/scan filters.
 *
 * @example
 * ```ts
 * import { conditions } from "@org/aws-dynamo";
 *
 * const { and, attributeExists, eq } = conditions;
 * await table.update(key, { status: "shipped" }, {
 *   condition: and(attributeExists("PK"), eq("status", "paid")),
 * });
 * ```
 */
export interface Condition {
  /** @internal Renders the expression, registering its names and values. */
  readonly render: (context: ExpressionContext) => string;
}

const condition = (render: Condition["render"]): Condition => ({ render });

function comparison(operator: string) {
  return (path: string, value: unknown): Condition =>
    condition((ctx) => `${ctx.name(path)} ${operator} ${ctx.value(value)}`);
}

/**
 * `path = value`.
 * @example
 * ```ts
 * eq("status", "active")
 * ```
 */
export const eq = /* @__PURE__ */ comparison("=");
/**
 * `path <> value`.
 * @example
 * ```ts
 * ne("status", "deleted")
 * ```
 */
export const ne = /* @__PURE__ */ comparison("<>");
/**
 * `path < value`.
 * @example
 * ```ts
 * lt("stock", 10)
 * ```
 */
export const lt = /* @__PURE__ */ comparison("<");
/**
 * `path <= value`.
 * @example
 * ```ts
 * lte("stock", 10)
 * ```
 */
export const lte = /* @__PURE__ */ comparison("<=");
/**
 * `path > value`.
 * @example
 * ```ts
 * gt("score", 100)
 * ```
 */
export const gt = /* @__PURE__ */ comparison(">");
/**
 * `path >= value`.
 * @example
 * ```ts
 * gte("score", 100)
 * ```
 */
export const gte = /* @__PURE__ */ comparison(">=");

/**
 * `path BETWEEN low AND high` (inclusive).
 * @example
 * ```ts
 * between("createdAt", "2026-01-01", "2026-12-31")
 * ```
 */
export function between(path: string, low: unknown, high: unknown): Condition {
  return condition((ctx) => `${ctx.name(path)} BETWEEN ${ctx.value(low)} AND ${ctx.value(high)}`);
}

/**
 * `begins_with(path, prefix)`.
 * @example
 * ```ts
 * beginsWith("SK", "ORDER#")
 * ```
 */
export function beginsWith(path: string, prefix: string): Condition {
  return condition((ctx) => `begins_with(${ctx.name(path)}, ${ctx.value(prefix)})`);
}

/**
 * `contains(path, value)`: a substring, or a member of a set or list.
 * @example
 * ```ts
 * contains("tags", "urgent")
 * ```
 */
export function contains(path: string, value: unknown): Condition {
  return condition((ctx) => `contains(${ctx.name(path)}, ${ctx.value(value)})`);
}

/**
 * `attribute_exists(path)`.
 * @example
 * ```ts
 * attributeExists("PK") // the item exists
 * ```
 */
export function attributeExists(path: string): Condition {
  return condition((ctx) => `attribute_exists(${ctx.name(path)})`);
}

/**
 * `attribute_not_exists(path)`.
 * @example
 * ```ts
 * attributeNotExists("PK") // create only, never overwrite
 * ```
 */
export function attributeNotExists(path: string): Condition {
  return condition((ctx) => `attribute_not_exists(${ctx.name(path)})`);
}

function join(operator: "AND" | "OR", conditions: Condition[]): Condition {
  if (conditions.length === 0) {
    throw new DynamoValidationError(`Invalid condition: ${operator} needs at least one condition`);
  }
  return condition((ctx) => conditions.map((c) => `(${c.render(ctx)})`).join(` ${operator} `));
}

/**
 * All of the conditions hold.
 * @example
 * ```ts
 * and(attributeExists("PK"), eq("version", 3))
 * ```
 */
export function and(...conditions: Condition[]): Condition {
  return join("AND", conditions);
}

/**
 * At least one of the conditions holds.
 * @example
 * ```ts
 * or(eq("status", "new"), eq("status", "paid"))
 * ```
 */
export function or(...conditions: Condition[]): Condition {
  return join("OR", conditions);
}

/**
 * The condition does not hold.
 * @example
 * ```ts
 * not(eq("status", "deleted"))
 * ```
 */
export function not(inner: Condition): Condition {
  return condition((ctx) => `NOT (${inner.render(ctx)})`);
}
