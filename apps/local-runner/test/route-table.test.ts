import { describe, expect, it } from "vitest";
import { LocalRunnerConfigError } from "../src/errors";
import { RouteTable } from "../src/http-api/route-table";

const split = (path: string) => path.slice(1).split("/");

describe("RouteTable", () => {
  const table = new RouteTable([
    { method: "ANY", path: "$default", function: "fallback" },
    { method: "GET", path: "/files/{proxy+}", function: "files" },
    { method: "ANY", path: "/users/{id}", function: "any-user" },
    { method: "GET", path: "/users/{id}", function: "get-user" },
    { method: "GET", path: "/users/me", function: "me" },
  ]);

  it("prefers literal segments, then parameters, then greedy ones", () => {
    expect(table.match("GET", split("/users/me"))?.route.function).toBe("me");
    expect(table.match("GET", split("/users/7"))).toMatchObject({
      routeKey: "GET /users/{id}",
      pathParameters: { id: "7" },
    });
    expect(table.match("GET", split("/files/a/b/c"))?.pathParameters).toEqual({ proxy: "a/b/c" });
  });

  it("prefers a named method over ANY, and falls back to $default", () => {
    expect(table.match("delete", split("/users/7"))?.routeKey).toBe("ANY /users/{id}");
    expect(table.match("GET", split("/elsewhere"))).toMatchObject({
      routeKey: "$default",
      pathParameters: undefined,
    });
  });

  it("does not match empty parameters or extra segments", () => {
    const strict = new RouteTable([{ method: "GET", path: "/users/{id}", function: "u" }]);
    expect(strict.match("GET", split("/users/"))).toBeUndefined();
    expect(strict.match("GET", split("/users/1/2"))).toBeUndefined();
    expect(strict.match("GET", split("/files"))).toBeUndefined();
  });

  it("rejects malformed paths", () => {
    for (const path of ["users", "/users/{id", "/{proxy+}/x"]) {
      expect(() => new RouteTable([{ method: "GET", path, function: "f" }])).toThrow(
        LocalRunnerConfigError,
      );
    }
  });
});
