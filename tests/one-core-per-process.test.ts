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
type Internal = typeof import("@org/aws-core/internal");
const esm: Core = await import(pathToFileURL(`${dist}index.js`).href);
const cjs: Core = createRequire(import.meta.url)(`${dist}index.cjs`);
const esmInternal: Internal = await import(pathToFileURL(`${dist}internal/index.js`).href);
const cjsInternal: Internal = createRequire(import.meta.url)(`${dist}internal/index.cjs`);
afterAll(() => esm.resetAll());

/** A client of one copy that keeps the configuration it was built with (no SDK needed). */
const probe = (core: Core, name: string) =>
  core.defineClient({
    name,
    create: (config) => ({ config }),
    defaults: { region: "eu-west-1" },
  });

describe("two copies of @org/aws-core in one process", () => {
  it("are two copies (the test would prove nothing otherwise)", () => {
    expect(esm.resetAll).not.toBe(cjs.resetAll);
    expect(esm.AwsCoreError).not.toBe(cjs.AwsCoreError);
    expect(esmInternal.InvalidConfigError).not.toBe(cjsInternal.InvalidConfigError);
  });

  it("share one configuration", () => {
    esm.resetAll();
    esm.configureAwsDefaults({ appId: "one-core" });
    expect(probe(cjs, "from-cjs").client.config.userAgentAppId).toBe("one-core");
    cjs.resetAll();
    expect(probe(esm, "from-esm").client.config.userAgentAppId).toBeUndefined();
    esm.resetAll();
  });

  it("share one registry: creations, hooks, resetAll and the cold-start count", () => {
    esm.resetAll();
    const heard: string[] = [];
    const stop = cjs.onCreate((_, { name }) => {
      heard.push(name);
    });
    const fromEsm = probe(esm, "from-esm");
    const fromCjs = probe(cjs, "from-cjs");
    fromCjs.configure({ appId: "configured" });
    void fromEsm.client;
    expect(fromCjs.client.config.userAgentAppId).toBe("configured");
    expect(esm.getClientCreations().map((c) => c.name)).toEqual(["from-esm", "from-cjs"]);
    expect(heard).toEqual(["from-esm", "from-cjs"]);
    // The first invocation, marked by one copy, is the cold start; the second, by the other, is not.
    const context = { getRemainingTimeInMillis: () => 10_000 };
    esm.withInvocation(context, () => undefined);
    expect(cjs.isColdStart()).toBe(true);
    cjs.withInvocation(context, () => undefined);
    expect(esm.isColdStart()).toBe(false);

    esm.resetAll();
    expect(fromCjs.peek()).toBeUndefined();
    expect(cjs.getClientCreations()).toEqual([]);
    expect(cjs.isColdStart()).toBe(true);
    // Its options are forgotten too: the next one is built as if never configured.
    expect(fromCjs.client.config.userAgentAppId).toBeUndefined();
    stop();
    esm.resetAll();
  });

  it("refuse shared configuration once a client of either copy exists", () => {
    esm.resetAll();
    void probe(cjs, "s3").client;
    expect(() => esm.configureAwsDefaults({ appId: "late" })).toThrow(/s3 already created/);
    esm.resetAll();
  });

  it("recognise each other's errors as AwsCoreError, and subclasses stay exact", () => {
    // An error one copy throws: an invalid option.
    let fromCjs: unknown;
    try {
      probe(cjs, "s3").configure({ requestTimeout: -1 });
    } catch (error) {
      fromCjs = error;
    }
    expect(fromCjs).toBeInstanceOf(cjsInternal.InvalidConfigError);
    expect(fromCjs).toBeInstanceOf(esm.AwsCoreError);
    expect(new esmInternal.InvalidConfigError("s3")).toBeInstanceOf(cjs.AwsCoreError);
    expect(fromCjs instanceof esmInternal.InvalidConfigError).toBe(false);
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
      const probe = core.defineClient({ name: "probe", create: (config) => ({ config }), defaults: { region: "eu-west-1" } });
      console.log(JSON.stringify({ appId: probe.client.config.userAgentAppId }));
      core.resetAll();
    `;
    const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('{"appId":"mine"}');
    expect(run.stderr.match(/AwsCoreWarning/g)).toHaveLength(1);
    expect(run.stderr).toMatch(/separate registries/);
  });
});
