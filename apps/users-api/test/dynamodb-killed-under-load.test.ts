import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { createTables, type DynamoLocal, startDynamoLocal } from "@org/aws-testing/local";
import type { LocalRunner } from "@org/local-lambda-runner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBuiltUsersApi, userProfileEvent } from "./built-users-api";

// DynamoDB Local, data in a folder, SIGKILLed while simulated users read and write their
// profiles through the built users-api, then started again on the same port and folder.

const TABLE = "users";
const USERS = Array.from({ length: 8 }, (_, i) => `load-${i + 1}`);
const LOAD_BEFORE_MS = 1_000;
const OUTAGE_MS = 1_500;
const LOAD_AFTER_MS = 1_500;
const RETRY_AFTER_MS = 100;
// Eight cold starts and a first write each; far more than they take, but a bound.
const WARM_UP_LIMIT_MS = 30_000;
// The function's timeout. The app's own SDK settings bound every DynamoDB call far below it:
// nothing sets AWS_MAX_ATTEMPTS or configureAwsDefaults, so 3 attempts ("standard" retries),
// each at most 700 ms to connect and 700 ms for the answer (aws-core's built-in
// connectionTimeout / requestTimeout); and app-kit ends any AWS call at the invocation's
// deadline as a 504. A refused connection fails at once, so the outage answers come back in
// well under a second.
const FUNCTION_TIMEOUT_MS = 10_000;
const SAFE_503 = JSON.stringify({ message: "Service Unavailable" });
const SAFE_504 = JSON.stringify({ message: "Gateway Timeout" });
const DESIGNED = new Set([200, 201, 404, 409, 503, 504]);

type Phase = "warm-up" | "before" | "outage" | "after";

/** One answer, as a simulated user saw it. */
interface Answer {
  readonly user: string;
  readonly method: "GET" | "PUT";
  /** The status, or 0 when the invocation itself failed (handler crash, timeout). */
  readonly status: number;
  readonly body: string;
  /** The version in a 200/201 body. */
  readonly version: number | undefined;
  /** The phase when the answer arrived. */
  readonly phase: Phase;
  readonly at: number;
  readonly containerPid: number;
  readonly durationMs: number;
  readonly failure?: string;
}

let dir = "";
let dynamo: DynamoLocal | undefined;
let port = 0;
let runner: LocalRunner | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "users-api-dynamo-"));
  dynamo = await startDynamoLocal({ dbPath: dir });
  port = dynamo.port;
  await createTables(dynamo.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);
  runner = await startBuiltUsersApi(dynamo.endpoint, FUNCTION_TIMEOUT_MS);
}, 60_000);

afterAll(async () => {
  await runner?.stop();
  await dynamo?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
}, 60_000);

