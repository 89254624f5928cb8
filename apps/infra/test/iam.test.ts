import { describe, expect, it } from "vitest";
import { DEFAULT_BEDROCK_MODEL_ID } from "../lib/lambda-apps-stack";
import { bundleFixture } from "./support/fixtures";
import { actionsOf, logicalId, roleStatements, type Statement, synthStack } from "./support/synth";

const fixture = bundleFixture();
const synth = synthStack(fixture);
const { stack, template } = synth;
const translation = roleStatements(synth, stack.translationApi.function);
const users = roleStatements(synth, stack.usersApi.function);
const tableArn = { "Fn::GetAtt": [logicalId(stack, stack.table.table), "Arn"] };
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
    const regional = synthStack(fixture, { env: { region: "eu-west-1" } });
    const statements = roleStatements(regional, regional.stack.translationApi.function);
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
    expect(actions.every((a) => a.startsWith("dynamodb:"))).toBe(true);
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

  it("each role has only the basic execution managed policy (writing its logs)", () => {
    const roles = Object.values(template.findResources("AWS::IAM::Role"));
    expect(roles).toHaveLength(2);
    for (const role of roles) {
      expect(JSON.stringify(role.Properties.ManagedPolicyArns)).toMatch(
        /^\[\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole"\]\]\}\]$/,
      );
      expect(role.Properties.Policies).toBeUndefined();
    }
  });
});
