import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

// Two copies of @org/aws-core in one process, as users get them: its ESM and CJS builds side
// by side (a CJS dependency next to ESM code), or two versions after a partial upgrade.
const dist = fileURLToPath(new URL("../packages/aws-core/dist/", import.meta.url));
if (!existsSync(`${dist}index.cjs`))
  throw new Error('packages/aws-core/dist is missing: run "pnpm build"');
type Core = typeof import("@org/aws-core");
const esm: Core = await import(pathToFileURL(`${dist}index.js`).href);
const cjs: Core = createRequire(import.meta.url)(`${dist}index.cjs`);
afterAll(() => esm.resetAll());

describe("two copies of @org/aws-core in one process", () => {
  it("are two copies (the test would prove nothing otherwise)", () => {
    expect(esm.resetAll).not.toBe(cjs.resetAll);
    expect(esm.AwsCoreError).not.toBe(cjs.AwsCoreError);
  });

  it("share one configuration", () => {
    esm.resetAll();
    esm.configureAwsDefaults({ appId: "one-core" });
    expect(cjs.getAwsDefaults()).toEqual({ appId: "one-core" });
    cjs.resetAll();
    expect(esm.getAwsDefaults()).toEqual({});
  });

  it("share one registry: creations, listeners, resetAll and the cold-start count", () => {
    esm.resetAll();
    const heard: string[] = [];
    const stop = cjs.onSingletonCreated(({ name }) => heard.push(name));
    const fromEsm = esm.lazySingleton("from-esm", () => 1);
    const fromCjs = cjs.configurableSingleton("from-cjs", (o: { n?: number }) => o.n ?? 0);
    fromCjs.configure({ n: 2 });
    fromEsm.get();
    fromCjs.get();
    expect(esm.getSingletonCreations().map((c) => c.name)).toEqual(["from-esm", "from-cjs"]);
    expect(heard).toEqual(["from-esm", "from-cjs"]);
    expect(esm.markInvocationStart()).toBe(true);
    expect(cjs.markInvocationStart()).toBe(false);

    esm.resetAll();
    expect(fromCjs.isCreated()).toBe(false);
    expect(fromCjs.options()).toEqual({});
    expect(cjs.getSingletonCreations()).toEqual([]);
    expect(cjs.isColdStart()).toBe(true);
    stop();
  });

  it("refuse shared configuration once a client of either copy exists", () => {
    esm.resetAll();
    const client = { send: async () => ({}), middlewareStack: {} };
    const s3 = cjs.defineClient({
      name: "s3",
      create: () => client,
      defaults: { region: "eu-west-1" },
    });
    s3.get();
    expect(() => esm.configureAwsDefaults({ appId: "late" })).toThrow(/s3 already created/);
    esm.resetAll();
  });

  it("recognise each other's errors as AwsCoreError, and subclasses stay exact", () => {
    const fromCjs = new cjs.MissingRegionError("s3");
    expect(fromCjs).toBeInstanceOf(esm.AwsCoreError);
    expect(new esm.InvalidClientError("s3")).toBeInstanceOf(cjs.AwsCoreError);
    expect(fromCjs).toBeInstanceOf(cjs.MissingRegionError);
    expect(fromCjs instanceof esm.MissingRegionError).toBe(false);
    expect(new Error("x") instanceof esm.AwsCoreError).toBe(false);
    expect((null as unknown as object) instanceof esm.AwsCoreError).toBe(false);
  });
});

describe("a copy whose state has another layout", () => {
  it("keeps its own state and warns once", () => {
    const script = `
      globalThis[Symbol.for("@org/aws-core/state")] = { layout: 0 };
      const core = require(${JSON.stringify(`${dist}index.cjs`)});
      core.configureAwsDefaults({ appId: "mine" });
      console.log(JSON.stringify(core.getAwsDefaults()));
      core.resetAll();
    `;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('{"appId":"mine"}');
    expect(run.stderr.match(/AwsCoreWarning/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/separate registries/);
  });
});
