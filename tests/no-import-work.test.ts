import { afterAll, describe, expect, it } from "vitest";
import { sourceModules, workspacePackages } from "./workspace";

// Swap process.env for a proxy that records every read, then import every module of every
// package: importing must read no variable and create nothing.
const environmentReads: string[] = [];
const realEnv = process.env;
process.env = new Proxy(realEnv, {
  get(target, key, receiver) {
    if (typeof key === "string") environmentReads.push(key);
    return Reflect.get(target, key, receiver);
  },
  has(target, key) {
    if (typeof key === "string") environmentReads.push(key);
    return Reflect.has(target, key);
  },
});

const loaded: Record<string, Record<string, unknown>> = {};
for (const pkg of workspacePackages()) {
  for (const file of sourceModules(pkg)) loaded[file] = await import(file);
}
process.env = realEnv;
afterAll(() => {
  process.env = realEnv;
});

const { getSingletonCreations, isSdkClient } = await import("@org/aws-core");

describe("importing every module of every package", () => {
  it("found modules to import", () => {
    expect(Object.keys(loaded).length).toBeGreaterThan(5);
  });

  it("read no environment variable", () => {
    expect(environmentReads).toEqual([]);
  });

  it("created no singleton and no SDK client", () => {
    expect(getSingletonCreations()).toEqual([]);
    for (const [file, exports] of Object.entries(loaded)) {
      for (const [name, value] of Object.entries(exports)) {
        const label = `${file}#${name}`;
        expect(isSdkClient(value), label).toBe(false);
        const maybeSingleton = value as { isCreated?: unknown };
        if (typeof maybeSingleton?.isCreated === "function") {
          expect((maybeSingleton.isCreated as () => boolean)(), label).toBe(false);
        }
      }
    }
  });
});
