import { BadRequestError } from "@org/app-kit";
import { AwsCoreError } from "@org/aws-core";
import { assumeRole } from "@org/aws-core/credentials";
import { describe, expect, it } from "vitest";
import { safeParse } from "zod/mini";
import {
  OWN_PROFILE_ACTIONS,
  ownProfilePolicy,
  tenantClient,
  tenantSessionName,
  tenantSettings,
} from "../src/tenant-client";
import { UserId } from "../src/user-input";

// The policy document and the session name, as they are sent to STS. Only real IAM applies
// the policy: DynamoDB Local and the local STS accept any credentials (see
// tenant-isolation.test.ts for the requests).

const TABLE_ARN = "arn:aws:dynamodb:eu-west-1:111122223333:table/app";
const ROLE_ARN = "arn:aws:iam::111122223333:role/users-api-tenant";
const UUID = "0f6b0c0e-7b0e-4c55-9d59-2a4c1f9d3e21";
// The longest a user id and a table ARN may be: 128 characters of id; the longest partition,
// region and table name the ARN check lets through.
const LONGEST_ID = "x".repeat(128);
const LONGEST_TABLE_ARN = `arn:aws-abcdefghij-abcdefghij:dynamodb:ab-abcdefghij-abcdefghij-abcdefghij-12:111122223333:table/${"t".repeat(255)}`;
// STS's RoleSessionName.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error("not refused");
};

describe("ownProfilePolicy", () => {
  it("allows the repository's two actions on the table, on the user's partition only", () => {
    expect(ownProfilePolicy("ada-1", TABLE_ARN)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "OwnProfileOnly",
          Effect: "Allow",
          Action: ["dynamodb:GetItem", "dynamodb:PutItem"],
          Resource: TABLE_ARN,
          Condition: {
            "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["USER#ada-1"] },
          },
        },
      ],
    });
    expect(OWN_PROFILE_ACTIONS).toEqual(["dynamodb:GetItem", "dynamodb:PutItem"]);
  });

  it("names that user's partition and nothing else: no other key, no wildcard, no variable", () => {
    const json = JSON.stringify(ownProfilePolicy(UUID, TABLE_ARN));
    expect(json.match(/USER#[^"]*/g)).toEqual([`USER#${UUID}`]);
    expect(json).not.toMatch(/[*?$]/);
    expect(json).not.toContain("StringLike");
    // Exactly one statement, an Allow: nothing to widen it.
    expect(ownProfilePolicy(UUID, TABLE_ARN).Statement).toHaveLength(1);
  });

  it("stays under STS's 2048 characters for the longest id and table ARN", () => {
    expect(tenantSettings({ TENANT_ROLE_ARN: ROLE_ARN, TABLE_ARN: LONGEST_TABLE_ARN })).toEqual({
      roleArn: ROLE_ARN,
      tableArn: LONGEST_TABLE_ARN,
    });
    const policy = ownProfilePolicy(LONGEST_ID, LONGEST_TABLE_ARN);
    expect(JSON.stringify(policy).length).toBe(700);
    // aws-core's own check (at most 2048 characters of JSON) takes it.
    expect(() => assumeRole({ roleArn: ROLE_ARN, sessionPolicy: policy })).not.toThrow();
  });

  it.each([
    ["an empty id", ""],
    ["an id over 128 characters", "x".repeat(129)],
    ["a wildcard", "ada*"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable, not a template
    ["a policy variable", "${aws:userid}"],
    ["a dot (the mark of a mapped session name)", "sha256.abc"],
    ["a slash", "ada/1"],
    ["a quote", 'ada"1'],
    ["non-ASCII", "adä"],
    ["not a string", 42],
  ])("refuses %s with a 400 that shows no input", (_, id) => {
    for (const build of [
      () => ownProfilePolicy(id as string, TABLE_ARN),
      () => tenantSessionName(id as string),
    ]) {
      const error = refusal(build);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({
        kind: "validation",
        safeMessage: "Invalid request",
        details: ["id: not a user id"],
      });
    }
  });
});

describe("tenantSessionName", () => {
  it("is the id itself when STS takes it: a Cognito sub, or any id of 2 to 64 characters", () => {
    expect(tenantSessionName(UUID)).toBe(UUID);
    expect(tenantSessionName("ab")).toBe("ab");
    expect(tenantSessionName("x".repeat(64))).toBe("x".repeat(64));
  });

  it("maps an id STS would refuse (1 character, or over 64) to its SHA-256, never to a user id", () => {
    const names = ["x", "x".repeat(65), LONGEST_ID, `${"x".repeat(127)}y`].map(tenantSessionName);
    for (const name of names) {
      expect(name).toMatch(/^sha256\.[\w-]{43}$/);
      expect(name).toMatch(SESSION_NAME);
      // A mapped name has a dot, which no user id has: it cannot be another user's key.
      expect(safeParse(UserId, name).success).toBe(false);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(tenantSessionName("x")).toBe(tenantSessionName("x"));
  });
});

describe("tenantSettings", () => {
  it("is off without TENANT_ROLE_ARN: the function uses its own client", () => {
    expect(tenantSettings({})).toBeUndefined();
    expect(tenantSettings({ TENANT_ROLE_ARN: "", TABLE_ARN })).toBeUndefined();
  });

  it("reads the role and the table", () => {
    expect(tenantSettings({ TENANT_ROLE_ARN: ROLE_ARN, TABLE_ARN, TABLE_NAME: "app" })).toEqual({
      roleArn: ROLE_ARN,
      tableArn: TABLE_ARN,
    });
  });

  it.each([
    ["no TABLE_ARN", { TENANT_ROLE_ARN: ROLE_ARN }],
    ["a TABLE_ARN that is not a table's", { TENANT_ROLE_ARN: ROLE_ARN, TABLE_ARN: "*" }],
    ["an index's ARN", { TENANT_ROLE_ARN: ROLE_ARN, TABLE_ARN: `${TABLE_ARN}/index/byEmail` }],
    [
      "another table than TABLE_NAME",
      { TENANT_ROLE_ARN: ROLE_ARN, TABLE_ARN, TABLE_NAME: "users" },
    ],
    [
      "an ARN over the bounds",
      { TENANT_ROLE_ARN: ROLE_ARN, TABLE_ARN: `${TABLE_ARN}${"x".repeat(300)}` },
    ],
  ])("refuses %s as a misconfiguration (500, nothing for the caller)", (_, env) => {
    const error = refusal(() => tenantSettings(env));
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ kind: "internal", safeMessage: "Internal Server Error" });
    expect((error as Error).message).toMatch(/TABLE_ARN must be the ARN of the table/);
  });
});

describe("tenantClient", () => {
  const settings = { roleArn: ROLE_ARN, tableArn: TABLE_ARN };

  it("is one client per user, kept: the same user gets the same client back", () => {
    const ada = tenantClient("ada-1", settings);
    expect(tenantClient("ada-1", settings)).toBe(ada);
    expect(tenantClient("bob-2", settings)).not.toBe(ada);
    // Nothing is created (and STS is not called) before the first command.
    expect(ada.peek()).toBeUndefined();
  });

  it("refuses a role that is not a role's ARN, at once", () => {
    const error = refusal(() => tenantClient("ada-1", { ...settings, roleArn: "users-api" }));
    expect(error).toBeInstanceOf(AwsCoreError);
    expect(error).toMatchObject({ kind: "internal" });
  });
});
