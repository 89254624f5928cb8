import { describe, expect, it } from "vitest";
import { fromLambdaResult } from "../src/http-api/http-api-response";
import { isTextContentType } from "../src/http-api/text-content-type";

describe("fromLambdaResult", () => {
  it("uses an object with statusCode as the response", () => {
    const response = fromLambdaResult({
      statusCode: 201,
      headers: { Location: "/users/1", "X-Count": 2 },
      cookies: ["a=1", "b=2"],
      body: "created",
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers).toEqual({
      location: "/users/1",
      "x-count": "2",
      "content-type": "text/plain; charset=utf-8",
    });
    expect(response.cookies).toEqual(["a=1", "b=2"]);
    expect(response.body.toString()).toBe("created");
  });

  it("sends anything else as a 200 JSON body", () => {
    expect(fromLambdaResult({ ok: true })).toMatchObject({
      statusCode: 200,
      headers: { "content-type": "application/json" },
    });
    expect(fromLambdaResult({ ok: true }).body.toString()).toBe('{"ok":true}');
    expect(fromLambdaResult("plain").body.toString()).toBe("plain");
    expect(fromLambdaResult([1, 2]).body.toString()).toBe("[1,2]");
  });

  it("answers 500 for a malformed response, as API Gateway does", () => {
    for (const result of [
      { statusCode: "200" },
      { statusCode: 99 },
      { statusCode: 200, body: { not: "a string" } },
      { statusCode: 200, headers: { a: { b: 1 } } },
      { statusCode: 200, cookies: "a=1" },
    ]) {
      const response = fromLambdaResult(result);
      expect(response.statusCode).toBe(500);
      expect(JSON.parse(response.body.toString())).toEqual({ message: "Internal Server Error" });
    }
  });
});

describe("isTextContentType", () => {
  it("treats JSON, XML and text as text, everything else as binary", () => {
    for (const type of [
      "application/json; charset=utf-8",
      "text/html",
      "application/hal+json",
      "application/xml",
    ]) {
      expect(isTextContentType(type)).toBe(true);
    }
    for (const type of [
      undefined,
      "image/png",
      "application/octet-stream",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
    ]) {
      expect(isTextContentType(type)).toBe(false);
    }
  });
});
