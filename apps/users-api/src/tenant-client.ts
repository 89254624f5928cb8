import { createHash } from "node:crypto";
import { BadRequestError } from "@org/app-kit";
import { AwsCoreError } from "@org/aws-core";
import { assumeRole } from "@org/aws-core/credentials";
import { documentClient } from "@org/aws-dynamo";
import { USER_ID_PATTERN } from "./user-input";

// A user's own partition is their tenant: with TENANT_ROLE_ARN, a user's reads and writes of
// their own profile go through credentials that reach that partition only. IAM applies the
// session policy in AWS; DynamoDB Local and the local STS accept any credentials, so the
// tests there check the client's key, its cache and the policy document, not the enforcement.

/**
 * The DynamoDB actions `UserRepository` sends for a user's own profile: `getUser` (GetItem),
 * `create` (a conditional PutItem) and `update` (a consistent GetItem, then a conditional
 * PutItem: `save` writes the whole item, it sends no UpdateItem). Nothing else is allowed.
 */
export const OWN_PROFILE_ACTIONS = ["dynamodb:GetItem", "dynamodb:PutItem"] as const;

/** What the tenant path needs, from the function's environment (see {@link tenantSettings}). */
export interface TenantSettings {
  /** The role users-api assumes for a user (`TENANT_ROLE_ARN`). */
  readonly roleArn: string;
  /** The table's ARN (`TABLE_ARN`), the only resource of the session policy. */
  readonly tableArn: string;
}

/** The session policy of one user's credentials, as {@link ownProfilePolicy} writes it. */
export interface OwnProfilePolicy {
  readonly Version: "2012-10-17";
  readonly Statement: readonly [
    {
      readonly Sid: "OwnProfileOnly";
      readonly Effect: "Allow";
      readonly Action: readonly string[];
      readonly Resource: string;
      readonly Condition: {
        readonly "ForAllValues:StringEquals": { readonly "dynamodb:LeadingKeys": [string] };
      };
    },
  ];
}

// STS's RoleSessionName; aws-core's key allows the same characters, 1 to 64 of them.
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
// arn:<partition>:dynamodb:<region>:<account>:table/<name>, each part bounded, so the
// policy stays far below STS's 2048 characters.
const TABLE_ARN =
  /^arn:aws(-[a-z]{1,10}){0,2}:dynamodb:[a-z]{2}(-[a-z]{1,10}){1,3}-\d{1,2}:\d{12}:table\/([\w.-]{3,255})$/;

/**
 * The tenant settings of this function, or `undefined` when `TENANT_ROLE_ARN` is not set:
 * then every request uses the function's own client, as users-api always did. Read per
 * request (two variables), like `ADMIN_GROUP`.
 *
 * @throws AwsCoreError (kind `internal`, a 500) when `TENANT_ROLE_ARN` is set and `TABLE_ARN`
 * is not a DynamoDB table's ARN, or names another table than `TABLE_NAME`. The role's ARN is
 * checked by `assumeRole`, with the same kind of error.
 *
 * @example
 * ```ts
 * const tenant = tenantSettings(); // { roleArn, tableArn } or undefined
 * ```
 */
export function tenantSettings(env: NodeJS.ProcessEnv = process.env): TenantSettings | undefined {
  const roleArn = env.TENANT_ROLE_ARN;
  if (!roleArn) return undefined;
  const tableArn = env.TABLE_ARN ?? "";
  const table = TABLE_ARN.exec(tableArn)?.[3];
  if (table === undefined || (env.TABLE_NAME && env.TABLE_NAME !== table)) {
    throw new AwsCoreError(
      `TENANT_ROLE_ARN is set, so TABLE_ARN must be the ARN of the table TABLE_NAME names ` +
        `(arn:aws:dynamodb:<region>:<account>:table/<name>); got ${JSON.stringify(tableArn.slice(0, 400))}`,
      { kind: "internal" },
    );
  }
  return { roleArn, tableArn };
}

