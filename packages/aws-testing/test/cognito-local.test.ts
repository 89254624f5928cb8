import { existsSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { createUser, signIn, startCognitoLocal } from "../src/local/index";

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("startCognitoLocal", () => {
  it("serves a pool on 127.0.0.1 whose tokens carry the real issuer, and cleans up on stop", async () => {
    const cognito = await startCognitoLocal({ region: "eu-central-1" });
    try {
      expect(cognito.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(cognito.userPoolId).toBe("eu-central-1_LocalPool1");
      const clientId = await cognito.createClient();
      await createUser(cognito, { username: "lin", password: "pw-123456", groups: ["a", "b"] });
      const { accessToken } = await signIn(cognito, {
        clientId,
        username: "lin",
        password: "pw-123456",
      });
      const claims = JSON.parse(
        Buffer.from(accessToken.split(".")[1] as string, "base64url").toString(),
      );
      expect(claims).toMatchObject({
        iss: "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_LocalPool1",
        username: "lin",
        client_id: clientId,
        token_use: "access",
        "cognito:groups": ["a", "b"],
      });
    } finally {
      await cognito.stop();
    }
    expect(existsSync(cognito.dataDir)).toBe(false);
    await vi.waitFor(() => expect(isRunning(cognito.pid)).toBe(false));
  });
});
