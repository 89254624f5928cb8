import { getClientCreations, resetAll } from "@org/aws-core";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  DynamoBatchIncompleteError,
  DynamoNotFoundError,
  DynamoValidationError,
} from "../../src/errors";
import {
  BaseRepository,
  type DocumentClientOption,
  DynamoConflictError,
  DynamoTransactionCancelledError,
  documentClient,
  transactWrite,
} from "../../src/index";
import { useLocalTable } from "./local-table";

const table = useLocalTable();
afterEach(() => resetAll());

const Order = z.object({
  userId: z.string(),
  orderId: z.string(),
  total: z.number().nonnegative(),
  status: z.enum(["new", "paid"]),
  expiresAt: z.coerce.date().optional(),
});
type Order = z.infer<typeof Order>;

// Fast retries: these tests force unprocessed items on purpose.
const batchRetry = { baseDelayMs: 1, maxDelayMs: 4, maxAttempts: 4 };

function orderRepository(client?: DocumentClientOption) {
  return new BaseRepository<Order>({
    ...(client ? { client } : {}),
    table: table.name,
    prefix: "USER",
    id: (o) => o.userId,
    sort: { prefix: "ORDER", value: (o) => o.orderId },
    schema: Order,
    ttl: { attribute: "ttl", expiresAt: (o) => o.expiresAt },
    batchRetry,
  });
}

interface Profile {
  userId: string;
  name: string;
}
function profileRepository() {
  return new BaseRepository<Profile>({ table: table.name, prefix: "USER", id: (p) => p.userId });
}

const order = (userId: string, orderId: string, total = 10): Order => ({
  userId,
  orderId,
  total,
  status: "new",
});

/**
 * Makes DynamoDB Local behave like a busy DynamoDB: the next `times` batch requests process
 * only their first entry and report the rest as unprocessed, exactly as DynamoDB does.
 */
function forceUnprocessed(times: number) {
  let left = times;
  const client = documentClient.client;
  const realSend = client.send.bind(client);
  type Batch = { input: { RequestItems?: Record<string, unknown[] | { Keys: unknown[] }> } };
  client.send = (async (command: Batch) => {
    const requests = command.input.RequestItems?.[table.name];
    if (left <= 0 || !requests) return realSend(command as never);
    left--;
    const entries = Array.isArray(requests) ? requests : requests.Keys;
    const [kept, ...dropped] = entries;
    command.input.RequestItems = {
      [table.name]: Array.isArray(requests) ? [kept] : { ...requests, Keys: [kept] },
    };
    const output = (await realSend(command as never)) as Record<string, unknown>;
    if (dropped.length && Array.isArray(requests))
      output.UnprocessedItems = { [table.name]: dropped };
    if (dropped.length && !Array.isArray(requests)) {
      output.UnprocessedKeys = { [table.name]: { Keys: dropped } };
    }
    return output;
  }) as typeof client.send;
  return {
    calls: () => times - left,
    remove: () => {
      client.send = realSend;
    },
  };
}

