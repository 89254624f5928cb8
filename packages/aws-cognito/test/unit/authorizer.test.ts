import { describe, expect, it, vi } from "vitest";
import {
  assertOwner,
  CognitoForbiddenError,
  CognitoUnauthorizedError,
  requireUser,
} from "../../src/authorizer/index";

const httpApi = (claims: Record<string, unknown>) => ({
  requestContext: { authorizer: { jwt: { claims } } },
});
const access = { sub: "u-1", username: "ada", token_use: "access" };

describe("requireUser", () => {
  it("returns the user the authorizer verified", () => {
    expect(requireUser(httpApi({ ...access, "cognito:groups": "[admins staff]" }))).toEqual({
      id: "u-1",
      username: "ada",
      email: undefined,
      groups: ["admins", "staff"],
      claims: expect.objectContaining({ sub: "u-1" }),
    });
  });

  it.each([
    ["no request context", {}],
    ["no authorizer", { requestContext: {} }],
    ["a null authorizer (REST API without one)", { requestContext: { authorizer: null } }],
    ["a Bearer header but no authorizer", { headers: { authorization: "Bearer x.y.z" } }],
  ])("fails closed with %s", (_, event) => {
    const error = (() => {
      try {
        requireUser(event);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(CognitoUnauthorizedError);
    expect(error).toMatchObject({ kind: "unauthorized", safeMessage: "Unauthorized" });
  });

  it("refuses an id token's claims unless told to take id tokens", () => {
    const id = { sub: "u-1", "cognito:username": "ada", token_use: "id" };
    expect(() => requireUser(httpApi(id))).toThrow(CognitoUnauthorizedError);
    expect(requireUser(httpApi(id), { tokenUse: "id" }).username).toBe("ada");
    vi.stubEnv("COGNITO_TOKEN_USE", "id");
    try {
      expect(requireUser(httpApi(id)).id).toBe("u-1");
      expect(() => requireUser(httpApi(access))).toThrow(CognitoUnauthorizedError);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("enforces requiredGroups with a CognitoForbiddenError", () => {
    expect(() => requireUser(httpApi(access), { requiredGroups: ["admins"] })).toThrow(
      CognitoForbiddenError,
    );
  });
});

describe("assertOwner", () => {
  const ada = requireUser(httpApi(access));
  const admin = requireUser(httpApi({ ...access, sub: "a-9", "cognito:groups": "[admins]" }));

  it("lets owners through", () => {
    expect(() => assertOwner(ada, "u-1")).not.toThrow();
  });

  it.each([
    ["someone else's id", "u-2"],
    ["no id", undefined],
    ["an empty id", ""],
    ["a prefix of the own id", "u-"],
  ])("refuses %s with a CognitoForbiddenError whose safe message says nothing", (_, id) => {
    try {
      assertOwner(ada, id, { orGroups: ["admins"] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CognitoForbiddenError);
      expect(error).toMatchObject({ kind: "forbidden", safeMessage: "Forbidden" });
    }
  });

  it("lets members of orGroups through, and only them", () => {
    expect(() => assertOwner(admin, "u-1", { orGroups: ["admins"] })).not.toThrow();
    expect(() => assertOwner(admin, "u-1")).toThrow(CognitoForbiddenError);
    expect(() => assertOwner(admin, "u-1", { orGroups: ["support"] })).toThrow(
      CognitoForbiddenError,
    );
  });
});
