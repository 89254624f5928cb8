import { resetAll } from "@org/aws-core";
import { afterEach, describe, expect, it } from "vitest";
import {
  DynamoInvalidCursorError,
  DynamoItemTooLargeError,
  DynamoValidationError,
} from "../../src/errors";
import { conditions, DynamoConflictError, getTable } from "../../src/index";
import { useLocalTable } from "./local-table";

const table = useLocalTable({
  partitionKey: "PK",
  sortKey: "SK",
  indexes: { byStatus: { partitionKey: "status", sortKey: "SK" } },
});
const schema = {
  partitionKey: "PK",
  sortKey: "SK",
  indexes: { byStatus: { partitionKey: "status", sortKey: "SK" } },
};
const orders = () => getTable(table.name, schema);
const { attributeExists, attributeNotExists, eq, gt } = conditions;

afterEach(() => resetAll());

describe("table handle on DynamoDB Local", () => {
  it("is cached by name", () => {
    expect(getTable(table.name, schema)).toBe(getTable(table.name, schema));
  });

  it("round-trips items: numbers stay numbers, undefined is dropped, Sets and binary survive", async () => {
    const item = {
      PK: "RT#1",
      SK: "A",
      count: 42,
      price: 19.99,
      nothing: undefined,
      tags: new Set(["a", "b"]),
      scores: new Set([1, 2]),
      blob: new Uint8Array([0, 1, 2, 255]),
      nested: { list: [1, "two", { three: true }], empty: null },
    };
    await orders().put(item);
    const read = await orders().get({ PK: "RT#1", SK: "A" }, { consistentRead: true });
    const { nothing: _dropped, ...expected } = item;
    expect(read).toEqual(expected);
    expect(read).not.toHaveProperty("nothing");
    expect(typeof read?.count).toBe("number");
    expect(read?.tags).toBeInstanceOf(Set);
    expect(read?.blob).toBeInstanceOf(Uint8Array);
  });

  it("returns undefined for a missing item", async () => {
    expect(await orders().get({ PK: "nope", SK: "nope" })).toBeUndefined();
  });

  it("updates from a partial object, with remove, add and a condition", async () => {
    await orders().put({ PK: "U#1", SK: "A", status: "new", note: "x", views: 1 });
    const updated = await orders().update(
      { PK: "U#1", SK: "A" },
      { status: "paid", "odd name": "ok", skipped: undefined },
      { remove: ["note"], add: { views: 2 }, condition: eq("status", "new") },
    );
    expect(updated).toEqual({ PK: "U#1", SK: "A", status: "paid", "odd name": "ok", views: 3 });

    await expect(
      orders().update(
        { PK: "U#1", SK: "A" },
        { status: "shipped" },
        { condition: eq("status", "new") },
      ),
    ).rejects.toBeInstanceOf(DynamoConflictError);
    expect((await orders().get({ PK: "U#1", SK: "A" }))?.status).toBe("paid");
  });

  it("refuses to update key attributes or nothing", async () => {
    await expect(orders().update({ PK: "U#1", SK: "A" }, { PK: "other" })).rejects.toThrow(
      /Key attributes cannot be updated: PK/,
    );
    await expect(orders().update({ PK: "U#1", SK: "A" }, {})).rejects.toThrow(/Nothing to update/);
  });

  it("conditional put: create-only refuses to overwrite", async () => {
    const item = { PK: "C#1", SK: "A", v: 1 };
    await orders().put(item, { condition: attributeNotExists("PK") });
    const error = await orders()
      .put({ ...item, v: 2 }, { condition: attributeNotExists("PK") })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DynamoConflictError);
    expect(error).toMatchObject({ table: table.name, key: { PK: "C#1", SK: "A" } });
    expect((await orders().get({ PK: "C#1", SK: "A" }))?.v).toBe(1);
  });

  it("deletes, returning the old item, and honours conditions", async () => {
    await orders().put({ PK: "D#1", SK: "A", keep: true });
    await expect(
      orders().delete({ PK: "D#1", SK: "A" }, { condition: eq("keep", false) }),
    ).rejects.toBeInstanceOf(DynamoConflictError);
    expect(
      await orders().delete({ PK: "D#1", SK: "A" }, { condition: attributeExists("PK") }),
    ).toEqual({ PK: "D#1", SK: "A", keep: true });
    expect(await orders().delete({ PK: "D#1", SK: "A" })).toBeUndefined();
  });

  describe("query", () => {
    const days = ["2026-01-01", "2026-01-15", "2026-02-01", "2026-02-20", "2026-03-05"];
    it("narrows on the sort key with eq, begins_with and between, in either order", async () => {
      for (const [i, day] of days.entries()) {
        await orders().put({
          PK: "Q#1",
          SK: `ORDER#${day}`,
          status: i % 2 ? "q-paid" : "q-new",
          n: i,
        });
      }
      const sks = (items: { SK?: unknown }[]) => items.map((i) => i.SK);

      const eqPage = await orders().query({ partition: "Q#1", sort: { eq: "ORDER#2026-02-01" } });
      expect(sks(eqPage.items)).toEqual(["ORDER#2026-02-01"]);

      const feb = await orders().query({ partition: "Q#1", sort: { beginsWith: "ORDER#2026-02" } });
      expect(sks(feb.items)).toEqual(["ORDER#2026-02-01", "ORDER#2026-02-20"]);

      const between = await orders().query({
        partition: "Q#1",
        sort: { between: ["ORDER#2026-01-10", "ORDER#2026-02-10"] },
        order: "desc",
        consistentRead: true,
      });
      expect(sks(between.items)).toEqual(["ORDER#2026-02-01", "ORDER#2026-01-15"]);

      const filtered = await orders().query({ partition: "Q#1", filter: gt("n", 2) });
      expect(sks(filtered.items)).toEqual(["ORDER#2026-02-20", "ORDER#2026-03-05"]);
    });

    it("pages with limit and cursor, and iterates every page", async () => {
      const first = await orders().query({ partition: "Q#1", limit: 2 });
      expect(first.items).toHaveLength(2);
      expect(first.cursor).toEqual(expect.any(String));
      const second = await orders().query({ partition: "Q#1", limit: 2, cursor: first.cursor });
      expect(second.items[0]?.SK).toBe("ORDER#2026-02-01");

      const all = [];
      for await (const item of orders().queryAll({ partition: "Q#1", limit: 2 })) all.push(item.SK);
      expect(all).toEqual(days.map((d) => `ORDER#${d}`));
    });

    it("queries an index, and pages over it", async () => {
      const paid = await orders().query({ index: "byStatus", partition: "q-paid", limit: 1 });
      expect(paid.items).toHaveLength(1);
      const rest = await orders().query({
        index: "byStatus",
        partition: "q-paid",
        cursor: paid.cursor,
      });
      expect([...paid.items, ...rest.items].map((i) => i.n)).toEqual([1, 3]);
    });

    it("refuses an unknown index with a clear error", async () => {
      await expect(orders().query({ index: "nope", partition: "x" })).rejects.toThrow(
        /Unknown index "nope"/,
      );
    });

    it("refuses tampered cursors and cursors of another partition", async () => {
      const { cursor } = await orders().query({ partition: "Q#1", limit: 1 });
      const bad = [
        "garbage",
        "v1.!!!",
        `${cursor}x`,
        `v1.${Buffer.from("[1,2]").toString("base64url")}`,
        `v1.${Buffer.from('{"PK":"Q#1"}').toString("base64url")}`,
        `v1.${Buffer.from('{"PK":"Q#1","SK":{"$x":1}}').toString("base64url")}`,
      ];
      for (const c of bad) {
        await expect(orders().query({ partition: "Q#1", cursor: c }), c).rejects.toBeInstanceOf(
          DynamoInvalidCursorError,
        );
      }
      await expect(orders().query({ partition: "OTHER", cursor })).rejects.toThrow(
        /another partition/,
      );
      await expect(
        orders().query({ index: "byStatus", partition: "q-paid", cursor }),
      ).rejects.toThrow(DynamoInvalidCursorError);
    });
  });

  it("paginates over more than 1 MB, by query and by scan", async () => {
    const big = "x".repeat(10_000);
    const count = 130; // ~1.3 MB in one partition
    for (let i = 0; i < count; i++) {
      await orders().put({ PK: "BIG#1", SK: `ITEM#${String(i).padStart(4, "0")}`, big });
    }
    const first = await orders().query({ partition: "BIG#1" });
    expect(first.cursor).toBeDefined();
    expect(first.items.length).toBeLessThan(count);

    let seen = 0;
    for await (const _ of orders().queryAll({ partition: "BIG#1" })) seen++;
    expect(seen).toBe(count);

    let scanned = 0;
    for await (const item of orders().scanAll({ filter: eq("PK", "BIG#1") })) {
      expect(item.big).toHaveLength(10_000);
      scanned++;
    }
    expect(scanned).toBe(count);
  });

  it("batches: writes and reads any number of items, 25 and 100 a request", async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ PK: "BATCH", SK: `#${i}`, n: i }));
    await orders().batchPut(many);
    const read = await orders().batchGet([
      ...many.map(({ PK, SK }) => ({ PK, SK })),
      { PK: "BATCH", SK: "#absent" },
      { PK: "BATCH", SK: "#0" },
    ]);
    expect(read.map((item) => item.n).sort((a, b) => Number(a) - Number(b))).toEqual(
      many.map(({ n }) => n),
    );
  });

  it("batches: refuses one key twice, or a bad key, and writes nothing", async () => {
    const twice = [
      { PK: "DUP", SK: "#1", n: 1 },
      { PK: "DUP", SK: "#1", n: 2 },
    ];
    await expect(orders().batchPut(twice)).rejects.toBeInstanceOf(DynamoValidationError);
    await expect(orders().batchPut([{ PK: "DUP", n: 3 } as never])).rejects.toBeInstanceOf(
      DynamoValidationError,
    );
    await expect(orders().batchGet([{ PK: "DUP" }])).rejects.toBeInstanceOf(DynamoValidationError);
    expect(await orders().get({ PK: "DUP", SK: "#1" })).toBeUndefined();
  });

  it("refuses bad key types before DynamoDB sees them", async () => {
    const bad = [
      { PK: 1n, SK: "A" },
      { PK: "", SK: "A" },
      { PK: { nested: 1 }, SK: "A" },
      { PK: "ok" },
      { PK: "ok", SK: "A", extra: 1 },
      { PK: Number.NaN, SK: "A" },
    ];
    for (const key of bad) {
      const error = await orders()
        .get(key)
        .catch((e) => e);
      expect(
        error,
        JSON.stringify(key, (_, v) => (typeof v === "bigint" ? `${v}n` : v)),
      ).toBeInstanceOf(DynamoValidationError);
    }
    await expect(orders().put({ PK: null, SK: "x" } as never)).rejects.toBeInstanceOf(
      DynamoValidationError,
    );
  });

  it("maps DynamoDB's own type mismatch to DynamoValidationError", async () => {
    // The table says PK is a string; a number key passes our shape check and DynamoDB refuses it.
    await expect(orders().get({ PK: 7, SK: "A" })).rejects.toBeInstanceOf(DynamoValidationError);
  });

  it("refuses an item over 400 KB with DynamoItemTooLargeError and writes nothing", async () => {
    const error = await orders()
      .put({ PK: "HUGE#1", SK: "A", data: "x".repeat(410 * 1024) })
      .catch((e) => e);
    expect(error).toBeInstanceOf(DynamoItemTooLargeError);
    expect(error.message).toMatch(/400 KB/);
    expect(await orders().get({ PK: "HUGE#1", SK: "A" })).toBeUndefined();
  });
});
