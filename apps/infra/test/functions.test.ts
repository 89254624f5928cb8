import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";
import { describe, expect, it } from "vitest";
import { DEFAULT_BEDROCK_MODEL_ID } from "../lib/lambda-apps-stack";
import { filesOf, isSplitBuild } from "./support/fixtures";
import { logicalId, stagedCode, synthStack } from "./support/synth";

const synth = synthStack();
const { stack, template } = synth;
const functions = template.findResources("AWS::Lambda::Function");
const translation = functions[logicalId(stack, stack.translationApi)]?.Properties;
const users = functions[logicalId(stack, stack.usersApi)]?.Properties;
const ref = (construct: Parameters<typeof logicalId>[1]) => ({ Ref: logicalId(stack, construct) });
const arnOf = (construct: Parameters<typeof logicalId>[1]) => ({
  "Fn::GetAtt": [logicalId(stack, construct), "Arn"],
});
const EXEC_WRAPPER = { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" };
const RUNTIME_ARN =
  "arn:aws:lambda:eu-west-1::runtime:0cdcfbdefbc5e7d3343f73c2e2dd3cba17d61dea0686b404502a0c9ce83931b9";

describe("Lambda functions", () => {
  it("are exactly the two apps", () => {
    expect(Object.keys(functions)).toHaveLength(2);
    expect(translation).toBeDefined();
    expect(users).toBeDefined();
  });

  it.each([
    ["translation-api", () => translation, translationApi.runtime],
    ["users-api", () => users, usersApi.runtime],
  ])("%s runs its build on Node.js 24 (its declared runtime), arm64", (_, props, declared) => {
    expect(declared).toBe("nodejs24.x");
    expect(props()).toMatchObject({
      Runtime: declared,
      Architectures: ["arm64"],
      Handler: "index.handler",
      Code: { S3Bucket: expect.anything(), S3Key: expect.stringMatching(/\.zip$/) },
    });
  });

  // A split bundle is an entry module plus chunks it imports: the function's code must be the
  // whole folder, or the first import of a chunk fails in Lambda.
  it.each([
    ["translation-api", () => stack.translationApi],
    ["users-api", () => stack.usersApi],
  ])("%s deploys its whole build: entry, chunks and exec wrapper", (_, fn) => {
    const files = filesOf(stagedCode(fn()));
    expect(files).toContain("index.mjs");
    expect(isSplitBuild(files), files.join(", ")).toBe(true);
  });

  it("translation-api: 256 MB, 28 s, table, user pool, client and model in its environment", () => {
    expect(translation).toMatchObject({ MemorySize: 256, Timeout: 28 });
    expect(translation?.Environment.Variables).toEqual({
      TABLE_NAME: ref(stack.table.table),
      COGNITO_USER_POOL_ID: ref(stack.auth.userPool),
      COGNITO_CLIENT_ID: ref(stack.auth.userPoolClient),
      BEDROCK_MODEL_ID: DEFAULT_BEDROCK_MODEL_ID,
      ...EXEC_WRAPPER,
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
      ...EXEC_WRAPPER,
    });
  });

  it("gives the tenant role and the table's ARN to users-api only", () => {
    expect(Object.keys(translation?.Environment.Variables ?? {})).not.toContain("TENANT_ROLE_ARN");
    expect(Object.keys(translation?.Environment.Variables ?? {})).not.toContain("TABLE_ARN");
  });

  it("each log to their own log group, kept one month", () => {
    template.resourceCountIs("AWS::Logs::LogGroup", 2);
    expect(translation?.LoggingConfig).toEqual({ LogGroup: ref(stack.translationApiLogs) });
    expect(users?.LoggingConfig).toEqual({ LogGroup: ref(stack.usersApiLogs) });
    expect(
      Object.values(template.findResources("AWS::Logs::LogGroup")).map(
        (group) => group.Properties.RetentionInDays,
      ),
    ).toEqual([30, 30]);
  });

  it("let Lambda update the runtime unless told otherwise", () => {
    for (const props of [translation, users]) {
      expect(props?.RuntimeManagementConfig).toEqual({ UpdateRuntimeOn: "Auto" });
    }
  });

  it("pins the runtime version of both functions when given one, with its Node.js version", () => {
    const pinned = synthStack({ runtimeVersionArn: RUNTIME_ARN, nodeVersion: "24.12.0" });
    const all = Object.values(pinned.template.findResources("AWS::Lambda::Function"));
    expect(all.map((f) => f.Properties.RuntimeManagementConfig)).toEqual([
      { UpdateRuntimeOn: "Manual", RuntimeVersionArn: RUNTIME_ARN },
      { UpdateRuntimeOn: "Manual", RuntimeVersionArn: RUNTIME_ARN },
    ]);
  });

  it("refuses a pinned runtime without its Node.js version while the compile cache is on", () => {
    expect(() => synthStack({ runtimeVersionArn: RUNTIME_ARN, build: {} })).toThrow(
      /runtime is pinned .* but nodeVersion is not set/,
    );
  });

  it("starts Node.js as Lambda does when the exec wrapper is turned off", () => {
    const plain = synthStack({ build: { compileCache: false, execWrapper: false } });
    const all = Object.values(plain.template.findResources("AWS::Lambda::Function"));
    for (const fn of all) {
      expect(fn.Properties.Environment.Variables.AWS_LAMBDA_EXEC_WRAPPER).toBeUndefined();
    }
    expect(filesOf(stagedCode(plain.stack.usersApi))).not.toContain("start-node.sh");
  });

  it("takes the Bedrock model from its props", () => {
    const other = synthStack({ bedrockModelId: "anthropic.claude-v2:1" });
    other.template.hasResourceProperties("AWS::Lambda::Function", {
      Environment: { Variables: { BEDROCK_MODEL_ID: "anthropic.claude-v2:1" } },
    });
  });
});

describe("Lambda functions with the whole cold-start recipe (the defaults)", () => {
  const full = synthStack({ build: {} });

  it.each([
    ["translation-api", () => full.stack.translationApi],
    ["users-api", () => full.stack.usersApi],
  ])("%s ships a compile cache behind its loader, or a warning says why not", (_, fn) => {
    const files = filesOf(stagedCode(fn()));
    const warnings = fn()
      .node.metadata.filter((entry) => entry.type === "aws:cdk:warning")
      .map((entry) => String(entry.data));
    if (files.includes(".node-compile-cache")) {
      expect(isSplitBuild(files, ["handler.mjs", ".node-compile-cache"]), files.join(", ")).toBe(
        true,
      );
      // Not pinned: the cache helps while Lambda runs the Node.js it was made by.
      expect(warnings).toEqual([expect.stringContaining("@org/aws-cdk:compileCacheNotPinned")]);
    } else {
      expect(isSplitBuild(files), files.join(", ")).toBe(true);
      expect(warnings).toEqual([expect.stringMatching(/^compile cache: not made: .*buildSkipped/)]);
    }
  });
});
