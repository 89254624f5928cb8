import { RemovalPolicy } from "aws-cdk-lib";
import { Match } from "aws-cdk-lib/assertions";
import { describe, expect, it } from "vitest";
import { logicalId, synthStack } from "./support/synth";

const synth = synthStack();
const { stack, template } = synth;

describe("DynamoDB table", () => {
  it("is one on-demand table with PK/SK string keys, TTL on `ttl` and point-in-time recovery", () => {
    template.resourceCountIs("AWS::DynamoDB::Table", 1);
    template.hasResourceProperties("AWS::DynamoDB::Table", {
      BillingMode: "PAY_PER_REQUEST",
      KeySchema: [
        { AttributeName: "PK", KeyType: "HASH" },
        { AttributeName: "SK", KeyType: "RANGE" },
      ],
      AttributeDefinitions: Match.arrayWith([
        { AttributeName: "PK", AttributeType: "S" },
        { AttributeName: "SK", AttributeType: "S" },
      ]),
      TimeToLiveSpecification: { AttributeName: "ttl", Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it("is retained by default, and destroyed only when asked", () => {
    template.hasResource("AWS::DynamoDB::Table", {
      DeletionPolicy: "Retain",
      UpdateReplacePolicy: "Retain",
    });
    const destroyed = synthStack({ dataRemovalPolicy: RemovalPolicy.DESTROY });
    destroyed.template.hasResource("AWS::DynamoDB::Table", { DeletionPolicy: "Delete" });
  });
});

describe("Cognito", () => {
  it("has the admin group users-api lets read every profile", () => {
    template.resourceCountIs("AWS::Cognito::UserPoolGroup", 1);
    template.hasResourceProperties("AWS::Cognito::UserPoolGroup", {
      GroupName: "admins",
      UserPoolId: { Ref: logicalId(stack, stack.auth.userPool) },
    });
  });

  it("has a user pool with no self sign-up, email or username sign-in and a strong password policy", () => {
    template.resourceCountIs("AWS::Cognito::UserPool", 1);
    template.hasResource("AWS::Cognito::UserPool", {
      DeletionPolicy: "Retain",
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        AliasAttributes: ["email"],
        UsernameConfiguration: { CaseSensitive: false },
        Policies: {
          PasswordPolicy: {
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
            TemporaryPasswordValidityDays: 3,
          },
        },
      }),
    });
  });

  it("has one client without a secret that allows USER_PASSWORD_AUTH and SRP, and no OAuth", () => {
    template.resourceCountIs("AWS::Cognito::UserPoolClient", 1);
    template.hasResourceProperties("AWS::Cognito::UserPoolClient", {
      UserPoolId: { Ref: logicalId(stack, stack.auth.userPool) },
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayEquals([
        "ALLOW_USER_PASSWORD_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_REFRESH_TOKEN_AUTH",
      ]),
      AllowedOAuthFlows: Match.absent(),
      PreventUserExistenceErrors: "ENABLED",
    });
  });
});

describe("outputs", () => {
  it("are the API URL, the user pool id, the client id and the table name", () => {
    const outputs = template.findOutputs("*");
    expect(Object.keys(outputs).sort()).toEqual([
      "ApiUrl",
      "TableName",
      "UserPoolClientId",
      "UserPoolId",
    ]);
    expect(outputs.UserPoolId?.Value).toEqual({ Ref: logicalId(stack, stack.auth.userPool) });
    expect(outputs.UserPoolClientId?.Value).toEqual({
      Ref: logicalId(stack, stack.auth.userPoolClient),
    });
    expect(outputs.TableName?.Value).toEqual({ Ref: logicalId(stack, stack.table.table) });
    expect(JSON.stringify(outputs.ApiUrl?.Value)).toContain(logicalId(stack, stack.httpApi));
  });
});
