import { AwsCoreError } from "@org/aws-core";
import { describe, expect, it, vi } from "vitest";
import { authorizerClaims } from "../../src/authorizer/authorizer-claims";
import * as authorizerEntry from "../../src/authorizer/index";
import { assertOwner, CognitoError, requireUser } from "../../src/authorizer/index";

const httpApi = (claims: Record<string, unknown>) => ({
  requestContext: { authorizer: { jwt: { claims } } },
});
const restApi = (claims: Record<string, unknown>) => ({
  requestContext: { authorizer: { claims } },
});
const access = { sub: "u-1", username: "ada", token_use: "access" };

const refusal = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.unreachable("no error thrown");
};
const unauthorized = expect.objectContaining({ kind: "unauthorized", safeMessage: "Unauthorized" });
const forbidden = expect.objectContaining({ kind: "forbidden", safeMessage: "Forbidden" });

describe("the /authorizer entry", () => {
  it("exports three runtime names", () => {
    expect(Object.keys(authorizerEntry).sort()).toEqual([
      "CognitoError",
      "assertOwner",
      "requireUser",
    ]);
  });

  it("throws CognitoError, an AwsCoreError, with its kind fixed by the case", () => {
    const error = refusal(() => requireUser({}));
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ name: "CognitoUnauthorizedError", kind: "unauthorized" });
    const denied = refusal(() => requireUser(httpApi(access), { requiredGroups: ["admins"] }));
    expect(denied).toBeInstanceOf(CognitoError);
    expect(denied).toMatchObject({
      name: "CognitoForbiddenError",
      kind: "forbidden",
      requiredGroups: ["admins"],
    });
  });
});

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
    const error = refusal(() => requireUser(event));
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toEqual(unauthorized);
  });

  it("refuses an id token's claims unless told to take id tokens", () => {
    const id = { sub: "u-1", "cognito:username": "ada", token_use: "id" };
    expect(refusal(() => requireUser(httpApi(id)))).toEqual(unauthorized);
    expect(requireUser(httpApi(id), { tokenUse: "id" }).username).toBe("ada");
    vi.stubEnv("COGNITO_TOKEN_USE", "id");
    try {
      expect(requireUser(httpApi(id)).id).toBe("u-1");
      expect(refusal(() => requireUser(httpApi(access)))).toEqual(unauthorized);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("enforces requiredGroups with a CognitoError of kind forbidden", () => {
    expect(refusal(() => requireUser(httpApi(access), { requiredGroups: ["admins"] }))).toEqual(
      forbidden,
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
    expect(refusal(() => requireUser(event, { requiredGroups: ["admins"] }))).toEqual(forbidden);
    expect(refusal(() => requireUser(event, { requiredGroups: ["editors"] }))).toEqual(forbidden);
    const user = requireUser(event);
    expect(refusal(() => assertOwner(user, "someone-else", { orGroups: ["admins"] }))).toEqual(
      forbidden,
    );
  });
});

// The form comes from where the claims are, never from how the value looks.
describe("groups read by the form of the authorizer they came from", () => {
  it("takes a REST API group literally named '[admins]' as that group, not as admins", () => {
    const event = restApi({ ...access, "cognito:groups": "[admins]" });
    expect(requireUser(event).groups).toEqual(["[admins]"]);
    expect(refusal(() => requireUser(event, { requiredGroups: ["admins"] }))).toEqual(forbidden);
    expect(requireUser(event, { requiredGroups: ["[admins]"] }).groups).toEqual(["[admins]"]);
    const user = requireUser(event);
    expect(refusal(() => assertOwner(user, "someone-else", { orGroups: ["admins"] }))).toEqual(
      forbidden,
    );
  });

  it.each([
    [
      "REST, bracketed names among others",
      restApi({ ...access, "cognito:groups": "[admins],staff" }),
      ["[admins]", "staff"],
    ],
    [
      "REST, a bracketed list is one name",
      restApi({ ...access, "cognito:groups": "[editors admins]" }),
      ["[editors admins]"],
    ],
    [
      "REST, spaces around commas",
      restApi({ ...access, "cognito:groups": "editors, admins" }),
      ["editors", "admins"],
    ],
    [
      "HTTP API, the group '[admins]' rendered in brackets",
      httpApi({ ...access, "cognito:groups": "[[admins]]" }),
      ["[admins]"],
    ],
    [
      "HTTP API, '[admins]' next to another group",
      httpApi({ ...access, "cognito:groups": "[[admins] staff]" }),
      ["[admins]", "staff"],
    ],
    [
      "HTTP API, names without the brackets",
      httpApi({ ...access, "cognito:groups": "editors admins" }),
      ["editors", "admins"],
    ],
    ["REST, an array", restApi({ ...access, "cognito:groups": ["a", "b"] }), ["a", "b"]],
  ])("reads %s", (_, event, groups) => {
    expect(requireUser(event).groups).toEqual(groups);
  });

  it("refuses groups of the wrong type in either form", () => {
    for (const event of [
      httpApi({ ...access, "cognito:groups": 42 }),
      restApi({ ...access, "cognito:groups": { admins: true } }),
      httpApi({ ...access, "cognito:groups": ["admins", 1] }),
    ]) {
      expect(refusal(() => requireUser(event))).toEqual(unauthorized);
    }
  });

  it("authorizerClaims says which form the claims are in", () => {
    expect(authorizerClaims(httpApi({ sub: "a" }))).toEqual({
      claims: { sub: "a" },
      form: "http-api",
    });
    expect(authorizerClaims(restApi({ sub: "b" }))).toEqual({ claims: { sub: "b" }, form: "rest" });
    expect(authorizerClaims({ requestContext: { authorizer: null } })).toBeUndefined();
    expect(authorizerClaims(undefined)).toBeUndefined();
    // The claims are copied: the user's claims are not the event's object.
    const claims = { sub: "c" };
    expect(authorizerClaims(restApi(claims))?.claims).not.toBe(claims);
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
  ])(
    "refuses %s with a CognitoError of kind forbidden whose safe message says nothing",
    (_, id) => {
      const error = refusal(() => assertOwner(ada, id, { orGroups: ["admins"] }));
      expect(error).toBeInstanceOf(CognitoError);
      expect(error).toEqual(forbidden);
      expect(error).toMatchObject({ requiredGroups: ["admins"] });
    },
  );

  it("lets members of orGroups through, and only them", () => {
    expect(() => assertOwner(admin, "u-1", { orGroups: ["admins"] })).not.toThrow();
    expect(refusal(() => assertOwner(admin, "u-1"))).toEqual(forbidden);
    expect(refusal(() => assertOwner(admin, "u-1", { orGroups: ["support"] }))).toEqual(forbidden);
  });
});
