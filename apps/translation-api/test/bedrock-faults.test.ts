import {
  createTables,
  type DynamoLocal,
  type LocalBedrock,
  startDynamoLocal,
  startLocalBedrock,
} from "@org/aws-testing/local";
import type { LocalRunner, Report } from "@org/local-lambda-runner";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_MODEL_ID } from "../src/translation-service";
import { FUNCTION, startBuiltTranslationApi, translationsEvent } from "./built-translation-api";

// The built translation-api in the local runner, against the local Bedrock Runtime and
// DynamoDB Local: what a caller sees when Bedrock fails, how many calls Bedrock gets, and
// that the same warm container serves the next request once Bedrock is well again.

const TABLE = "translation-history";
const TIMEOUT_MS = 10_000;
/** Lambda's default timeout, for the slow model: the deadline is 500 ms before it. */
const SHORT_TIMEOUT_MS = 3_000;
/**
 * translation-api sets no `maxAttempts`, so a Bedrock call makes the attempts of the
 * `bedrock` client's defaults in @org/aws-bedrock: 2.
 */
const BEDROCK_MAX_ATTEMPTS = 2;
/** What must never reach a caller: the model, the table, AWS's exception text, hosts, stacks. */
const INTERNALS =
  /anthropic|claude|haiku|translation-history|Exception|scripted|Local model|127\.0\.0\.1|localhost|\bat \S+:\d+|\.m?js\b|stack/i;

const TEXT = "hello world";
const LATER_TEXT = "good morning";

let dynamo: DynamoLocal | undefined;
let bedrock: LocalBedrock | undefined;
let runner: LocalRunner | undefined;
let shortRunner: LocalRunner | undefined;

