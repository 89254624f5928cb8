import { test } from "vitest";
import { BaseRepository, documentClient, getTable } from "../src/index";

// The repository's own cost per operation: the DocumentClient is a stub that answers at
// once, so what is measured is key building, mapping, conditions and table look-ups.
process.env.AWS_REGION ??= "eu-west-1";

interface User {
  id: string;
  email: string;
  name: string;
}

const stored = {
  PK: "USER#1",
  SK: "USER#1",
  id: "1",
  email: "ada@example.com",
  name: "Ada",
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  entityType: "USER",
};
const stub = {
  // inject() adds core's deadline middleware to the stack; the stub's stack takes and ignores it.
  middlewareStack: { add: () => {} },
  send: async (command: { constructor: { name: string } }) =>
    command.constructor.name === "GetCommand" ? { Item: stored } : {},
};
documentClient.inject(stub as never);

const users = new BaseRepository<User>({ table: () => "app", prefix: "USER", id: (u) => u.id });
const table = getTable("app");
const user = { id: "1", email: "ada@example.com", name: "Ada" };
const { PK, SK, entityType, ...entity } = stored;

test("repository operations against a stubbed client", async ({ bench }) => {
  await bench.compare(
    bench("table.get (the table layer alone)", async () => {
      await table.get({ PK, SK });
    }),
    bench("repository.get", async () => {
      await users.get({ id: "1" });
    }),
    bench("table.put (the table layer alone)", async () => {
      await table.put(stored);
    }),
    bench("repository.create (put if absent)", async () => {
      await users.create(user);
    }),
    bench("repository.save (versioned put)", async () => {
      await users.save(entity);
    }),
  );
});