describe("BaseRepository on DynamoDB Local", () => {
  it("creates with metadata and TTL, and refuses to overwrite", async () => {
    const orders = orderRepository();
    const expiresAt = new Date("2030-01-01T00:00:00Z");
    const created = await orders.create({ ...order("u1", "o1"), expiresAt });
    expect(created).toMatchObject({ version: 1, createdAt: expect.any(String) });
    expect(created.createdAt).toBe(created.updatedAt);

    const raw = await orders.table.get({ PK: "USER#u1", SK: "ORDER#o1" });
    // The entity type defaults to the sort prefix: a user's orders are ORDER items.
    expect(raw).toMatchObject({ entityType: "ORDER", ttl: 1893456000, total: 10 });
    const profiles = profileRepository();
    await profiles.create({ userId: "u1", name: "Ada" });
    expect(await profiles.table.get({ PK: "USER#u1", SK: "USER#u1" })).toMatchObject({
      entityType: "USER",
    });
    const named = new BaseRepository<Profile>({
      table: table.name,
      prefix: "USER",
      id: (p) => `${p.userId}-named`,
      entityType: "Profile",
    });
    await named.create({ userId: "u1", name: "Ada" });
    expect(await named.table.get({ PK: "USER#u1-named", SK: "USER#u1-named" })).toMatchObject({
      entityType: "Profile",
    });

    const read = await orders.get({ id: "u1", sort: "o1" });
    expect(read).not.toHaveProperty("ttl");
    expect(read).not.toHaveProperty("PK");
    expect(read?.expiresAt).toEqual(expiresAt);

    const again = await orders.create({ ...order("u1", "o1"), total: 99 }).catch((e) => e);
    expect(again).toBeInstanceOf(DynamoConflictError);
    expect(again.message).toMatch(/already exists/);
    expect(again.key).toEqual({ PK: "USER#u1", SK: "ORDER#o1" });
    expect((await orders.get({ id: "u1", sort: "o1" }))?.total).toBe(10);
  });

  it("get returns undefined when absent; getOrThrow throws DynamoNotFoundError with the key", async () => {
    const orders = orderRepository();
    expect(await orders.get({ id: "nobody", sort: "x" })).toBeUndefined();
    const error = await orders.getOrThrow({ id: "nobody", sort: "x" }).catch((e) => e);
    expect(error).toBeInstanceOf(DynamoNotFoundError);
    expect(error).toMatchObject({ table: table.name, key: { PK: "USER#nobody", SK: "ORDER#x" } });
  });

  it("two concurrent updaters of one item: exactly one wins, the other gets DynamoConflictError", async () => {
    const orders = orderRepository();
    await orders.create(order("race", "o1"));
    const seenByA = await orders.getOrThrow({ id: "race", sort: "o1" });
    const seenByB = await orders.getOrThrow({ id: "race", sort: "o1" });

    const results = await Promise.allSettled([
      orders.save({ ...seenByA, total: 111 }),
      orders.save({ ...seenByB, total: 222 }),
    ]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(DynamoConflictError);

    const final = await orders.getOrThrow({ id: "race", sort: "o1" }, { consistentRead: true });
    expect(final.version).toBe(2);
    expect(final.total).toBe((won[0] as PromiseFulfilledResult<Order>).value.total);
  });

  it("update applies changes with a version check, and fails fast on a stale expectedVersion", async () => {
    const orders = orderRepository();
    await orders.create(order("upd", "o1"));
    const paid = await orders.update(
      { id: "upd", sort: "o1" },
      { status: "paid" },
      { expectedVersion: 1 },
    );
    expect(paid).toMatchObject({ status: "paid", version: 2, total: 10 });
    await expect(
      orders.update({ id: "upd", sort: "o1" }, { total: 1 }, { expectedVersion: 1 }),
    ).rejects.toBeInstanceOf(DynamoConflictError);
    await expect(orders.update({ id: "upd", sort: "o1" }, { total: -5 })).rejects.toBeInstanceOf(
      DynamoValidationError,
    );
    expect((await orders.getOrThrow({ id: "upd", sort: "o1" })).total).toBe(10);
  });

  it("delete reports whether there was an item, and honours expectedVersion", async () => {
    const orders = orderRepository();
    await orders.create(order("del", "o1"));
    await expect(
      orders.delete({ id: "del", sort: "o1" }, { expectedVersion: 5 }),
    ).rejects.toBeInstanceOf(DynamoConflictError);
    expect(await orders.delete({ id: "del", sort: "o1" }, { expectedVersion: 1 })).toBe(true);
    expect(await orders.delete({ id: "del", sort: "o1" })).toBe(false);
  });

  it("lists one entity type of a partition, page by page", async () => {
    const orders = orderRepository();
    const profiles = profileRepository();
    await profiles.create({ userId: "lister", name: "Lin" }); // same partition, other entity
    for (let i = 0; i < 5; i++) await orders.create(order("lister", `o${i}`, i));

    const first = await orders.list("lister", { limit: 2 });
    expect(first.items.map((o) => o.orderId)).toEqual(["o0", "o1"]);
    const second = await orders.list("lister", { limit: 2, cursor: first.cursor });
    expect(second.items.map((o) => o.orderId)).toEqual(["o2", "o3"]);

    const all = [];
    for await (const o of orders.listAll("lister")) all.push(o.orderId);
    expect(all).toEqual(["o0", "o1", "o2", "o3", "o4"]);
    expect((await profiles.list("lister")).items).toEqual([
      expect.objectContaining({ name: "Lin" }),
    ]);
  });

  it("refuses invalid models on write and corrupt items on read", async () => {
    const orders = orderRepository();
    const error = await orders.create({ ...order("val", "o1"), total: -1 }).catch((e) => e);
    expect(error).toBeInstanceOf(DynamoValidationError);
    expect(error.issues).toEqual([expect.stringMatching(/^total:/)]);
    expect(await orders.table.get({ PK: "USER#val", SK: "ORDER#o1" })).toBeUndefined();

    await orders.table.put({
      PK: "USER#val",
      SK: "ORDER#o2",
      userId: "val",
      orderId: "o2",
      total: "lots",
    });
    await expect(orders.get({ id: "val", sort: "o2" })).rejects.toThrow(
      /Stored item does not match/,
    );
  });

  it("batch-writes 1,000 items in chunks of 25 and reads them all back in chunks of 100", async () => {
    const orders = orderRepository();
    const many = Array.from({ length: 1000 }, (_, i) =>
      order("batch", `o${String(i).padStart(4, "0")}`, i),
    );
    const written = await orders.batchPut(many);
    expect(written).toHaveLength(1000);

    const read = await orders.batchGet(many.map((o) => ({ id: o.userId, sort: o.orderId })));
    expect(read).toHaveLength(1000);
    expect(new Set(read.map((o) => o.total)).size).toBe(1000);

    let listed = 0;
    for await (const _ of orders.listAll("batch")) listed++;
    expect(listed).toBe(1000);
  });

  it("retries unprocessed items until all are written and read", async () => {
    const orders = orderRepository();
    const some = Array.from({ length: 5 }, (_, i) => order("unprocessed", `o${i}`, i));
    const forced = forceUnprocessed(3);
    try {
      await orders.batchPut(some);
      expect(forced.calls()).toBe(3);
    } finally {
      forced.remove();
    }
    const forcedReads = forceUnprocessed(2);
    try {
      const read = await orders.batchGet(some.map((o) => ({ id: o.userId, sort: o.orderId })));
      expect(read.map((o) => o.orderId).sort()).toEqual(["o0", "o1", "o2", "o3", "o4"]);
    } finally {
      forcedReads.remove();
    }
  });

  it("gives up after the attempts and names what was not written", async () => {
    const orders = orderRepository();
    const some = Array.from({ length: 6 }, (_, i) => order("gives-up", `o${i}`, i));
    const forced = forceUnprocessed(Number.POSITIVE_INFINITY);
    let error: unknown;
    try {
      error = await orders.batchPut(some).catch((e) => e);
    } finally {
      forced.remove();
    }
    expect(error).toBeInstanceOf(DynamoBatchIncompleteError);
    const incomplete = error as DynamoBatchIncompleteError;
    expect(incomplete.attempts).toBe(batchRetry.maxAttempts);
    // One entry goes through per attempt; the rest are named, none silently dropped.
    const written = (await orders.list("gives-up")).items.map((o) => o.orderId);
    expect(written).toHaveLength(batchRetry.maxAttempts);
    const unwritten = incomplete.unprocessedKeys.map((k) => String(k.SK).replace("ORDER#", ""));
    expect([...written, ...unwritten].sort()).toEqual(some.map((o) => o.orderId));
  });

  it("transactions write all or nothing, with typed reasons", async () => {
    const orders = orderRepository();
    const profiles = profileRepository();
    await transactWrite([
      await profiles.createOp({ userId: "tx", name: "Tex" }),
      await orders.createOp(order("tx", "o1")),
    ]);
    expect(await profiles.get({ id: "tx" })).toBeDefined();

    const error = await transactWrite([
      await orders.createOp(order("tx", "o2")),
      await orders.createOp(order("tx", "o1")), // exists: cancels the whole transaction
    ]).catch((e) => e);
    expect(error).toBeInstanceOf(DynamoTransactionCancelledError);
    const { reasons } = error as DynamoTransactionCancelledError;
    expect(reasons[0]).toBeUndefined();
    expect(reasons[1]).toBeInstanceOf(DynamoConflictError);
    expect(reasons[1]?.key).toEqual({ PK: "USER#tx", SK: "ORDER#o1" });
    expect(await orders.get({ id: "tx", sort: "o2" })).toBeUndefined();

    const current = await orders.getOrThrow({ id: "tx", sort: "o1" });
    await transactWrite([
      await orders.saveOp({ ...current, status: "paid" }),
      profiles.deleteOp({ id: "tx" }),
    ]);
    expect((await orders.getOrThrow({ id: "tx", sort: "o1" })).status).toBe("paid");
    await expect(transactWrite([await orders.saveOp(current)])).rejects.toBeInstanceOf(
      DynamoTransactionCancelledError,
    );
  });

  it("refuses empty and oversized transactions", async () => {
    await expect(transactWrite([])).rejects.toBeInstanceOf(DynamoValidationError);
    const orders = orderRepository();
    const ops = Array.from({ length: 101 }, (_, i) =>
      orders.deleteOp({ id: "x", sort: String(i) }),
    );
    await expect(transactWrite(ops)).rejects.toThrow(/1 to 100 actions/);
  });
});

describe("BaseRepository with a client, on DynamoDB Local", () => {
  it("writes on documentClient.for(key), read back by the default client (one region and account)", async () => {
    const tenant = documentClient.for({ key: "tenant-a" });
    const tenantOrders = orderRepository(tenant);
    await tenantOrders.create(order("client-u1", "o1"));
    await transactWrite([await tenantOrders.createOp(order("client-u1", "o2"))]);
    expect(getClientCreations().map((c) => c.key)).toContain("key=tenant-a");
    expect(documentClient.peek()).toBeUndefined();

    const mine = await orderRepository().list("client-u1");
    expect(mine.items.map((o) => o.orderId)).toEqual(["o1", "o2"]);
    const error = await transactWrite([
      tenantOrders.deleteOp({ id: "client-u1", sort: "o1" }),
      orderRepository().deleteOp({ id: "client-u1", sort: "o2" }),
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "internal" });
    expect(await tenantOrders.get({ id: "client-u1", sort: "o1" })).toBeDefined();
  });
});