describe("users-api under load while DynamoDB Local (on disk) is SIGKILLed and restarted", () => {
  it("answers only designed statuses with safe bodies, recovers on the same warm containers, and loses no acknowledged write", async () => {
    const api = runner as LocalRunner;
    const answers: Answer[] = [];
    let phase: Phase = "warm-up";
    let running = true;

    async function call(user: string, method: "GET" | "PUT", body?: unknown): Promise<Answer> {
      const result = await api.invoke("users-api", userProfileEvent(user, method, body));
      const common = {
        user,
        method,
        phase,
        at: performance.now(),
        containerPid: result.report.containerPid,
        durationMs: result.report.durationMs,
      };
      let answer: Answer;
      if (!result.ok) {
        answer = {
          ...common,
          status: 0,
          body: "",
          version: undefined,
          failure: `${result.error.errorType}: ${result.error.errorMessage}`,
        };
      } else {
        const { statusCode, body: text } = result.payload as { statusCode: number; body: string };
        const ok = statusCode === 200 || statusCode === 201;
        answer = {
          ...common,
          status: statusCode,
          body: text,
          version: ok ? (JSON.parse(text) as { version: number }).version : undefined,
        };
      }
      answers.push(answer);
      return answer;
    }

    // One simulated user: reads their profile, writes it back based on the version read
    // (creates it if there is none), again and again.
    async function simulatedUser(user: string) {
      let n = 0;
      while (running) {
        const read = await call(user, "GET");
        if (read.status !== 200 && read.status !== 404) {
          // 503/504 (or a failure, reported below): try again a little later, as a client
          // would; it also leaves the CPU to DynamoDB Local's restart.
          await sleep(RETRY_AFTER_MS);
          continue;
        }
        n += 1;
        await call(user, "PUT", {
          email: `${user}@example.com`,
          name: `${user} #${n}`,
          ...(read.status === 200 ? { version: read.version } : {}),
        });
      }
    }

    const load = Promise.all(USERS.map(simulatedUser));
    // Whatever happens below, the simulated users stop before the test ends.
    const stopLoad = async () => {
      running = false;
      await load.catch(() => {});
    };
    let [loadBegan, killedAt, restartBegan, restartedAt] = [0, 0, 0, 0];
    let warmPids: number[] = [];
    try {
      // The clock starts once every user has had a write acknowledged: cold starts are over.
      const hasWritten = (u: string) =>
        answers.some((a) => a.user === u && a.method === "PUT" && a.version !== undefined);
      const warmUpDeadline = performance.now() + WARM_UP_LIMIT_MS;
      while (!USERS.every(hasWritten)) {
        if (performance.now() > warmUpDeadline) throw new Error("the users never all wrote once");
        await sleep(20);
      }
      phase = "before";
      loadBegan = performance.now();
      await sleep(LOAD_BEFORE_MS);
      warmPids = api.containerPids("users-api").sort((a, b) => a - b);
      killedAt = performance.now();
      phase = "outage";
      await (dynamo as DynamoLocal).kill();
      await sleep(OUTAGE_MS);
      restartBegan = performance.now();
      dynamo = await startDynamoLocal({ port, dbPath: dir });
      restartedAt = performance.now();
      phase = "after";
      await sleep(LOAD_AFTER_MS);
    } finally {
      await stopLoad();
    }
    const pidsAtEnd = api.containerPids("users-api").sort((a, b) => a - b);

    // What is stored now, read directly.
    const client = new DynamoDBClient({
      endpoint: dynamo.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    const stored = new Map<string, number | undefined>();
    for (const user of USERS) {
      const key = { S: `USER#${user}` };
      const { Item } = await client.send(
        new GetItemCommand({ TableName: TABLE, Key: { PK: key, SK: key }, ConsistentRead: true }),
      );
      stored.set(user, Item?.version?.N === undefined ? undefined : Number(Item.version.N));
    }
    client.destroy();

    // The data check, per user, in the order that user saw their answers. `acked` is the
    // highest version acknowledged (a PUT answered 200/201), `unacked` the writes since then
    // answered 503/504. Such a write may or may not have been applied: DynamoDB may have
    // written the item and died before answering, or died (or been unreachable) before
    // writing it; the caller cannot tell. So each one may explain one missing version, and
    // nothing else may. A read or the stored item behind `acked` is a lost acknowledged write.
    const dataProblems: string[] = [];
    let appliedUnacknowledged = 0;
    for (const user of USERS) {
      let acked = 0;
      let unacked = 0;
      const check = (ok: boolean, what: string) => {
        if (!ok)
          dataProblems.push(
            `${user}: ${what} (acknowledged v${acked}, ${unacked} unanswered writes since)`,
          );
      };
      for (const a of answers.filter((x) => x.user === user)) {
        if (a.method === "GET") {
          if (a.status === 404) check(acked === 0, "GET 404 after an acknowledged write");
          if (a.status === 200) {
            const v = a.version as number;
            check(v >= acked, `GET read v${v}, behind an acknowledged write`);
            check(v <= acked + unacked, `GET read v${v}, more than was written`);
          }
        } else if (a.status === 200 || a.status === 201) {
          const v = a.version as number;
          check(v > acked && v - acked - 1 <= unacked, `PUT acknowledged v${v}`);
          appliedUnacknowledged += Math.max(0, v - acked - 1);
          acked = v;
          unacked = 0;
        } else if (a.status === 503 || a.status === 504) {
          unacked += 1;
        }
      }
      const kept = stored.get(user) ?? 0;
      check(kept >= acked && kept <= acked + unacked, `stored v${kept} after the run`);
      appliedUnacknowledged += Math.max(0, kept - acked);
    }

    // The figures, for docs/reliability.md.
    const count = (status: number, inPhase?: Phase) =>
      answers.filter((a) => a.status === status && (!inPhase || a.phase === inPhase)).length;
    // Success: an answer DynamoDB took part in (200, 201, 404, 409), not an outage answer.
    const firstSuccessAfter = answers.find(
      (a) => a.phase === "after" && [200, 201, 404, 409].includes(a.status),
    );
    const firstWriteAfter = answers.find(
      (a) => a.phase === "after" && a.method === "PUT" && (a.status === 200 || a.status === 201),
    );
    const outageAnswers = answers.filter((a) => a.status === 503 || a.status === 504);
    const figures = {
      users: USERS.length,
      requests: answers.length,
      byPhase: Object.fromEntries(
        (["warm-up", "before", "outage", "after"] as const).map((p) => [
          p,
          answers.filter((a) => a.phase === p).length,
        ]),
      ),
      writes: answers.filter((a) => a.method === "PUT").length,
      acknowledgedWrites: answers.filter(
        (a) => a.method === "PUT" && (a.status === 200 || a.status === 201),
      ).length,
      unacknowledgedWrites: answers.filter(
        (a) => a.method === "PUT" && (a.status === 503 || a.status === 504),
      ).length,
      unacknowledgedWritesFoundApplied: appliedUnacknowledged,
      dataProblems: dataProblems.length,
      ok200: count(200),
      created201: count(201),
      notFound404: count(404),
      conflict409: count(409),
      unavailable503: count(503),
      unavailable503DuringOutage: count(503, "outage"),
      timeout504: count(504),
      loadBeforeKillMs: Math.round(killedAt - loadBegan),
      killToRestartBeganMs: Math.round(restartBegan - killedAt),
      restartTookMs: Math.round(restartedAt - restartBegan),
      restartToFirstSuccessMs: firstSuccessAfter
        ? Math.round(firstSuccessAfter.at - restartedAt)
        : undefined,
      restartToFirstAcknowledgedWriteMs: firstWriteAfter
        ? Math.round(firstWriteAfter.at - restartedAt)
        : undefined,
      slowest503or504Ms: Math.round(Math.max(0, ...outageAnswers.map((a) => a.durationMs))),
      containers: warmPids.length,
    };
    console.info("users-api, DynamoDB Local SIGKILLed under load:", JSON.stringify(figures));

    // No dropped invocation, no 500, nothing but the designed answers.
    expect(answers.filter((a) => a.failure).map((a) => a.failure)).toEqual([]);
    expect(answers.filter((a) => !DESIGNED.has(a.status)).map((a) => a.status)).toEqual([]);
    // 503/504 say only the safe words: nothing of the connection, host, table or service.
    for (const a of answers.filter((x) => x.status === 503 || x.status === 504)) {
      expect(a.body).toBe(a.status === 503 ? SAFE_503 : SAFE_504);
      expect(a.body).not.toMatch(/ECONN|127\.0\.0\.1|users|Dynamo/i);
    }
    // The outage was seen, and the service came back by itself.
    expect(count(201, "before") + count(200, "before")).toBeGreaterThan(0);
    expect(figures.unavailable503DuringOutage).toBeGreaterThan(0);
    expect(firstSuccessAfter).toBeDefined();
    expect(firstWriteAfter).toBeDefined();
    // Every outage answer came back well inside the function's timeout (the SDK's own
    // timeouts bound it), and no container was replaced: the same warm ones served throughout.
    expect(figures.slowest503or504Ms).toBeLessThan(FUNCTION_TIMEOUT_MS);
    expect(api.reports().filter((r) => r.status !== "success")).toEqual([]);
    expect(pidsAtEnd).toEqual(warmPids);
    expect(answers.filter((a) => a.at > killedAt && !warmPids.includes(a.containerPid))).toEqual(
      [],
    );

    expect(dataProblems).toEqual([]);
  }, 120_000);
});
