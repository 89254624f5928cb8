import { connect } from "node:net";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalServiceError, type LocalSts, startLocalSts } from "../src/local/index";

const ROLE_ARN = "arn:aws:iam::111122223333:role/tenants/TenantReader";
const POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Action: "dynamodb:GetItem", Resource: "*" }],
};

// The function's own credentials, from the environment, as in Lambda; never a real profile.
function useStaticCredentials(sts: LocalSts) {
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDLOCALCALLER");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local-secret");
  vi.stubEnv("AWS_SESSION_TOKEN", undefined);
  vi.stubEnv("AWS_PROFILE", undefined);
  vi.stubEnv("AWS_ENDPOINT_URL_STS", sts.endpoint);
}

const assume = (params: {
  RoleArn: string;
  RoleSessionName?: string;
  Policy?: string;
  ExternalId?: string;
  DurationSeconds?: number;
}) => fromTemporaryCredentials({ params, clientConfig: { region: "us-east-1" } })();

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });

describe("startLocalSts", () => {
  let sts: LocalSts;
  beforeAll(async () => {
    sts = await startLocalSts();
  });
  afterAll(() => sts?.stop());
  beforeEach(() => {
    sts.assumedRoles.length = 0;
    useStaticCredentials(sts);
  });

  it("answers the SDK's AssumeRole with the credentials it records", async () => {
    expect(sts.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const before = Date.now();
    const credentials = await assume({
      RoleArn: ROLE_ARN,
      RoleSessionName: "tenant-a",
      Policy: JSON.stringify(POLICY),
      ExternalId: "ext-123",
    });

    expect(sts.assumedRoles).toHaveLength(1);
    const [assumed] = sts.assumedRoles;
    expect(assumed).toEqual({
      roleArn: ROLE_ARN,
      sessionName: "tenant-a",
      policy: POLICY,
      externalId: "ext-123",
      durationSeconds: undefined,
      region: "us-east-1",
      accessKeyId: expect.stringMatching(/^ASIA[A-Z2-7]{16}$/),
      sessionToken: expect.any(String),
      expiration: expect.any(Date),
    });
    expect(credentials).toMatchObject({
      accessKeyId: assumed?.accessKeyId,
      sessionToken: assumed?.sessionToken,
      secretAccessKey: expect.stringMatching(/^[A-Za-z0-9+/]{40}$/),
      expiration: assumed?.expiration,
    });
    // STS's default: one hour.
    const lifetime = (credentials.expiration?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(3595_000);
    expect(lifetime).toBeLessThanOrEqual(3600_000 + (Date.now() - before));
  });

  it("issues fresh credentials at each call, and records a request without policy as such", async () => {
    const first = await assume({ RoleArn: ROLE_ARN, RoleSessionName: "s-1" });
    const second = await assume({ RoleArn: ROLE_ARN, RoleSessionName: "s-1" });
    expect(first.accessKeyId).not.toBe(second.accessKeyId);
    expect(first.secretAccessKey).not.toBe(second.secretAccessKey);
    expect(sts.assumedRoles.map((r) => [r.policy, r.externalId])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });

  it("honours DurationSeconds", async () => {
    const before = Date.now();
    const credentials = await assume({
      RoleArn: ROLE_ARN,
      RoleSessionName: "short",
      DurationSeconds: 900,
    });
    expect(sts.assumedRoles[0]?.durationSeconds).toBe(900);
    const lifetime = (credentials.expiration?.getTime() ?? 0) - before;
    expect(lifetime).toBeGreaterThan(895_000);
    expect(lifetime).toBeLessThanOrEqual(900_000 + (Date.now() - before));
  });

  it("answers an assumed role's ARN and id as STS does", async () => {
    const response = await fetch(sts.endpoint, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization:
          "AWS4-HMAC-SHA256 Credential=AKID/20250101/eu-west-1/sts/aws4_request, SignedHeaders=host, Signature=0",
      },
      body: new URLSearchParams({
        Action: "AssumeRole",
        Version: "2011-06-15",
        RoleArn: ROLE_ARN,
        RoleSessionName: "tenant-b",
      }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/xml");
    const xml = await response.text();
    expect(xml).toContain(
      "<Arn>arn:aws:sts::111122223333:assumed-role/TenantReader/tenant-b</Arn>",
    );
    expect(xml).toMatch(/<AssumedRoleId>AROA[A-Z2-7]{17}:tenant-b<\/AssumedRoleId>/);
    expect(sts.assumedRoles[0]?.region).toBe("eu-west-1");
  });

  describe("refuses what STS refuses, with errors the SDK names", () => {
    it.each([
      ["a malformed role ARN", { RoleArn: "arn:aws:iam::1234:role/Short" }, /is invalid/],
      ["a user's ARN", { RoleArn: "arn:aws:iam::111122223333:user/ada" }, /is invalid/],
      [
        "a session name with a space",
        { RoleArn: ROLE_ARN, RoleSessionName: "tenant a" },
        /roleSessionName/,
      ],
      [
        "a policy over 2048 characters",
        { RoleArn: ROLE_ARN, Policy: JSON.stringify({ Statement: [], pad: "x".repeat(2048) }) },
        /less than or equal to 2048/,
      ],
      ["a DurationSeconds under 900", { RoleArn: ROLE_ARN, DurationSeconds: 899 }, /900 to 43200/],
      [
        "a DurationSeconds over 43200",
        { RoleArn: ROLE_ARN, DurationSeconds: 43_201 },
        /900 to 43200/,
      ],
      ["an external id with a space", { RoleArn: ROLE_ARN, ExternalId: "a b" }, /externalId/],
    ])("%s: ValidationError", async (_, params, message) => {
      const error = await assume({ RoleSessionName: "s-1", ...params }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: "ValidationError",
        message: expect.stringMatching(message),
        $fault: "client",
        $metadata: { httpStatusCode: 400, requestId: expect.any(String) },
      });
      expect(sts.assumedRoles).toEqual([]);
    });

    it.each([
      ["not JSON", "{ Version: 2012-10-17 "],
      ["JSON, not a document", '["s3:*"]'],
    ])("a policy that is %s: MalformedPolicyDocumentException", async (_, Policy) => {
      const error = await assume({ RoleArn: ROLE_ARN, RoleSessionName: "s-1", Policy }).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({
        name: "MalformedPolicyDocumentException",
        message: "The policy is not in the valid JSON format.",
        $metadata: { httpStatusCode: 400 },
      });
      expect(sts.assumedRoles).toEqual([]);
    });
  });

  describe("refuses what is not a signed AssumeRole", () => {
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(sts.endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
        body: new URLSearchParams(body),
      });
    const signed = {
      authorization:
        "AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=0",
    };

    it("an unsigned request: 403 MissingAuthenticationToken", async () => {
      const response = await post({
        Action: "AssumeRole",
        RoleArn: ROLE_ARN,
        RoleSessionName: "s",
      });
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    });

    it("another action: 400 InvalidAction", async () => {
      const response = await post({ Action: "GetCallerIdentity", Version: "2011-06-15" }, signed);
      expect(response.status).toBe(400);
      const xml = await response.text();
      expect(xml).toContain("<Code>InvalidAction</Code>");
      expect(xml).toContain("<Type>Sender</Type>");
    });

    it("a missing role ARN or session name: 400 ValidationError", async () => {
      for (const body of [{ RoleSessionName: "s-1" }, { RoleArn: ROLE_ARN }]) {
        const response = await post({ Action: "AssumeRole", ...body }, signed);
        expect(response.status).toBe(400);
        expect(await response.text()).toMatch(/<Code>ValidationError<\/Code>.*must not be null/);
      }
    });

    it("a body over 64 KiB: 400 ValidationError, nothing recorded", async () => {
      const response = await post(
        {
          Action: "AssumeRole",
          RoleArn: ROLE_ARN,
          RoleSessionName: "s-1",
          Pad: "x".repeat(70_000),
        },
        signed,
      );
      expect(response.status).toBe(400);
      expect(await response.text()).toContain("Request body over 65536 bytes");
      expect(sts.assumedRoles).toEqual([]);
    });

    it("escapes what it echoes in its XML", async () => {
      const response = await post(
        { Action: "AssumeRole", RoleArn: "<x>&", RoleSessionName: "s-1" },
        signed,
      );
      expect(await response.text()).toContain("&lt;x&gt;&amp; is invalid");
    });
  });
});

describe("startLocalSts options", () => {
  it("credentialsLifetimeSeconds overrides DurationSeconds", async () => {
    const sts = await startLocalSts({ credentialsLifetimeSeconds: 60 });
    try {
      useStaticCredentials(sts);
      const before = Date.now();
      const credentials = await assume({
        RoleArn: ROLE_ARN,
        RoleSessionName: "s-1",
        DurationSeconds: 7200,
      });
      const lifetime = (credentials.expiration?.getTime() ?? 0) - before;
      // Issued at some moment of the call, whole seconds (as STS writes them).
      expect(lifetime).toBeGreaterThan(55_000);
      expect(lifetime).toBeLessThanOrEqual(60_000 + (Date.now() - before));
      expect(sts.assumedRoles[0]).toMatchObject({ durationSeconds: 7200 });
      expect(sts.assumedRoles[0]?.expiration).toEqual(credentials.expiration);
    } finally {
      await sts.stop();
    }
  });

  it("listens on the given port, and stop() frees it and closes open connections", async () => {
    const probe = await startLocalSts();
    const port = probe.port;
    await probe.stop();

    const sts = await startLocalSts({ port });
    expect(sts.endpoint).toBe(`http://127.0.0.1:${port}`);
    useStaticCredentials(sts);
    await assume({ RoleArn: ROLE_ARN, RoleSessionName: "s-1" }); // leaves a kept-alive socket
    const idle = connect(port, "127.0.0.1");
    await new Promise((resolve) => idle.once("connect", resolve));
    const closed = new Promise((resolve) => idle.once("close", resolve));

    await sts.stop();
    await closed;
    expect(await portIsFree(port)).toBe(true);
  });

  it("a taken port is a LocalServiceError", async () => {
    const sts = await startLocalSts();
    try {
      await expect(startLocalSts({ port: sts.port })).rejects.toThrow(LocalServiceError);
    } finally {
      await sts.stop();
    }
  });

  it.each([
    [{ port: -1 }, /port must be an integer from 0 to 65535/],
    [{ port: 1.5 }, /port/],
    [{ credentialsLifetimeSeconds: 0 }, /credentialsLifetimeSeconds must be an integer from 1/],
    [{ credentialsLifetimeSeconds: 43_201 }, /to 43200, got 43201/],
  ])("rejects %o", async (options, message) => {
    const error = await startLocalSts(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalServiceError);
    expect((error as Error).message).toMatch(message);
  });
});
