import { describe, expect, it } from "vitest";
import { isServiceUnreachable } from "../src/internal";

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
