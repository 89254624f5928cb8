import { afterEach, describe, expect, it, vi } from "vitest";
import { assumeRole } from "../../src/credentials/index";
import { InvalidConfigError } from "../../src/internal";

const provider = vi.hoisted(() =>
  vi.fn(async (_properties?: unknown) => ({ accessKeyId: "ASIAEXAMPLE", secretAccessKey: "s" })),
);
const fromTemporaryCredentials = vi.hoisted(() => vi.fn((_options: unknown) => provider));
vi.mock("@aws-sdk/credential-providers", () => ({ fromTemporaryCredentials }));

afterEach(() => {
  vi.clearAllMocks();
});

const ROLE = "arn:aws:iam::111122223333:role/TenantAccess";

describe("assumeRole", () => {
  it("is the SDK's fromTemporaryCredentials, imported on first use and made once", async () => {
    const policy = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*" }] };
    const credentials = assumeRole({
      roleArn: ROLE,
      sessionPolicy: policy,
      sessionName: "tenant-a",
      externalId: "ext-1",
    });
    expect(fromTemporaryCredentials).not.toHaveBeenCalled();

    const callerClientConfig = { region: "us-west-2" };
    expect(await credentials({ callerClientConfig })).toMatchObject({ accessKeyId: "ASIAEXAMPLE" });
    await credentials({ callerClientConfig });
    expect(fromTemporaryCredentials).toHaveBeenCalledTimes(1);
    expect(fromTemporaryCredentials).toHaveBeenCalledWith({
      params: {
        RoleArn: ROLE,
        RoleSessionName: "tenant-a",
        ExternalId: "ext-1",
        Policy: JSON.stringify(policy),
      },
    });
    // The client's settings reach the SDK's provider (its region, handler and credentials).
    expect(provider).toHaveBeenCalledWith({ callerClientConfig });
  });

  it("names the session 'lambda' and takes a policy as JSON", async () => {
    await assumeRole({ roleArn: ROLE, sessionPolicy: '{"Version":"2012-10-17"}' })();
    expect(fromTemporaryCredentials).toHaveBeenCalledWith({
      params: { RoleArn: ROLE, RoleSessionName: "lambda", Policy: '{"Version":"2012-10-17"}' },
    });
  });

  const refused: [string, unknown, RegExp][] = [
    ["no options", undefined, /Invalid roleArn/],
    ["a malformed role", { roleArn: "arn:aws:iam::1:role/x" }, /Invalid roleArn/],
    ["a user ARN", { roleArn: "arn:aws:iam::111122223333:user/x" }, /Invalid roleArn/],
    ["a one-character session name", { roleArn: ROLE, sessionName: "a" }, /Invalid sessionName/],
    ["a session name with a space", { roleArn: ROLE, sessionName: "a b" }, /Invalid sessionName/],
    ["a policy that is not JSON", { roleArn: ROLE, sessionPolicy: "{" }, /IAM policy document/],
    ["a policy that is a number", { roleArn: ROLE, sessionPolicy: 7 }, /IAM policy document/],
    [
      "a policy over STS's 2048 characters",
      { roleArn: ROLE, sessionPolicy: { Sid: "x".repeat(2048) } },
      /at most 2048/,
    ],
    ["a malformed external id", { roleArn: ROLE, externalId: "a b secret" }, /Invalid externalId/],
  ];

  it.each(refused)("refuses %s at once, with a typed error", (_, options, message) => {
    let error: unknown;
    try {
      assumeRole(options as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidConfigError);
    expect((error as Error).message).toMatch(message);
    // An external id is not echoed.
    expect((error as Error).message).not.toContain("secret");
  });
});