beforeAll(async () => {
  [dynamo, bedrock] = await Promise.all([startDynamoLocal(), startLocalBedrock()]);
  await createTables(dynamo.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);
  const standIns = { bedrockUrl: bedrock.endpoint, dynamoUrl: dynamo.endpoint, table: TABLE };
  [runner, shortRunner] = await Promise.all([
    startBuiltTranslationApi(standIns, TIMEOUT_MS),
    startBuiltTranslationApi(standIns, SHORT_TIMEOUT_MS),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([runner?.stop(), shortRunner?.stop()]);
  await Promise.all([bedrock?.stop(), dynamo?.stop()]);
}, 60_000);
beforeEach(() => {
  localBedrock().model.reset();
  localBedrock().requests.length = 0;
});

function localBedrock(): LocalBedrock {
  if (!bedrock) throw new Error("the local Bedrock did not start");
  return bedrock;
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
  report: Report;
}

async function call(
  target: LocalRunner | undefined,
  method: "GET" | "POST",
  userId: string,
  body?: unknown,
): Promise<Answer> {
  if (!target) throw new Error("the local runner did not start");
  const result = await target.invoke(FUNCTION, translationsEvent(method, userId, body));
  if (!result.ok) throw new Error(`${result.error.errorType}: ${result.error.errorMessage}`);
  const payload = result.payload as {
    statusCode: number;
    body: string;
    headers: Record<string, string>;
  };
  return {
    status: payload.statusCode,
    body: payload.body,
    headers: payload.headers,
    report: result.report,
  };
}

const translate = (target: LocalRunner | undefined, userId: string, text = TEXT) =>
  call(target, "POST", userId, { text, direction: "en-es" });

async function storedTexts(target: LocalRunner | undefined, userId: string) {
  const list = await call(target, "GET", userId);
  expect(list.status).toBe(200);
  return (JSON.parse(list.body) as { items: { text: string }[] }).items.map((item) => item.text);
}

/** The failure's answer: exactly `{ message }`, as JSON, and nothing internal. */
function expectSafeAnswer(answer: Answer, status: number, message: string) {
  expect(answer.status).toBe(status);
  expect(answer.body).toBe(JSON.stringify({ message }));
  expect(answer.headers["content-type"]).toBe("application/json");
  expect(answer.body).not.toMatch(INTERNALS);
}

/**
 * Bedrock is well again: the container that answered `failed` translates the next request
 * warm, and the user's history holds that translation only, not the failed one.
 */
async function expectRecovery(target: LocalRunner | undefined, userId: string, failed: Answer) {
  localBedrock().model.reset();
  const next = await translate(target, userId, LATER_TEXT);
  expect(next.status).toBe(201);
  expect(JSON.parse(next.body)).toMatchObject({
    text: LATER_TEXT,
    translation: `You said: ${LATER_TEXT}`,
    direction: "en-es",
  });
  expect(next.report.containerPid).toBe(failed.report.containerPid);
  expect(next.report.coldStart).toBe(false);
  expect(next.report.initDurationMs).toBeUndefined();
  expect(await storedTexts(target, userId)).toEqual([LATER_TEXT]);
}

describe("translation-api when Bedrock keeps failing", () => {
  it.each([
    ["throttling that never ends", "ThrottlingException", 429, "Too Many Requests"],
    [
      "InternalServerException that never ends",
      "InternalServerException",
      503,
      "Service Unavailable",
    ],
    [
      "ServiceUnavailableException that never ends",
      "ServiceUnavailableException",
      503,
      "Service Unavailable",
    ],
  ] as const)(
    "%s (%s): answers %i with a safe message after the client's attempts, stores nothing, recovers warm",
    async (_, exception, status, message) => {
      const user = `u-${exception}`;
      localBedrock().model.failNext(exception, Number.POSITIVE_INFINITY);

      const failed = await translate(runner, user);
      expectSafeAnswer(failed, status, message);
      expect(localBedrock().requests).toHaveLength(BEDROCK_MAX_ATTEMPTS);
      expect(localBedrock().requests.every((r) => r.modelId === DEFAULT_MODEL_ID)).toBe(true);
      expect(failed.report.durationMs).toBeLessThan(TIMEOUT_MS);
      expect(await storedTexts(runner, user)).toEqual([]);

      await expectRecovery(runner, user, failed);
    },
    30_000,
  );
});

describe("translation-api when Bedrock fails once", () => {
  it.each(["InternalServerException", "ServiceUnavailableException"] as const)(
    "%s once: the SDK's retry succeeds, 201 after exactly 2 Bedrock requests",
    async (exception) => {
      const user = `u-once-${exception}`;
      localBedrock().model.failNext(exception, 1);

      const answer = await translate(runner, user);
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.body)).toMatchObject({
        text: TEXT,
        translation: `You said: ${TEXT}`,
      });
      expect(localBedrock().requests).toHaveLength(2);
      expect(answer.report.durationMs).toBeLessThan(TIMEOUT_MS);
      expect(await storedTexts(runner, user)).toEqual([TEXT]);
    },
    30_000,
  );
});

describe("translation-api when the model is slower than the function's timeout", () => {
  it("answers 504 at the invocation's deadline, before the timeout, and stays warm", async () => {
    const user = "u-slow";
    // Far beyond the 3 s timeout minus app-kit's 500 ms deadline margin.
    localBedrock().model.latencyMs = 2 * SHORT_TIMEOUT_MS;

    const failed = await translate(shortRunner, user);
    expectSafeAnswer(failed, 504, "Gateway Timeout");
    // One attempt, stopped at the deadline: an aborted call is not retried.
    expect(localBedrock().requests).toHaveLength(1);
    // The deadline (remaining time - 500 ms) ended it, not the runner's timeout.
    expect(failed.report.durationMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 1_000);
    expect(failed.report.durationMs).toBeLessThan(SHORT_TIMEOUT_MS);
    expect(await storedTexts(shortRunner, user)).toEqual([]);

    await expectRecovery(shortRunner, user, failed);
  }, 30_000);
});
