import { readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";
import type { App } from "aws-cdk-lib";
import type { Asset } from "aws-cdk-lib/aws-s3-assets";
import { describe, expect, it } from "vitest";
import { DEFAULT_BEDROCK_MODEL_ID } from "../lib/lambda-apps-stack";
import { bundleFixture, FIXTURE_CHUNK } from "./support/fixtures";
import { logicalId, synthStack } from "./support/synth";

const fixture = bundleFixture();
const synth = synthStack(fixture);
const { stack, template } = synth;
const functions = template.findResources("AWS::Lambda::Function");
const translation = functions[logicalId(stack, stack.translationApi.function)]?.Properties;
const users = functions[logicalId(stack, stack.usersApi.function)]?.Properties;
const ref = (construct: Parameters<typeof logicalId>[1]) => ({ Ref: logicalId(stack, construct) });
const arnOf = (construct: Parameters<typeof logicalId>[1]) => ({
  "Fn::GetAtt": [logicalId(stack, construct), "Arn"],
});

describe("Lambda functions", () => {
  it("are exactly the two apps", () => {
    expect(Object.keys(functions)).toHaveLength(2);
    expect(translation).toBeDefined();
    expect(users).toBeDefined();
  });

  it.each([
    ["translation-api", () => translation, translationApi.runtime],
    ["users-api", () => users, usersApi.runtime],
  ])(
    "%s runs the prebuilt bundle on Node.js 24 (its declared runtime), arm64",
    (_, props, declared) => {
      expect(declared).toBe("nodejs24.x");
      expect(props()).toMatchObject({
        Runtime: declared,
        Architectures: ["arm64"],
        Handler: "index.handler",
        Code: { S3Bucket: expect.anything(), S3Key: expect.stringMatching(/\.zip$/) },
      });
    },
  );

  // A split bundle is an entry module plus chunks it imports: the function's code must be the
  // whole folder, or the first import of a chunk fails in Lambda.
  it.each([
    ["translation-api", () => stack.translationApi.function, fixture.translationApiAssetPath],
    ["users-api", () => stack.usersApi.function, fixture.usersApiAssetPath],
  ])("%s deploys its whole bundle folder, chunks included", (_, fn, assetPath) => {
    const asset = fn().node.findChild("Code") as Asset;
    expect(asset.isZipArchive).toBe(true);
    expect(readdirSync(assetPath, { recursive: true }).sort()).toContain(FIXTURE_CHUNK);
    const staged = join((stack.node.root as App).outdir, asset.assetPath);
    expect(readdirSync(staged, { recursive: true }).sort()).toEqual([
      "chunks",
      FIXTURE_CHUNK,
      "index.mjs",
    ]);
  });

  it("translation-api: 256 MB, 28 s, table, user pool, client and model in its environment", () => {
    expect(translation).toMatchObject({ MemorySize: 256, Timeout: 28 });
    expect(translation?.Environment.Variables).toEqual({
      TABLE_NAME: ref(stack.table.table),
      COGNITO_USER_POOL_ID: ref(stack.auth.userPool),
      COGNITO_CLIENT_ID: ref(stack.auth.userPoolClient),
      BEDROCK_MODEL_ID: DEFAULT_BEDROCK_MODEL_ID,
    });
  });

  it("users-api: 128 MB, 10 s, table, user pool, admin group and tenant role in its environment, no client or model", () => {
    expect(users).toMatchObject({ MemorySize: 128, Timeout: 10 });
    expect(users?.Environment.Variables).toEqual({
      TABLE_NAME: ref(stack.table.table),
      COGNITO_USER_POOL_ID: ref(stack.auth.userPool),
      ADMIN_GROUP: "admins",
      TENANT_ROLE_ARN: arnOf(stack.usersTenantRole.role),
      TABLE_ARN: arnOf(stack.table.table),
    });
  });

  it("gives the tenant role and the table's ARN to users-api only", () => {
    expect(Object.keys(translation?.Environment.Variables ?? {})).not.toContain("TENANT_ROLE_ARN");
    expect(Object.keys(translation?.Environment.Variables ?? {})).not.toContain("TABLE_ARN");
  });

  it("each log to their own log group, kept one month", () => {
    template.resourceCountIs("AWS::Logs::LogGroup", 2);
    for (const [props, app] of [
      [translation, stack.translationApi],
      [users, stack.usersApi],
    ] as const) {
      expect(props?.LoggingConfig).toEqual({ LogGroup: ref(app.logGroup) });
    }
    expect(
      Object.values(template.findResources("AWS::Logs::LogGroup")).map(
        (group) => group.Properties.RetentionInDays,
      ),
    ).toEqual([30, 30]);
  });

  it("let Lambda update the runtime and start Node.js as Lambda does, unless told otherwise", () => {
    for (const props of [translation, users]) {
      expect(props?.RuntimeManagementConfig).toEqual({ UpdateRuntimeOn: "Auto" });
      expect(props?.Environment.Variables.AWS_LAMBDA_EXEC_WRAPPER).toBeUndefined();
    }
  });

  it("pins the runtime version of both functions when given one", () => {
    const arn =
      "arn:aws:lambda:eu-west-1::runtime:0cdcfbdefbc5e7d3343f73c2e2dd3cba17d61dea0686b404502a0c9ce83931b9";
    const pinned = synthStack(fixture, { runtimeVersionArn: arn });
    const all = Object.values(pinned.template.findResources("AWS::Lambda::Function"));
    expect(all.map((f) => f.Properties.RuntimeManagementConfig)).toEqual([
      { UpdateRuntimeOn: "Manual", RuntimeVersionArn: arn },
      { UpdateRuntimeOn: "Manual", RuntimeVersionArn: arn },
    ]);
  });

  it("turns on the exec wrapper a bundle ships", () => {
    writeFileSync(join(fixture.usersApiAssetPath, "start-node.sh"), '#!/bin/sh\nexec "$@"\n');
    const wrapped = synthStack(fixture);
    const usersFn =
      wrapped.template.findResources("AWS::Lambda::Function")[
        logicalId(wrapped.stack, wrapped.stack.usersApi.function)
      ];
    expect(usersFn?.Properties.Environment.Variables.AWS_LAMBDA_EXEC_WRAPPER).toBe(
      "/var/task/start-node.sh",
    );
    rmSync(join(fixture.usersApiAssetPath, "start-node.sh"));
  });

  it("takes the Bedrock model from its props", () => {
    const other = synthStack(fixture, { bedrockModelId: "anthropic.claude-v2:1" });
    other.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: { BEDROCK_MODEL_ID: "anthropic.claude-v2:1" } },
    });
  });
});
