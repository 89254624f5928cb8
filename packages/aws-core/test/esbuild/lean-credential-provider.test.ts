import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { lambdaLean } from "../../src/esbuild/index";
import { bundle, importBundle, sdkPackageDir } from "./bundle-helpers";

interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
type Provider = (options?: { forceRefresh?: boolean }) => Promise<Credentials>;
interface ChainModule {
  defaultProvider: (init?: object) => Provider;
  credentialsWillNeedRefresh: (credentials: Partial<Credentials>) => boolean;
  credentialsTreatedAsExpired: (credentials: Partial<Credentials>) => boolean;
}

// The SDK's own import, from where the SDK's clients import it, through the plugin.
const chainImport = {
  contents: `export * from "@aws-sdk/credential-provider-node";`,
  resolveDir: sdkPackageDir("@aws-sdk/client-dynamodb"),
};

const CREDENTIAL_VARIABLES = [
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_CREDENTIAL_EXPIRATION",
  "AWS_PROFILE",
  "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
  "AWS_CONTAINER_CREDENTIALS_FULL_URI",
  "AWS_CONTAINER_AUTHORIZATION_TOKEN",
];

let lean: ChainModule;
let envOnly: ChainModule;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  const loaded = await importBundle<ChainModule>((await bundle(chainImport, [lambdaLean()])).code);
  const loadedEnvOnly = await importBundle<ChainModule>(
    (await bundle(chainImport, [lambdaLean({ containerCredentials: false })])).code,
  );
  lean = loaded.module;
  envOnly = loadedEnvOnly.module;
  cleanups.push(loaded.cleanup, loadedEnvOnly.cleanup);
});
afterAll(() => {
  for (const cleanup of cleanups) cleanup();
});

function clearCredentialVariables(): void {
  for (const name of CREDENTIAL_VARIABLES) vi.stubEnv(name, undefined);
}
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the lean credential chain", () => {
  it("keeps the exports of @aws-sdk/credential-provider-node", () => {
    expect(Object.keys(lean).sort()).toEqual([
      "credentialsTreatedAsExpired",
      "credentialsWillNeedRefresh",
      "defaultProvider",
    ]);
  });

  it("reads Lambda's credentials from the environment, once", async () => {
    clearCredentialVariables();
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDLAMBDA");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    vi.stubEnv("AWS_SESSION_TOKEN", "session");
    const provider = lean.defaultProvider();
    const first = await provider();
    expect(first).toMatchObject({
      accessKeyId: "AKIDLAMBDA",
      secretAccessKey: "secret",
      sessionToken: "session",
    });
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDCHANGED");
    expect(await provider()).toBe(first);
    // forceRefresh looks again, as the SDK's chain does.
    expect(await provider({ forceRefresh: true })).toMatchObject({ accessKeyId: "AKIDCHANGED" });
  });

  it("uses environment credentials even when AWS_PROFILE is set (no profiles in a lean bundle)", async () => {
    clearCredentialVariables();
    vi.stubEnv("AWS_PROFILE", "dev");
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDENV");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    expect(await lean.defaultProvider()()).toMatchObject({ accessKeyId: "AKIDENV" });
  });

  it("loads again once credentials have expired", async () => {
    clearCredentialVariables();
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDOLD");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    vi.stubEnv("AWS_CREDENTIAL_EXPIRATION", new Date(Date.now() - 1_000).toISOString());
    const provider = lean.defaultProvider();
    expect(await provider()).toMatchObject({ accessKeyId: "AKIDOLD" });
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDNEW");
    vi.stubEnv("AWS_CREDENTIAL_EXPIRATION", new Date(Date.now() + 3_600_000).toISOString());
    expect(await provider()).toMatchObject({ accessKeyId: "AKIDNEW" });
  });

  it("fails with a CredentialsProviderError naming the lean build when nothing is set", async () => {
    clearCredentialVariables();
    const failure = lean.defaultProvider()();
    await expect(failure).rejects.toMatchObject({
      name: "CredentialsProviderError",
      tryNextLink: false,
    });
    await expect(lean.defaultProvider()()).rejects.toThrow(/lambdaLean\(\)/);
    await expect(envOnly.defaultProvider()()).rejects.toThrow(/environment variables only/);
  });

  it("has the SDK's expiry helpers", () => {
    const soon = new Date(Date.now() + 60_000);
    const later = new Date(Date.now() + 3_600_000);
    expect(lean.credentialsWillNeedRefresh({ expiration: soon })).toBe(true);
    expect(lean.credentialsWillNeedRefresh({})).toBe(false);
    expect(lean.credentialsTreatedAsExpired({ expiration: soon })).toBe(true);
    expect(lean.credentialsTreatedAsExpired({ expiration: later })).toBe(false);
    expect(lean.credentialsTreatedAsExpired({})).toBe(false);
  });

  describe("container credentials", () => {
    let server: Server;
    let url: string;
    const requests: (string | undefined)[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        requests.push(request.headers.authorization);
        response.setHeader("content-type", "application/json");
        response.end(
          JSON.stringify({
            AccessKeyId: "AKIDCONTAINER",
            SecretAccessKey: "container-secret",
            Token: "container-token",
            Expiration: new Date(Date.now() + 3_600_000).toISOString(),
          }),
        );
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/credentials`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("are the fallback when the environment has no keys", async () => {
      clearCredentialVariables();
      vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
      vi.stubEnv("AWS_CONTAINER_AUTHORIZATION_TOKEN", "container-auth");
      const credentials = await lean.defaultProvider()();
      expect(credentials).toMatchObject({
        accessKeyId: "AKIDCONTAINER",
        secretAccessKey: "container-secret",
        sessionToken: "container-token",
      });
      expect(credentials.expiration).toBeInstanceOf(Date);
      expect(requests).toEqual(["container-auth"]);
    });

    it("are not asked for when the environment has keys", async () => {
      clearCredentialVariables();
      requests.length = 0;
      vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDENV");
      vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
      vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
      expect(await lean.defaultProvider()()).toMatchObject({ accessKeyId: "AKIDENV" });
      expect(requests).toEqual([]);
    });

    it("are gone with containerCredentials: false", async () => {
      clearCredentialVariables();
      vi.stubEnv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url);
      await expect(envOnly.defaultProvider()()).rejects.toThrow(/environment variables only/);
    });
  });
});
