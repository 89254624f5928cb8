import { documentClient } from "@org/aws-dynamo";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { useTable } from "./local";

const tableName = useTable();
let recipe: typeof import("../recipes/electrodb");

beforeAll(async () => {
  vi.stubEnv("TABLE_NAME", tableName.name);
  recipe = await import("../recipes/electrodb");
});

describe("recipe: ElectroDB on lazyDocumentClient", () => {
  it("creates no client when the entity is declared", () => {
    expect(recipe.Order.schema.model.entity).toBe("order");
    expect(documentClient.peek()).toBeUndefined();
  });

  it("puts, gets and queries through the container's DocumentClient", async () => {
    const order = { customerId: "c-1", orderId: "o-1", total: 42 };
    await recipe.Order.put(order).go();
    await recipe.Order.put({ ...order, orderId: "o-2", total: 7 }).go();

    await expect(recipe.Order.get({ customerId: "c-1", orderId: "o-1" }).go()).resolves.toEqual({
      data: order,
    });
    const { data } = await recipe.Order.query.byId({ customerId: "c-1" }).go();
    expect(data.map((o) => o.orderId)).toEqual(["o-1", "o-2"]);
    expect(documentClient.peek()).toBeDefined();
  });
});
