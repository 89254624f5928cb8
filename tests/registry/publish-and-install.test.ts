// Publishes every package to a real local registry (verdaccio) the way the release does, then
// installs each one alone with plain npm into a project outside the workspace and checks what
// a user gets: entry points, types, peer ranges, no dev-only dependencies, the tarball's
// contents, and, for the service packages, a bundled handler that runs against a local
// stand-in of its AWS service. Each package is also installed with only its required peers
// (its optional SDK peers left out): every entry point must bundle with esbuild and load, and
// a handler must work until it uses a client whose SDK is missing, which then says what to
// install. Needs `pnpm build` first, like tests/bundle.ts.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { type BuildOptions, build, type Metafile } from "esbuild";
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

// How the sample apps bundle a handler: one minified ESM file for Node.js 22.
const HANDLER_BUILD = {
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
} as const satisfies BuildOptions;

/**
 * Bundles `source` (a handler in TypeScript) from the packages installed in `projectDir`, to
 * `<outDir>/<name>.mjs`. A build error fails it; the packages esbuild could not resolve but
 * built around (an `import()` with a `.catch` on it, left in the output as it was) are in
 * `unresolved`.
 */
async function bundleIn(projectDir: string, name: string, source: string, outDir: string) {
  writeFileSync(join(projectDir, `${name}.ts`), source);
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    ...HANDLER_BUILD,
    entryPoints: [join(projectDir, `${name}.ts`)],
    absWorkingDir: projectDir,
    outfile: join(outDir, `${name}.mjs`),
  });
  return {
    file: join(outDir, `${name}.mjs`),
    inputs: Object.keys(result.metafile.inputs),
    unresolved: unresolvedPackages(result.metafile),
  };
}

/** The packages a bundle still imports (it could not resolve them), Node.js built-ins aside. */
function unresolvedPackages(metafile: Metafile): string[] {
  const names = Object.values(metafile.outputs)
    .flatMap((output) => output.imports)
    .filter(({ path, external }) => external && !/^(node:|\.|\/)/.test(path))
    .map(({ path }) => {
      const parts = path.split("/");
      return path.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
    })
    .filter((name) => !builtinModules.includes(name));
  return [...new Set(names)].sort();
}

/**
 * A {@link ServiceContext} that runs `<runDir>/<name>.mjs`'s `handler` in a child `node` with
 * only what a Lambda function has (no AWS profile or credentials of this machine).
 */
