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

  it("lets a member of a required group through, with the user it verified", () => {
    const member = httpApi({
      ...access,
      email: "ada@example.com",
      "cognito:groups": "[staff admins]",
    });
    expect(requireUser(member, { requiredGroups: ["admins", "support"] })).toEqual({
      id: "u-1",
      username: "ada",
      email: "ada@example.com",
      groups: ["staff", "admins"],
      claims: { ...access, email: "ada@example.com", "cognito:groups": "[staff admins]" },
    });
  });

  it.each([
    [
      "HTTP API, '[a b]'",
      httpApi({ ...access, "cognito:groups": "[editors admins]" }),
      ["editors", "admins"],
    ],
    [
      "REST API, 'a,b'",
      {
        requestContext: {
          authorizer: { claims: { ...access, "cognito:groups": "editors,admins" } },
        },
      },
      ["editors", "admins"],
    ],
    ["HTTP API, one group", httpApi({ ...access, "cognito:groups": "[admins]" }), ["admins"]],
    [
      "REST API, one group",
      { requestContext: { authorizer: { claims: { ...access, "cognito:groups": "admins" } } } },
      ["admins"],
    ],
    [
      "an array",
      httpApi({ ...access, "cognito:groups": ["editors", "admins"] }),
      ["editors", "admins"],
    ],
    ["HTTP API, no groups", httpApi({ ...access, "cognito:groups": "[]" }), []],
  ])("reads the groups of %s", (_, event, groups) => {
    expect(requireUser(event).groups).toEqual(groups);
  });

  // Cognito group names may contain commas: in the HTTP API form, groups are separated by spaces.
  it("takes '[editors,admins]' as the one group 'editors,admins', not as a member of admins", () => {
    const event = httpApi({ ...access, "cognito:groups": "[editors,admins]" });
    expect(requireUser(event).groups).toEqual(["editors,admins"]);
    expect(() => requireUser(event, { requiredGroups: ["admins"] })).toThrow(CognitoForbiddenError);
    expect(() => requireUser(event, { requiredGroups: ["editors"] })).toThrow(
      CognitoForbiddenError,
    );
    const user = requireUser(event);
    expect(() => assertOwner(user, "someone-else", { orGroups: ["admins"] })).toThrow(
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
