import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { types } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { sourceModules, workspacePackages } from "./workspace";

// Load third-party dependencies first (the SDK and Node's loader read variables of their own
// at load time), so that what is checked below is our packages' own import-time work.
for (const pkg of workspacePackages()) {
  const manifest = pkg.manifest as { dependencies?: object; peerDependencies?: object };
  const require = createRequire(join(pkg.dir, "package.json"));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  for (const name of names.filter((n) => !n.startsWith("@org/"))) {
    try {
      await import(pathToFileURL(require.resolve(name)).href);
    } catch {
      // An optional peer that is absent or does not load on its own: not ours to check.
    }
  }
}

// Swap process.env for a proxy that records every read made by our packages' own code (the
// frame that reads is in packages/*/src), then import every module of every package:
// importing must read no variable and create nothing.
const environmentReads: string[] = [];
const readByOurCode = () => {
  const reader = new Error().stack?.split("\n")[3] ?? "";
  return /[\\/]packages[\\/][^\\/]+[\\/]src[\\/]/.test(reader);
};
const realEnv = process.env;
process.env = new Proxy(realEnv, {
  get(target, key, receiver) {
    if (typeof key === "string" && readByOurCode()) environmentReads.push(key);
    return Reflect.get(target, key, receiver);
  },
  has(target, key) {
    if (typeof key === "string" && readByOurCode()) environmentReads.push(key);
    return Reflect.has(target, key);
  },
});

// A test file before this one may have used the core in this worker: start from no state.
const STATE_KEY = Symbol.for("@org/aws-core/state");
delete (globalThis as Record<symbol, unknown>)[STATE_KEY];

const loaded: Record<string, Record<string, unknown>> = {};
for (const pkg of workspacePackages()) {
  for (const file of sourceModules(pkg)) loaded[file] = await import(file);
}
process.env = realEnv;
const stateAfterImport = (globalThis as Record<symbol, unknown>)[STATE_KEY];
afterAll(() => {
  process.env = realEnv;
});

const { getClientCreations } = await import("@org/aws-core");
const { isSdkClient } = await import("../packages/aws-core/src/client/is-sdk-client.ts");

describe("importing every module of every package", () => {
  it("found modules to import", () => {
    expect(Object.keys(loaded).length).toBeGreaterThan(5);
  });

  it("read no environment variable", () => {
    expect(environmentReads).toEqual([]);
  });

  it("made no process-wide state", () => {
    expect(stateAfterImport).toBeUndefined();
  });

  it("created no client, no SDK client and no singleton's value", () => {
    expect(getClientCreations()).toEqual([]);
    for (const [file, exports] of Object.entries(loaded)) {
      for (const [name, value] of Object.entries(exports)) {
        const label = `${file}#${name}`;
        // A lazy facade (lazyDocumentClient) creates its client when a member is read, by
        // design; that importing it created nothing is what getClientCreations() says.
        if (types.isProxy(value)) continue;
        expect(isSdkClient(value), label).toBe(false);
        // Every lazy client, the token verifier and every lazy singleton: nothing to peek at.
        const maybeLazy = value as { peek?: unknown; isCreated?: unknown };
        if (typeof maybeLazy?.peek === "function") {
          expect((maybeLazy.peek as () => unknown)(), label).toBeUndefined();
        }
        if (typeof maybeLazy?.isCreated === "function") {
          expect((maybeLazy.isCreated as () => boolean)(), label).toBe(false);
        }
      }
    }
  });
});