/**
 * The role session name (and the client's key) of a user: the id itself when STS takes it
 * (2 to 64 characters; a Cognito `sub` is a 36-character UUID), else `sha256.` and the
 * id's SHA-256 in base64url, 50 characters. A user id has no `.`, so a mapped name is never
 * another user's id, and two ids share a name only if SHA-256 collides.
 *
 * @throws BadRequestError (400) when `userId` is not a user id (1 to 128 of `A-Z a-z 0-9 _ -`).
 *
 * @example
 * ```ts
 * tenantSessionName("0f6b0c0e-7b0e-4c55-9d59-2a4c1f9d3e21"); // the same string
 * tenantSessionName("x"); // "sha256.LfZfd8Wf..." (STS wants 2 characters at least)
 * ```
 */
export function tenantSessionName(userId: string): string {
  checkUserId(userId);
  if (SESSION_NAME.test(userId)) return userId;
  return `sha256.${createHash("sha256").update(userId).digest("base64url")}`;
}

/**
 * The session policy of a user's credentials: {@link OWN_PROFILE_ACTIONS} on `tableArn`, on
 * items whose partition key is `USER#<userId>` only (`dynamodb:LeadingKeys`). The role's
 * own policy allows the item actions on `USER#*`; this narrows it to one user. At most 700
 * characters of JSON for the longest id and table ARN (about 340 for a Cognito sub and a
 * CDK-named table), under STS's 2048.
 *
 * @throws BadRequestError (400) when `userId` is not a user id (1 to 128 of `A-Z a-z 0-9 _ -`).
 *
 * @example
 * ```ts
 * ownProfilePolicy("ada-1", "arn:aws:dynamodb:eu-west-1:111122223333:table/app");
 * // { Version: "2012-10-17", Statement: [{ Sid: "OwnProfileOnly", Effect: "Allow",
 * //   Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: "arn:...:table/app",
 * //   Condition: { "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": ["USER#ada-1"] } } }] }
 * ```
 */
export function ownProfilePolicy(userId: string, tableArn: string): OwnProfilePolicy {
  checkUserId(userId);
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OwnProfileOnly",
        Effect: "Allow",
        Action: [...OWN_PROFILE_ACTIONS],
        Resource: tableArn,
        Condition: {
          "ForAllValues:StringEquals": { "dynamodb:LeadingKeys": [`USER#${userId}`] },
        },
      },
    ],
  };
}

/**
 * The DocumentClient of one user: `documentClient.for()` keyed by the user's session name,
 * with the tenant role narrowed by {@link ownProfilePolicy}. aws-core makes it on its first
 * command (AssumeRole then, and again only when the credentials near their expiry) and keeps
 * it while the user is among the most recent keys (`maxKeyedClients`, default 10): the same
 * user gets the same client back. For a kept key, the credentials given here are not used
 * (the key stands for them), so building them per request costs an object, not a call.
 *
 * @throws BadRequestError (400) when `userId` is not a user id; AwsCoreError (kind
 * `internal`) when `settings.roleArn` is not a role's ARN.
 *
 * @example
 * ```ts
 * const tenant = tenantSettings();
 * const client = tenant ? tenantClient(user.id, tenant) : documentClient;
 * const users = new UserRepository(undefined, client);
 * ```
 */
export function tenantClient(userId: string, settings: TenantSettings) {
  const name = tenantSessionName(userId);
  return documentClient.for({
    key: name,
    credentials: assumeRole({
      roleArn: settings.roleArn,
      sessionName: name,
      sessionPolicy: ownProfilePolicy(userId, settings.tableArn),
    }),
  });
}

function checkUserId(userId: string): void {
  // The caller's own id comes from the token: a Cognito sub always passes. Anything else is
  // refused rather than written into a policy: a user id has no `$` or `*`, so a policy never
  // holds a policy variable or a wildcard, and no `.`, so a mapped session name is no user's id.
  if (!(typeof userId === "string" && USER_ID_PATTERN.test(userId)))
    throw new BadRequestError("Invalid request", { details: ["id: not a user id"] });
}
