import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** qemu's user-mode emulators for arm64, in the order they are looked for on `PATH`. */
const QEMU_AARCH64 = ["qemu-aarch64-static", "qemu-aarch64"];

/** The dynamic loader an arm64 Node.js (linked against glibc) asks for. */
const AARCH64_LOADER = "lib/ld-linux-aarch64.so.1";

/** Where Debian's and Ubuntu's cross packages (`libc6-arm64-cross`) put arm64's C library. */
const CROSS_SYSROOT = "/usr/aarch64-linux-gnu";

/** What to install, said once for both ways qemu can be missing. */
const INSTALL = "apt-get install qemu-user-static libc6-arm64-cross libstdc++6-arm64-cross";

/**
 * The command that runs an arm64 program on this x64 machine: qemu's user-mode emulator and
 * the folder holding arm64's C library; or why there is none.
 */
export function qemuAarch64Launcher(
  env: NodeJS.ProcessEnv = process.env,
): { readonly launcher: readonly string[] } | { readonly missing: string } {
  const qemu = QEMU_AARCH64.map((name) => onPath(name, env.PATH)).find(Boolean);
  if (!qemu) {
    return {
      missing: `building for arm64 on x64 needs ${QEMU_AARCH64.join(" or ")} on PATH to run an arm64 Node.js (${INSTALL})`,
    };
  }
  const sysroot = [env.QEMU_LD_PREFIX, CROSS_SYSROOT, "/"].find(
    (root) => root !== undefined && root !== "" && existsSync(join(root, AARCH64_LOADER)),
  );
  if (sysroot === undefined) {
    return {
      missing: `${qemu} finds no arm64 C library (${AARCH64_LOADER} in ${CROSS_SYSROOT} or QEMU_LD_PREFIX) to run an arm64 Node.js (${INSTALL})`,
    };
  }
  return {
    launcher: [
      // No -cpu: V8's cache tag is its version and flags hash, with no CPU part (the same tag
      // under every CPU model qemu offers), so qemu's default model makes Graviton's cache.
      qemu,
      ...(sysroot === "/" ? [] : ["-L", sysroot]),
    ],
  };
}

/** The first executable `name` in the folders of `path`, like a shell's lookup. */
function onPath(name: string, path: string | undefined): string | undefined {
  for (const dir of (path ?? "").split(delimiter)) {
    if (!dir) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here: the next folder
    }
  }
  return undefined;
}
