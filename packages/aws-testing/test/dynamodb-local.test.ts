import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import {
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  createTables,
  type DynamoLocal,
  LocalServiceError,
  startDynamoLocal,
} from "../src/local/index";

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// The java process the supervisor started, found by its port.
const javaPidOn = (port: number) =>
  execFileSync("pgrep", ["-f", `LocalDynamoLauncher 127.0.0.1 .*-port ${port}`], {
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .filter(Boolean)
    .map(Number);

describe("startDynamoLocal", () => {
  let dynamo: DynamoLocal;
  beforeAll(async () => {
    dynamo = await startDynamoLocal();
  });
  afterAll(() => dynamo?.stop());

  it("answers on 127.0.0.1, creates tables, and deletes them again", async () => {
    expect(dynamo.endpoint).toBe(`http://127.0.0.1:${dynamo.port}`);
    const deleteTables = await createTables(dynamo.endpoint, [
      { name: "table-1", partitionKey: "PK", sortKey: "SK" },
      { name: "table-2", partitionKey: "id" },
    ]);
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    try {
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual(
        expect.arrayContaining(["table-1", "table-2"]),
      );
      await deleteTables();
      await deleteTables(); // tables already gone are ignored
      const { TableNames } = await client.send(new ListTablesCommand({}));
      expect(TableNames).not.toContain("table-1");
      expect(TableNames).not.toContain("table-2");
    } finally {
      client.destroy();
    }
  });

  it("does not listen on other interfaces", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    if (!external) return; // no non-loopback interface on this machine: nothing to reach
    await expect(
      fetch(`http://${external}:${dynamo.port}/`, { signal: AbortSignal.timeout(2_000) }),
    ).rejects.toThrow();
  });

  it("stop() ends the server", async () => {
    const other = await startDynamoLocal();
    const [javaPid] = javaPidOn(other.port);
    expect(javaPid && isRunning(javaPid)).toBe(true);
    await other.stop();
    await vi.waitFor(() => expect(isRunning(javaPid as number)).toBe(false), { timeout: 10_000 });
  });
});

const clientFor = (endpoint: string) =>
  new DynamoDBClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
  });

describe("startDynamoLocal({ dbPath })", () => {
  let dir: string;
  let dynamo: DynamoLocal | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "dynamo-db-path-"));
  });
  afterAll(async () => {
    await dynamo?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps an acknowledged item through a SIGKILL of the server and a restart on the same port and folder", async () => {
    const first = await startDynamoLocal({ dbPath: dir });
    dynamo = first;
    await createTables(first.endpoint, [{ name: "kept", partitionKey: "PK" }]);
    const before = clientFor(first.endpoint);
    await before.send(
      new PutItemCommand({ TableName: "kept", Item: { PK: { S: "a" }, n: { N: "1" } } }),
    );
    before.destroy();

    const [javaPid] = javaPidOn(first.port);
    expect(javaPid && isRunning(javaPid)).toBe(true);
    await first.kill();
    // The Java server itself is gone (not only its supervisor), and its port is free.
    expect(isRunning(javaPid as number)).toBe(false);
    expect(isRunning(first.pid)).toBe(false);
    await expect(fetch(first.endpoint, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();

    dynamo = await startDynamoLocal({ port: first.port, dbPath: dir });
    const after = clientFor(dynamo.endpoint);
    const { Item } = await after.send(
      new GetItemCommand({ TableName: "kept", Key: { PK: { S: "a" } }, ConsistentRead: true }),
    );
    after.destroy();
    expect(Item).toEqual({ PK: { S: "a" }, n: { N: "1" } });
  });

  it("refuses a folder that does not exist, with a LocalServiceError", async () => {
    const missing = join(dir, "no-such-folder");
    const error = await startDynamoLocal({ dbPath: missing }).catch((e) => e);
    expect(error).toBeInstanceOf(LocalServiceError);
    expect(error.message).toContain(`dbPath ${missing} is not an existing folder`);
  });

  it("refuses a file as the folder", async () => {
    const file = join(dir, "a-file.txt");
    writeFileSync(file, "");
    const error = await startDynamoLocal({ dbPath: file }).catch((e) => e);
    expect(error).toBeInstanceOf(LocalServiceError);
    expect(error.message).toMatch(/is not an existing folder/);
  });
});

describe("when the test process dies", () => {
  it("DynamoDB Local stops too, even after SIGKILL", async () => {
    // A plain Node.js process using the built package, as users run it.
    const script = `
      const { startDynamoLocal } = await import("@org/aws-testing/local");
      const dynamo = await startDynamoLocal();
      console.log(dynamo.port);
      setInterval(() => {}, 1000);
    `;
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      cwd: join(import.meta.dirname, ".."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.once("data", (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
      child.once("exit", (code) => reject(new Error(`child exited early (${code})`)));
    });
    const [javaPid] = javaPidOn(port);
    expect(javaPid && isRunning(javaPid)).toBe(true);

    child.kill("SIGKILL");
    await vi.waitFor(() => expect(isRunning(javaPid as number)).toBe(false), { timeout: 15_000 });
  });
});

describe("without Java", () => {
  it("fails with a LocalServiceError that says how to install it", async () => {
    const emptyPath = mkdtempSync(join(tmpdir(), "no-java-"));
    vi.stubEnv("PATH", emptyPath);
    try {
      const error = await startDynamoLocal().catch((e) => e);
      expect(error).toBeInstanceOf(LocalServiceError);
      expect(error.message).toMatch(/openjdk-17-jre-headless/);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
