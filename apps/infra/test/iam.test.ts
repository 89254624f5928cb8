import { describe, expect, it } from "vitest";
import { TENANT_ITEM_ACTIONS } from "../lib/constructs/tenant-role";
import { DEFAULT_BEDROCK_MODEL_ID } from "../lib/lambda-apps-stack";
import { actionsOf, logicalId, roleStatements, type Statement, synthStack } from "./support/synth";

const synth = synthStack();
const { stack, template } = synth;
const translation = roleStatements(synth, stack.translationApi);
const users = roleStatements(synth, stack.usersApi);
const tableArn = { "Fn::GetAtt": [logicalId(stack, stack.table.table), "Arn"] };
const roleIdOf = (fn: typeof stack.usersApi) => {
  if (!fn.role) throw new Error(`${fn.node.path} has no role`);
  return logicalId(stack, fn.role);
};
const arnOf = (construct: Parameters<typeof logicalId>[1]) => ({
  "Fn::GetAtt": [logicalId(stack, construct), "Arn"],
});
const tenantRoleArn = arnOf(stack.usersTenantRole.role);
const usersRoleArn = { "Fn::GetAtt": [roleIdOf(stack.usersApi), "Arn"] };
const roles = template.findResources("AWS::IAM::Role");
const tenantRole = roles[logicalId(stack, stack.usersTenantRole.role)]?.Properties;
const resourcesOf = (statement: Statement | undefined) => [statement?.Resource].flat();

/** Item reads and writes (`table.grantReadWriteData` also adds DescribeTable and stream reads). */
const readWrite = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:ConditionCheckItem",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
];

describe("least privilege", () => {
  it("translation-api may invoke the one Bedrock model, in the stack's region, and nothing else", () => {
    const bedrock = translation.filter((s) => actionsOf([s]).some((a) => a.startsWith("bedrock:")));
    expect(bedrock).toEqual([
      {
        Effect: "Allow",
        Action: "bedrock:InvokeModel",
        Resource: {
          "Fn::Join": [
            "",
            [
              "arn:",
              { Ref: "AWS::Partition" },
              ":bedrock:",
              { Ref: "AWS::Region" },
              `::foundation-model/${DEFAULT_BEDROCK_MODEL_ID}`,
            ],
          ],
        },
      },
    ]);
  });

  it("scopes the model ARN to the region of a stack with an environment", () => {
    const regional = synthStack({ env: { region: "eu-west-1" } });
    const statements = roleStatements(regional, regional.stack.translationApi);
    expect(statements).toContainEqual({
      Effect: "Allow",
      Action: "bedrock:InvokeModel",
      Resource: `arn:aws:bedrock:eu-west-1::foundation-model/${DEFAULT_BEDROCK_MODEL_ID}`,
    });
  });

  it.each([
    ["translation-api", translation],
    ["users-api", users],
  ])("%s may read and write the table, and no other", (_, statements) => {
    const dynamo = statements.filter((s) => actionsOf([s]).some((a) => a.startsWith("dynamodb:")));
    expect(dynamo).toHaveLength(1);
    expect(actionsOf(dynamo)).toEqual(expect.arrayContaining(readWrite));
    expect(dynamo[0]?.Resource).toEqual(tableArn); // the table has no index
  });

  it("users-api has no Cognito, no Bedrock and no wildcard action", () => {
    const actions = actionsOf(users);
    expect(actions.filter((a) => /^(cognito-idp|bedrock):/i.test(a))).toEqual([]);
    expect(actions.filter((a) => a.includes("*"))).toEqual([]);
    expect(actions.filter((a) => !a.startsWith("dynamodb:"))).toEqual(["sts:AssumeRole"]);
  });

  it("users-api may assume its tenant role and no other; translation-api none", () => {
    const assume = users.filter((s) => actionsOf([s]).some((a) => a.startsWith("sts:")));
    expect(assume).toEqual([
      { Effect: "Allow", Action: "sts:AssumeRole", Resource: tenantRoleArn },
    ]);
    expect(actionsOf(translation).filter((a) => a.startsWith("sts:"))).toEqual([]);
  });

  it("no function gets a cognito-idp action (JWT verification and GetUser need none)", () => {
    expect(
      actionsOf([...translation, ...users]).filter((a) => a.startsWith("cognito-idp:")),
    ).toEqual([]);
  });

  it("no statement allows an action on every resource", () => {
    for (const statement of [...translation, ...users]) {
      expect(resourcesOf(statement)).not.toContain("*");
    }
  });

  it("each function's role has only the basic execution managed policy (writing its logs)", () => {
    expect(Object.keys(roles)).toHaveLength(3);
    const functionRoles = Object.entries(roles)
      .filter(([id]) => id !== logicalId(stack, stack.usersTenantRole.role))
      .map(([, role]) => role);
    expect(functionRoles).toHaveLength(2);
    for (const role of functionRoles) {
      expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toMatch(
        /^\[\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole"\]\]\}\]$/,
      );
      expect(role.Properties.Policies).toBeUndefined();
    }
  });
});

// A user's own profile is read and written with this role, narrowed per request by a session
// policy for that user's partition (apps/users-api/src/tenant-client.ts). Only IAM enforces
// either policy; these tests check what the template asks of it.
describe("users-api's tenant role", () => {
  it("trusts users-api's execution role only, for sts:AssumeRole only", () => {
    expect(tenantRole?.AssumeRolePolicyDocument).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Principal: { AWS: usersRoleArn } }],
    });
  });

  it("allows the table's item actions on user partitions only (dynamodb:LeadingKeys USER#*)", () => {
    expect(tenantRole?.Policies).toEqual([
      {
        PolicyName: "TenantItems",
        PolicyDocument: {
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: [...TENANT_ITEM_ACTIONS].sort(),
              Resource: tableArn,
              Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": ["USER#*"] } },
            },
          ],
        },
      },
    ]);
    // A Scan has no leading key, so the condition would not bound it.
    expect(TENANT_ITEM_ACTIONS).not.toContain("dynamodb:Scan");
  });

  it("has no managed policy and no policy attached elsewhere", () => {
    expect(tenantRole?.ManagedPolicyArns).toBeUndefined();
    const attached = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
      JSON.stringify(policy.Properties.Roles).includes(
        logicalId(stack, stack.usersTenantRole.role),
      ),
    );
    expect(attached).toEqual([]);
  });

  it("is the only role another principal than Lambda may assume", () => {
    const trusted = Object.entries(roles)
      .filter(([, role]) =>
        JSON.stringify(role.Properties.AssumeRolePolicyDocument).includes('"AWS"'),
      )
      .map(([id]) => id);
    expect(trusted).toEqual([logicalId(stack, stack.usersTenantRole.role)]);
  });
});
