import { createServer } from "node:net";
import { resetAll } from "@org/aws-core";
import { createTestTokenIssuer } from "@org/aws-testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CognitoError, cognito, getUserFromToken } from "../../src/index";

// The real SDK client, no mock: Cognito's endpoint is a port nothing listens on.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

// A token of the function's user pool: getUserFromToken refuses any other before calling.
const issuer = createTestTokenIssuer({ userPoolId: "eu-west-1_ThisPool1", clientId: "web" });

beforeEach(async () => {
  vi.stubEnv("AWS_REGION", "eu-west-1");
  vi.stubEnv("COGNITO_USER_POOL_ID", issuer.userPoolId);
  vi.stubEnv("COGNITO_CLIENT_ID", issuer.clientId);
  vi.stubEnv("AWS_ACCESS_KEY_ID", "local");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "local");
  vi.stubEnv(
    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
    `http://127.0.0.1:${await closedPort()}`,
  );
});
afterEach(() => {
  vi.unstubAllEnvs();
  resetAll();
});

describe("Cognito out of reach", () => {
  it("getUserFromToken rejects with a CognitoError of kind unavailable (503)", async () => {
    const token = issuer.sign();
    const error = await getUserFromToken(token).catch((e) => e);
    expect(error).toBeInstanceOf(CognitoError);
    expect(error).toMatchObject({
      name: "CognitoUnavailableError",
      kind: "unavailable",
      safeMessage: "Service Unavailable",
    });
    expect(error.cause).toMatchObject({ code: "ECONNREFUSED" });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.message).not.toContain(token);
    // The client was created and stays: only the call failed.
    expect(cognito.peek()).toBeDefined();
  });
});
