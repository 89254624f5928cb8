// Publishes every package to a real local registry (verdaccio) the way the release does, then
// installs each one alone with plain npm into a project outside the workspace and checks what
// a user gets: entry points, types, peer ranges, no dev-only dependencies, the tarball's
// contents, and, for the service packages, a bundled handler that runs against a local
// stand-in of its AWS service. Needs `pnpm build` first, like tests/bundle.ts.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import semver from "semver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot, workspacePackages } from "../workspace";
import { CASES, SDK_CLIENTS, type ServiceContext } from "./cases";
import {
  cleanEnv,
  createNpmSandbox,
  createScratchProject,
  type NpmSandbox,
  npmInstall,
  pnpmPublish,
} from "./npm-sandbox";
import {
  bundledPackages,
  exportTargets,
  filesUnder,
  type Manifest,
  parseableNames,
  publishedDependencies,
  publishedFiles,
  readManifest,
  runtimeImports,
  workspaceVersionOf,
} from "./package-checks";
import { run, runCommand } from "./processes";
import { type LocalRegistry, startVerdaccio } from "./verdaccio";

// Dependencies first, as a release publishes them.
const ORDER = ["@org/aws-core", "@org/aws-dynamo", "@org/aws-cognito", "@org/aws-bedrock"];
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);
const packages = workspacePackages().sort((a, b) => rank(a.name) - rank(b.name));
const workspaceVersions = new Map(
  packages.map((p) => [p.name, (p.manifest as unknown as Manifest).version]),
);

const TSC = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
// DynamoDB Local keeps tables per region: the handler runs in the one createTables uses.
// biome-ignore lint/suspicious/noUndeclaredEnvVars: read as createTables reads it, not a build input
const REGION = process.env.AWS_REGION ?? "us-east-1";

// Build, lint and release tools: never in what a user installs.
const TOOLING = [
  "typescript",
  "tsdown",
  "@biomejs/biome",
  "publint",
  "@arethetypeswrong/cli",
  "turbo",
  "@changesets/cli",
  "zod",
];
// Test tools: only @org/aws-testing may bring them.
const TEST_TOOLING = [
  "vitest",
  "esbuild",
  "sinon",
  "aws-sdk-client-mock",
  "aws-sdk-client-mock-vitest",
];

let tempRoot = "";
let registry: LocalRegistry | undefined;
let sandbox: NpmSandbox;
/** Stops of local stand-ins that a test did not get to run. */
const pendingStops = new Set<() => Promise<void>>();

beforeAll(async () => {
  for (const pkg of packages) {
    if (!existsSync(join(pkg.dir, "dist"))) {
      throw new Error(
        `${relative(repoRoot, pkg.dir)}/dist is missing: run "pnpm build" first (this test publishes the built packages)`,
      );
    }
  }
  tempRoot = mkdtempSync(join(tmpdir(), "org-registry-e2e-"));
  // The registry npm is configured with here, read now: verdaccio reads through to it.
  const upstream = (await run("npm", ["config", "get", "registry"], { cwd: repoRoot })).trim();
  expect(upstream, "npm config get registry").toMatch(/^https?:\/\//);
  registry = await startVerdaccio({ dir: join(tempRoot, "verdaccio"), upstream, env: cleanEnv() });
  sandbox = createNpmSandbox(join(tempRoot, "npm"), registry.url);
  for (const pkg of packages) await pnpmPublish(sandbox, pkg.dir);
}, 120_000);

afterAll(async () => {
  for (const stop of pendingStops) await stop().catch(() => undefined);
  await registry?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
}, 60_000);

/** `stop`, at most once. */
function once(stop: () => Promise<void>): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= stop();
    return stopping;
  };
}

/** What `import` or `require` of `specifier` gives a plain Node.js process in `dir`. */
async function load(dir: string, specifier: string, mode: "import" | "require") {
  const s = JSON.stringify(specifier);
  const script =
    mode === "import"
      ? `const m = await import(${s}); console.log(JSON.stringify({ file: import.meta.resolve(${s}), names: Object.keys(m).sort() }))`
      : `const m = require(${s}); console.log(JSON.stringify({ file: require.resolve(${s}), names: Object.keys(m).sort() }))`;
  const args = mode === "import" ? ["--input-type=module", "-e", script] : ["-e", script];
  const output = await run(process.execPath, args, { cwd: dir, env: cleanEnv() });
  return JSON.parse(output) as { file: string; names: string[] };
}

