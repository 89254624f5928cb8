import { resetAll } from "@org/aws-core";
import { afterEach, describe, expect, it } from "vitest";
import { UserRepository } from "../../examples/user-repository";
import { DynamoNotFoundError, DynamoValidationError } from "../../src/errors";
import { DynamoConflictError } from "../../src/index";
import { useLocalTable } from "./local-table";

const table = useLocalTable();
afterEach(() => resetAll());

describe("the UserRepository example", () => {
  it("creates, reads, renames and deletes a user", async () => {
    const users = new UserRepository(table.name);
    const created = await users.create({ id: "u1", email: "ada@example.com", name: "Ada" });
    expect(created).toMatchObject({ id: "u1", version: 1 });

    expect(await users.getUser("u1")).toEqual(created);
    expect(await users.getUser("nobody")).toBeUndefined();

    const renamed = await users.rename("u1", "Ada Lovelace");
    expect(renamed).toMatchObject({
      name: "Ada Lovelace",
      version: 2,
      createdAt: created.createdAt,
    });
    expect((await users.table.get(users.key({ id: "u1" })))?.PK).toBe("USER#u1");

    expect(await users.delete({ id: "u1" })).toBe(true);
    await expect(users.rename("u1", "Ghost")).rejects.toBeInstanceOf(DynamoNotFoundError);
  });

  it("reads the table name from TABLE_NAME when first used", async () => {
    process.env.TABLE_NAME = table.name;
    try {
      const users = new UserRepository();
      await users.create({ id: "u2", email: "grace@example.com", name: "Grace" });
      expect((await users.getUser("u2"))?.name).toBe("Grace");
    } finally {
      delete process.env.TABLE_NAME;
    }
  });

  it("refuses invalid users and duplicate ids", async () => {
    const users = new UserRepository(table.name);
    const invalid = await users
      .create({ id: "u3", email: "not-an-email", name: "" })
      .catch((e) => e);
    expect(invalid).toBeInstanceOf(DynamoValidationError);
    expect(invalid.issues.join()).toMatch(/email/);
    expect(await users.getUser("u3")).toBeUndefined();

    await users.create({ id: "u4", email: "a@example.com", name: "A" });
    await expect(
      users.create({ id: "u4", email: "b@example.com", name: "B" }),
    ).rejects.toBeInstanceOf(DynamoConflictError);
    expect((await users.getUser("u4"))?.email).toBe("a@example.com");
  });
});
