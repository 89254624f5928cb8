import { describe, expect, it } from "vitest";
import { isServerFault, isServiceUnreachable } from "../src/internal";

const withCode = (code: string) => Object.assign(new Error(code), { code });
const named = (name: string) => Object.assign(new Error(name), { name });

describe("isServiceUnreachable", () => {
  it.each([
    withCode("ECONNREFUSED"),
    withCode("ECONNRESET"),
    withCode("ENOTFOUND"),
    withCode("ERR_HTTP2_STREAM_CANCEL"),
    named("TimeoutError"),
  ])("is true when the service could not be reached: %s", (error) => {
    expect(isServiceUnreachable(error)).toBe(true);
  });

  it.each([
    named("ThrottlingException"),
    named("ValidationException"),
    withCode("ERR_INVALID_ARG_TYPE"),
    new Error("boom"),
    undefined,
    null,
    "ECONNREFUSED",
  ])("is false for an answer or anything else: %s", (error) => {
    expect(isServiceUnreachable(error)).toBe(false);
  });
});

describe("isServerFault", () => {
  const sdkError = (fields: object) => Object.assign(new Error("x"), fields);

  it.each([
    sdkError({ $fault: "server" }),
    sdkError({ $metadata: { httpStatusCode: 500 } }),
    sdkError({ $metadata: { httpStatusCode: 503 } }),
  ])("is true for a server fault or a 5xx", (error) => {
    expect(isServerFault(error)).toBe(true);
  });

  it.each([
    sdkError({ $fault: "client", $metadata: { httpStatusCode: 400 } }),
    sdkError({ $metadata: { httpStatusCode: 429 } }),
    withCode("ECONNREFUSED"),
    undefined,
    "500",
  ])("is false for a client fault, a network error or anything else: %s", (error) => {
    expect(isServerFault(error)).toBe(false);
  });
});