describe.each(packages)("$name, published and installed alone", (pkg) => {
  const manifest = pkg.manifest as unknown as Manifest;
  const testCase = CASES[pkg.name];
  const slug = pkg.name.replace("@", "").replace("/", "-");
  const peers = manifest.peerDependencies ?? {};
  const installedPeers = Object.keys(peers).filter((peer) => !testCase?.skippedPeers?.[peer]);
  let scratch = "";

  beforeAll(async () => {
    if (!testCase) throw new Error(`${pkg.name} has no case in tests/registry/cases.ts: add one`);
    scratch = createScratchProject(join(tempRoot, "scratch", slug), `scratch-${slug}`);
    const specs = [`${pkg.name}@${manifest.version}`];
    for (const peer of installedPeers) {
      const version = workspaceVersionOf(pkg.dir, peer);
      if (!version) throw new Error(`${pkg.name}: the workspace has no copy of its peer ${peer}`);
      specs.push(`${peer}@${version}`);
    }
    await npmInstall(sandbox, scratch, specs);
  }, 180_000);

  it("its tarball holds dist/, README.md, LICENSE (and CHANGELOG.md), no sources or tests", async () => {
    const files = await publishedFiles(
      (registry as LocalRegistry).url,
      pkg.name,
      manifest.version,
      scratch,
    );
    const topLevel = ["package.json", "README.md", "LICENSE"];
    if (existsSync(join(pkg.dir, "CHANGELOG.md"))) topLevel.push("CHANGELOG.md");
    for (const file of topLevel) expect(files, file).toContain(file);
    // All of dist/, as built.
    expect(files.filter((f) => f.startsWith("dist/"))).toEqual(
      filesUnder(join(pkg.dir, "dist"), pkg.dir),
    );
    // Nothing but those and what else "files" names, one by one (aws-testing's launcher), so
    // nothing a run generates beside them (DynamoDB Local's metadata) can ship.
    const named = (manifest.files ?? []).filter((entry) => entry !== "dist");
    for (const entry of named) {
      expect(statSync(join(pkg.dir, entry)).isFile(), `${entry} in "files" is a file`).toBe(true);
    }
    expect(
      files.filter((f) => !topLevel.includes(f) && !named.includes(f) && !f.startsWith("dist/")),
    ).toEqual([]);
    expect(
      files.filter(
        (f) =>
          /(^|\/)(src|test|tests|__tests__|bench)\//.test(f) ||
          /\.(test|spec|bench)\.[cm]?[jt]s$/.test(f) ||
          /^(tsconfig|tsdown\.config|vitest\.config)/.test(f),
      ),
    ).toEqual([]);
    for (const target of exportTargets(manifest.exports)) expect(files, target).toContain(target);
  });

  it("its peer ranges allow the versions the workspace uses, and npm installs those", async () => {
    for (const [peer, range] of Object.entries(publishedDependencies(peers, workspaceVersions))) {
      const version = workspaceVersionOf(pkg.dir, peer);
      expect(version, `the workspace has no ${peer}`).toBeDefined();
      expect(semver.satisfies(version as string, range), `${peer}@${version} in ${range}`).toBe(
        true,
      );
    }
    for (const peer of installedPeers) {
      expect(readManifest(join(scratch, "node_modules", peer)).version, peer).toBe(
        workspaceVersionOf(pkg.dir, peer),
      );
    }
    // npm ls fails on a missing or invalid (out of range) dependency or peer.
    const ls = await runCommand("npm", ["ls", "--all"], { cwd: scratch, env: sandbox.env });
    expect(ls.code, `${ls.stdout}\n${ls.stderr}`).toBe(0);
  });

  it("import and require load each entry point, with the same named exports", async () => {
    const subpaths = Object.keys(manifest.exports ?? { ".": "" }).filter(
      (subpath) => subpath !== "./package.json" && !testCase?.skippedSubpaths?.[subpath],
    );
    const installedDir = join(scratch, "node_modules", pkg.name);
    for (const subpath of subpaths) {
      const specifier = subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`;
      const esm = await load(scratch, specifier, "import");
      const cjs = await load(scratch, specifier, "require");
      expect(esm.file, specifier).toMatch(/\.js$/);
      expect(esm.file.replace(/^file:\/\//, ""), specifier).toContain(installedDir);
      expect(cjs.file, specifier).toMatch(/\.cjs$/);
      expect(cjs.file, specifier).toContain(installedDir);
      expect(esm.names.length, specifier).toBeGreaterThan(0);
      expect(cjs.names, specifier).toEqual(esm.names);
    }
  });

  it("its types resolve for import and require (node16 modules, strict)", async () => {
    if (!testCase) throw new Error(`no case for ${pkg.name}`);
    writeFileSync(join(scratch, "types-esm.ts"), testCase.typesEsm);
    writeFileSync(join(scratch, "types-cjs.cts"), testCase.typesCjs);
    writeFileSync(
      join(scratch, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "node16",
          moduleResolution: "node16",
          target: "es2022",
          lib: ["es2023"],
          strict: true,
          noEmit: true,
          // The package's own declarations are checked too.
          skipLibCheck: false,
          types: ["node"],
          typeRoots: [join(repoRoot, "node_modules", "@types")],
        },
        files: ["types-esm.ts", "types-cjs.cts"],
      }),
    );
    const result = await runCommand(process.execPath, [TSC, "-p", "tsconfig.json", "--listFiles"], {
      cwd: scratch,
      env: cleanEnv(),
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    // The ESM file got the import types, the CommonJS one the require types.
    const dist = join(scratch, "node_modules", pkg.name, "dist");
    expect(result.stdout).toContain(join(dist, "index.d.ts"));
    expect(result.stdout).toContain(join(dist, "index.d.cts"));
  });

  it("needs no devDependency at run time, and brings in no dev tooling", async () => {
    const installedDir = join(scratch, "node_modules", pkg.name);
    const installed = readManifest(installedDir);
    const dependencies = publishedDependencies(manifest.dependencies, workspaceVersions);
    expect(installed.dependencies ?? {}).toEqual(dependencies);
    expect(installed.peerDependencies ?? {}).toEqual(
      publishedDependencies(manifest.peerDependencies, workspaceVersions),
    );
    const declared = new Set([...Object.keys(dependencies), ...Object.keys(peers)]);
    // What its JavaScript loads is declared as a dependency or a peer, never dev-only.
    const loaded = [...(await runtimeImports(join(installedDir, "dist")))].filter(
      (n) => n !== pkg.name,
    );
    expect(loaded.filter((name) => !declared.has(name))).toEqual([]);

    // What npm put under it is exactly what it declares.
    const tree = JSON.parse(
      await run("npm", ["ls", "--omit=dev", "--all", "--json"], { cwd: scratch, env: sandbox.env }),
    ) as { dependencies: Record<string, { dependencies?: Record<string, unknown> }> };
    const children = Object.keys(tree.dependencies[pkg.name]?.dependencies ?? {});
    expect(children.filter((name) => !declared.has(name))).toEqual([]);
    for (const name of Object.keys(dependencies)) expect(children).toContain(name);

    const everything = parseableNames(
      await run("npm", ["ls", "--omit=dev", "--all", "--parseable"], {
        cwd: scratch,
        env: sandbox.env,
      }),
    );
    const devOnly = Object.keys(manifest.devDependencies ?? {}).filter(
      (name) => !declared.has(name) && !/^@(aws-sdk|smithy|org)\//.test(name),
    );
    const forbidden =
      pkg.name === "@org/aws-testing" ? TOOLING : [...TOOLING, ...TEST_TOOLING, ...devOnly];
    expect(forbidden.filter((name) => everything.has(name))).toEqual([]);
    if (declared.size === 0) expect([...everything]).toEqual([pkg.name]);
  });

  // Only the service packages hold a client to bundle; for the others this is skipped.
  it.runIf(testCase?.service !== undefined)(
    `a handler bundled from it holds only its own client and works against a local stand-in${testCase?.service === undefined ? " (skipped: no client in this package)" : ""}`,
    async () => {
      const service = testCase?.service;
      if (!service) return;
      writeFileSync(join(scratch, "handler.ts"), service.handler);
      const runDir = join(tempRoot, "run", slug);
      mkdirSync(runDir, { recursive: true });
      const result = await build({
        entryPoints: [join(scratch, "handler.ts")],
        absWorkingDir: scratch,
        outfile: join(runDir, "handler.mjs"),
        bundle: true,
        minify: true,
        format: "esm",
        platform: "node",
        target: "node22",
        mainFields: ["module", "main"],
        metafile: true,
        legalComments: "none",
        // As the sample apps ship: some CommonJS dependencies call require().
        banner: {
          js: "import{createRequire as __cr}from'module';const require=__cr(import.meta.url);",
        },
        logLevel: "silent",
        tsconfigRaw: "{}",
      });
      const inputs = Object.keys(result.metafile.inputs);
      // Bundled from the installed package, nothing from the workspace.
      expect(inputs).toContain(`node_modules/${pkg.name}/dist/index.js`);
      expect(inputs.filter((input) => input.startsWith("../"))).toEqual([]);
      const bundled = bundledPackages(inputs);
      expect(bundled).toContain(service.client);
      for (const other of SDK_CLIENTS.filter((client) => !(client in peers))) {
        expect(bundled, other).not.toContain(other);
      }

      writeFileSync(
        join(runDir, "invoke.mjs"),
        'import { handler } from "./handler.mjs";\n' +
          "const result = await handler(JSON.parse(process.argv[2]));\n" +
          "process.stdout.write(JSON.stringify(result ?? null));\n",
      );
      const stops: (() => Promise<void>)[] = [];
      const context: ServiceContext = {
        region: REGION,
        async invoke(event, env) {
          const output = await run(process.execPath, ["invoke.mjs", JSON.stringify(event)], {
            cwd: runDir,
            timeoutMs: 60_000,
            // Only what a Lambda function has: no real AWS profile or credentials.
            env: {
              PATH: process.env.PATH,
              HOME: runDir,
              AWS_CONFIG_FILE: join(runDir, "no-aws-config"),
              AWS_SHARED_CREDENTIALS_FILE: join(runDir, "no-aws-credentials"),
              AWS_EC2_METADATA_DISABLED: "true",
              AWS_REGION: REGION,
              AWS_ACCESS_KEY_ID: "local",
              AWS_SECRET_ACCESS_KEY: "local",
              ...env,
            },
          });
          return JSON.parse(output);
        },
        defer(stop) {
          const stopOnce = once(stop);
          stops.push(stopOnce);
          pendingStops.add(stopOnce);
        },
      };
      try {
        await service.exercise(context);
      } finally {
        for (const stop of stops.reverse()) {
          await stop();
          pendingStops.delete(stop);
        }
      }
    },
    150_000,
  );
});

describe("an app that upgrades one package alone", () => {
  const byName = (name: string) => {
    const found = packages.find((p) => p.name === name);
    if (!found) throw new Error(`no ${name} in the workspace`);
    return found;
  };
  const core = byName("@org/aws-core");
  const dynamo = byName("@org/aws-dynamo");
  const current = (core.manifest as unknown as Manifest).version;
  const next = semver.inc(current, "patch") as string;

  // The next patch of the core and of @org/aws-dynamo, as a release would publish them: the
  // same built code, @org/aws-dynamo asking for the new core.
  function publishNext(pkg: (typeof packages)[number]) {
    const copy = join(tempRoot, "next", relative(join(repoRoot, "packages"), pkg.dir));
    mkdirSync(copy, { recursive: true });
    for (const entry of ["dist", "README.md", "LICENSE", "CHANGELOG.md"]) {
      if (existsSync(join(pkg.dir, entry)))
        cpSync(join(pkg.dir, entry), join(copy, entry), { recursive: true });
    }
    const manifest = JSON.parse(readFileSync(join(pkg.dir, "package.json"), "utf8"));
    manifest.version = next;
    delete manifest.devDependencies;
    for (const [name, range] of Object.entries(manifest.dependencies ?? {})) {
      if (String(range).startsWith("workspace:")) manifest.dependencies[name] = `^${next}`;
    }
    writeFileSync(join(copy, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    return pnpmPublish(sandbox, copy);
  }

  it("still runs with one core: the newer @org/aws-dynamo's own copy shares the app's registry and defaults", async () => {
    await publishNext(core);
    await publishNext(dynamo);
    const scratch = createScratchProject(
      join(tempRoot, "scratch", "upgrade-one"),
      "scratch-upgrade-one",
    );
    const sdk = (name: string) => `${name}@${workspaceVersionOf(dynamo.dir, name)}`;
    // The app pins the core it started with, so the upgrade cannot move it.
    await npmInstall(sandbox, scratch, [
      "--save-exact",
      `@org/aws-core@${current}`,
      `@org/aws-dynamo@${current}`,
      sdk("@aws-sdk/client-dynamodb"),
      sdk("@aws-sdk/lib-dynamodb"),
    ]);
    await npmInstall(sandbox, scratch, [`@org/aws-dynamo@${next}`], { fresh: true });

    const script = `
        import { createRequire } from "node:module";
        import { dirname } from "node:path";
        import { configureAwsDefaults, getSingletonCreations, resetAll } from "@org/aws-core";
        import { documentClient, getDocumentClient } from "@org/aws-dynamo";
        const require = createRequire(import.meta.url);
        const dynamoDir = dirname(require.resolve("@org/aws-dynamo/package.json"));
        const cores = [
          require.resolve("@org/aws-core"),
          require.resolve("@org/aws-core", { paths: [dynamoDir] }),
        ];
        configureAwsDefaults({ maxAttempts: 2 });
        const client = getDocumentClient();
        const maxAttempts = await client.config.maxAttempts();
        const created = getSingletonCreations().map((c) => c.name).sort();
        resetAll();
        console.log(JSON.stringify({
          versions: [require("@org/aws-core/package.json").version, require(dynamoDir + "/package.json").version],
          twoCopies: cores[0] !== cores[1],
          created,
          maxAttempts,
          resetReachedIt: !documentClient.isCreated(),
        }));`;
    const output = await run(process.execPath, ["--input-type=module", "-e", script], {
      cwd: scratch,
      env: { ...cleanEnv(), AWS_REGION: "eu-west-1" },
    });
    expect(JSON.parse(output)).toEqual({
      versions: [current, next],
      twoCopies: true,
      created: ["dynamodb", "dynamodb-document"],
      maxAttempts: 2,
      resetReachedIt: true,
    });
  }, 240_000);
});
