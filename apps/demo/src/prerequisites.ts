import { spawnSync } from "node:child_process";
import { checkRuntimeClient } from "@org/local-lambda-runner";

/** One thing the stack needs from the machine, and how to get it when it is missing. */
interface Prerequisite {
  readonly name: string;
  /** Why it is missing and how to fix it, or `undefined` when it is there. */
  readonly problem: () => string | undefined;
}

const PREREQUISITES: readonly Prerequisite[] = [
  {
    name: "Java 17+ (DynamoDB Local)",
    problem: () =>
      spawnSync("java", ["-version"], { stdio: "ignore" }).status === 0
        ? undefined
        : "java is not on the PATH. Install Java 17 or later (Debian/Ubuntu, as root: " +
          "scripts/install-prerequisites.sh, or apt-get install -y openjdk-17-jre-headless).",
  },
  {
    name: "AWS Lambda runtime interface client (native build)",
    problem: () => {
      try {
        checkRuntimeClient();
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  },
];

/**
 * Checks what the stack needs before starting anything, and says how to fix each missing
 * piece. Returns the problems; an empty list means all is there.
 */
export function missingPrerequisites(): string[] {
  return PREREQUISITES.flatMap(({ name, problem }) => {
    const why = problem();
    return why ? [`${name}: ${why}`] : [];
  });
}

/** Ends the process with the list of what is missing, before anything was started. */
export function exitIfMissingPrerequisites(command: string): void {
  const missing = missingPrerequisites();
  if (missing.length === 0) return;
  console.error(`${command} needs, before it starts anything:`);
  for (const problem of missing) console.error(`- ${problem}`);
  process.exit(1);
}