function serviceContext(
  runDir: string,
  name: string,
  stops: (() => Promise<void>)[],
): ServiceContext {
  const invoker = `invoke-${name}.mjs`;
  writeFileSync(
    join(runDir, invoker),
    `import { handler } from "./${name}.mjs";\n` +
      "const result = await handler(JSON.parse(process.argv[2]));\n" +
      "process.stdout.write(JSON.stringify(result ?? null));\n",
  );
  return {
    region: REGION,
    async invoke(event, env) {
      const output = await run(process.execPath, [invoker, JSON.stringify(event)], {
        cwd: runDir,
        timeoutMs: 60_000,
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
}

/** Runs `exercise` with a context for `<runDir>/<name>.mjs`, then stops what it started. */
async function exerciseBundle(
  runDir: string,
  name: string,
  exercise: (context: ServiceContext) => Promise<void>,
): Promise<void> {
  const stops: (() => Promise<void>)[] = [];
  try {
    await exercise(serviceContext(runDir, name, stops));
  } finally {
    for (const stop of stops.reverse()) {
      await stop();
      pendingStops.delete(stop);
    }
  }
}

describe.each(packages)("$name, published and installed alone", (pkg) => {
  const manifest = pkg.manifest as unknown as Manifest;
  const testCase = CASES[pkg.name];
  const slug = pkg.name.replace("@", "").replace("/", "-");
  const peers = manifest.peerDependencies ?? {};
  const installedPeers = Object.keys(peers).filter((peer) => !testCase?.skippedPeers?.[peer]);
  const requiredPeers = Object.keys(peers).filter(
    (peer) => manifest.peerDependenciesMeta?.[peer]?.optional !== true,
  );
  const optionalPeers = Object.keys(peers).filter((peer) => !requiredPeers.includes(peer));
  // Its public entry points (./package.json aside).
  const entryPoints = Object.keys(manifest.exports ?? { ".": "" })
    .filter((subpath) => subpath !== "./package.json")
    .map((subpath) => ({
      subpath,
      specifier: subpath === "." ? pkg.name : `${pkg.name}/${subpath.slice(2)}`,
    }));
  let scratch = "";
  /** A project with the package and its required peers only (`scratch` when that is all). */
  let requiredOnly = "";

  beforeAll(async () => {
    if (!testCase) throw new Error(`${pkg.name} has no case in tests/registry/cases.ts: add one`);
    const specs = (names: readonly string[]) => [
      `${pkg.name}@${manifest.version}`,
      ...names.map((peer) => {
        const version = workspaceVersionOf(pkg.dir, peer);
        if (!version) throw new Error(`${pkg.name}: the workspace has no copy of its peer ${peer}`);
        return `${peer}@${version}`;
      }),
    ];
    scratch = createScratchProject(join(tempRoot, "scratch", slug), `scratch-${slug}`);
    requiredOnly = scratch;
    const installs = [npmInstall(sandbox, scratch, specs(installedPeers))];
    if (installedPeers.some((peer) => !requiredPeers.includes(peer))) {
      requiredOnly = createScratchProject(
        join(tempRoot, "scratch", `${slug}-required-peers`),
        `scratch-${slug}-required-peers`,
      );
      installs.push(npmInstall(sandbox, requiredOnly, specs(requiredPeers)));
    }
    await Promise.all(installs);
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
    const installedDir = join(scratch, "node_modules", pkg.name);
    for (const { subpath, specifier } of entryPoints) {
      if (testCase?.skippedSubpaths?.[subpath]) continue;
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
    const byDesign = testCase?.tools ?? {};
    expect(forbidden.filter((name) => everything.has(name) && !byDesign[name])).toEqual([]);
    if (declared.size === 0) expect([...everything]).toEqual([pkg.name]);
  });

  it("each entry point bundles with esbuild, and loads, with only its required peers installed", async () => {
    // npm installs no optional peer on its own (one may still come as another's required peer).
    const absent = optionalPeers.filter(
      (peer) => !existsSync(join(requiredOnly, "node_modules", peer)),
    );
    const runDir = join(tempRoot, "run", `${slug}-required-peers`);
    const unresolved = new Set<string>();
    for (const [index, { subpath, specifier }] of entryPoints.entries()) {
      if (testCase?.skippedBundles?.[subpath]) continue;
      // Every export kept (no tree shaking): the whole entry must bundle.
      const source = `import * as entry from "${specifier}";\nconsole.log(JSON.stringify(Object.keys(entry)));\n`;
      const bundle = await bundleIn(requiredOnly, `entry-${index}`, source, runDir);
      expect(bundle.inputs.some((input) => input.startsWith(`node_modules/${pkg.name}/`))).toBe(
        true,
      );
      // What esbuild left out is an absent optional peer, imported on first use only...
      expect(
        bundle.unresolved.filter((name) => !absent.includes(name)),
        specifier,
      ).toEqual([]);
      for (const name of bundle.unresolved) unresolved.add(name);
      // ...so the bundle loads without it.
      const names = JSON.parse(await run(process.execPath, [bundle.file], { cwd: runDir }));
      expect(names.length, specifier).toBeGreaterThan(0);
    }
    // An optional SDK peer an entry imports on first use: a case shows the error it gives.
    expect(
      [...unresolved].sort(),
      `the optional peers ${pkg.name}'s entries import on first use; tests/registry/cases.ts must show what a missing one does (withoutOptionalPeers)`,
    ).toEqual([...(testCase?.withoutOptionalPeers?.missing ?? [])].sort());
  }, 120_000);

  it.runIf(testCase?.withoutOptionalPeers !== undefined)(
    `without its optional SDK peers, a bundled handler works until it uses a client whose SDK is missing, which names the package to install${testCase?.withoutOptionalPeers === undefined ? " (skipped: no optional SDK peer)" : ""}`,
    async () => {
      const missingPeers = testCase?.withoutOptionalPeers;
      if (!missingPeers) return;
      const runDir = join(tempRoot, "run", `${slug}-required-peers`);
      const { inputs, unresolved } = await bundleIn(
        requiredOnly,
        "handler",
        missingPeers.handler,
        runDir,
      );
      for (const missing of missingPeers.missing) {
        expect(existsSync(join(requiredOnly, "node_modules", missing)), missing).toBe(false);
      }
      expect(unresolved).toEqual([...missingPeers.missing].sort());
      const bundled = bundledPackages(inputs);
      for (const missing of missingPeers.missing) expect(bundled).not.toContain(missing);
      await exerciseBundle(runDir, "handler", missingPeers.exercise);
    },
    150_000,
  );

  // Only the service packages hold a client to bundle; for the others this is skipped.
  it.runIf(testCase?.service !== undefined)(
    `a handler bundled from it holds only its own client and works against a local stand-in${testCase?.service === undefined ? " (skipped: no client in this package)" : ""}`,
    async () => {
      const service = testCase?.service;
      if (!service) return;
      const runDir = join(tempRoot, "run", slug);
      const { inputs } = await bundleIn(scratch, "handler", service.handler, runDir);
      // Bundled from the installed package, nothing from the workspace.
      expect(inputs).toContain(`node_modules/${pkg.name}/dist/index.js`);
      expect(inputs.filter((input) => input.startsWith("../"))).toEqual([]);
      const bundled = bundledPackages(inputs);
      expect(bundled).toContain(service.client);
      for (const other of SDK_CLIENTS.filter((client) => !(client in peers))) {
        expect(bundled, other).not.toContain(other);
      }
      await exerciseBundle(runDir, "handler", service.exercise);
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
        import { configureAwsDefaults, getClientCreations, resetAll } from "@org/aws-core";
        import { documentClient } from "@org/aws-dynamo";
        const require = createRequire(import.meta.url);
        const dynamoDir = dirname(require.resolve("@org/aws-dynamo/package.json"));
        const cores = [
          require.resolve("@org/aws-core"),
          require.resolve("@org/aws-core", { paths: [dynamoDir] }),
        ];
        configureAwsDefaults({ maxAttempts: 2 });
        const client = documentClient.client;
        const maxAttempts = await client.config.maxAttempts();
        const created = getClientCreations().map((c) => c.name).sort();
        resetAll();
        console.log(JSON.stringify({
          versions: [require("@org/aws-core/package.json").version, require(dynamoDir + "/package.json").version],
          twoCopies: cores[0] !== cores[1],
          created,
          maxAttempts,
          resetReachedIt: documentClient.peek() === undefined,
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

describe("a function built with buildLambda() from the installed packages", () => {
  it("makes the cold-start recipe's folder, and the function works against a local stand-in", async () => {
    const dynamo = packages.find((p) => p.name === "@org/aws-dynamo");
    const service = CASES["@org/aws-dynamo"]?.service;
    if (!dynamo || !service) throw new Error("no @org/aws-dynamo with a service case");
    const versionOf = (name: string) => {
      const version = workspaceVersionOf(dynamo.dir, name);
      if (!version) throw new Error(`the workspace has no ${name}`);
      return `${name}@${version}`;
    };
    const project = createScratchProject(join(tempRoot, "scratch", "build-lambda"), "my-function");
    await npmInstall(sandbox, project, [
      `@org/aws-dynamo@${workspaceVersions.get("@org/aws-dynamo")}`,
      `@org/aws-core@${workspaceVersions.get("@org/aws-core")}`,
      versionOf("@aws-sdk/client-dynamodb"),
      versionOf("@aws-sdk/lib-dynamodb"),
      versionOf("esbuild"),
    ]);
    writeFileSync(join(project, "handler.ts"), service.handler);
    // The build script of the README's quick start, for the machine it runs on.
    const architecture = process.arch === "arm64" ? "arm64" : "x86_64";
    writeFileSync(
      join(project, "build.mjs"),
      `import { buildLambda } from "@org/aws-core/esbuild";
const { metafile, ...built } = await buildLambda({ entry: "handler.ts", outdir: "dist", architecture: "${architecture}" });
console.log(JSON.stringify({ ...built, inputs: Object.keys(metafile.inputs) }));
`,
    );
    const built = JSON.parse(
      await run(process.execPath, ["build.mjs"], {
        cwd: project,
        env: cleanEnv(),
        timeoutMs: 180_000,
      }),
    );
    expect(built).toMatchObject({
      handler: "index.handler",
      runtime: "nodejs24.x",
      architecture,
      environment: { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" },
      skipped: [],
      compileCache: { nodeVersion: process.versions.node },
    });
    // Built from what npm installed, nothing from the workspace.
    expect(built.inputs).toContain("node_modules/@org/aws-dynamo/dist/index.js");
    expect(built.inputs.filter((input: string) => input.startsWith("../"))).toEqual([]);
    const dist = join(project, "dist");
    for (const file of ["index.mjs", "handler.mjs", "start-node.sh", ".node-compile-cache"]) {
      expect(existsSync(join(dist, file)), file).toBe(true);
    }
    await exerciseBundle(dist, "index", service.exercise);
  }, 300_000);
});

describe("the README's five lines for your own function", () => {
  /** The blocks between `<!-- your-function -->` and `<!-- end -->`: sh, handler, stack, sh. */
  function readmeBlocks(): string[] {
    const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
    const section = /<!-- your-function -->([\s\S]*?)<!-- end -->/.exec(readme)?.[1] ?? "";
    return [...section.matchAll(/```(?:sh|ts)\n([\s\S]*?)```/g)].map((m) => (m[1] ?? "").trim());
  }

  it("installs, builds at synth and gives a template with the recipe's function", async () => {
    const [install = "", handler = "", construct = "", deploy = ""] = readmeBlocks();
    expect(deploy).toBe("npx cdk deploy");
    // 1. The install line, against the local registry, the packages at the versions published.
    const installed = /^npm install ((?:@org\/[\w-]+ ?)+)$/.exec(install)?.[1]?.split(" ");
    expect(installed, install).toEqual(["@org/aws-dynamo", "@org/aws-cdk"]);
    const project = createScratchProject(join(tempRoot, "scratch", "your-function"), "my-app");
    await npmInstall(
      sandbox,
      project,
      (installed ?? []).map((name) => `${name}@${workspaceVersions.get(name)}`),
    );
    // 2. The handler, as written.
    mkdirSync(join(project, "src"));
    writeFileSync(join(project, "src", "handler.ts"), handler);
    // 3. The construct line, in a stack's constructor; synthesized as `cdk deploy` would.
    const line = construct
      .split("\n")
      .filter((l) => !l.startsWith("//"))
      .join("\n");
    writeFileSync(
      join(project, "synth.mjs"),
      `import { LambdaFunction } from "@org/aws-cdk";
import { App, Stack } from "aws-cdk-lib";
class MyStack extends Stack {
  constructor(scope, id) {
    super(scope, id);
    ${line}
  }
}
const app = new App({ outdir: "cdk.out" });
new MyStack(app, "MyStack");
const stack = app.synth().getStackByName("MyStack");
console.log(JSON.stringify({ template: stack.template, warnings: stack.messages.map((m) => m.entry.data) }));
`,
    );
    const { template } = JSON.parse(
      await run(process.execPath, ["synth.mjs"], {
        cwd: project,
        env: sandbox.env,
        timeoutMs: 600_000,
      }),
    );
    const functions = Object.values(
      template.Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>,
    ).filter((r) => r.Type === "AWS::Lambda::Function");
    expect(functions).toHaveLength(1);
    const fn = functions[0] as (typeof functions)[number];
    expect(fn.Properties).toMatchObject({
      Runtime: "nodejs24.x",
      Architectures: ["arm64"],
      Handler: "index.handler",
      Environment: { Variables: { AWS_LAMBDA_EXEC_WRAPPER: "/var/task/start-node.sh" } },
    });
    // The asset (the one folder staged in cdk.out): what buildLambda() filled, with the arm64
    // compile cache (qemu is one of the prerequisites).
    const staged = readdirSync(join(project, "cdk.out")).filter((name) =>
      name.startsWith("asset."),
    );
    expect(staged).toHaveLength(1);
    const asset = join(project, "cdk.out", staged[0] as string);
    for (const file of ["index.mjs", "start-node.sh", "chunks"]) {
      expect(existsSync(join(asset, file)), file).toBe(true);
    }
    const caches = existsSync(join(asset, ".node-compile-cache"))
      ? readdirSync(join(asset, ".node-compile-cache"))
      : [];
    expect(caches).toEqual([expect.stringMatching(/^v24\.\d+\.\d+-arm64-[0-9a-f]+-993$/)]);
  }, 900_000);
});
