// How `pnpm gen function` adds a function to the CDK app: text edits of the stack's source
// at a marker line, plus the named imports the added code needs. Biome sorts and formats the
// file afterwards, so these edits only need to be correct, not pretty.

/** The line in the stack's constructor before which new functions go. */
export const FUNCTIONS_MARKER = "// gen:functions";

/** A named import the added code needs, e.g. `{ name: "Duration", from: "aws-cdk-lib" }`. */
export interface NamedImport {
  readonly name: string;
  readonly from: string;
}

/**
 * The stack's source with `code` inserted before the {@link FUNCTIONS_MARKER} line (so the
 * next function goes after this one) and every import of `imports` present.
 *
 * @throws Error when the stack has no marker line, or has already a line equal to the
 * first line of `code` (the function was added before).
 *
 * @example
 * ```ts
 * const next = addToStack(source, {
 *   code: "    new LambdaFunction(this, \"OrdersApiFunction\", { entry });\n",
 *   imports: [{ name: "LambdaFunction", from: "@org/aws-cdk" }],
 * });
 * ```
 */
export function addToStack(
  source: string,
  change: { readonly code: string; readonly imports: readonly NamedImport[] },
): string {
  const marker = new RegExp(`^([ \\t]*)${escapeRegExp(FUNCTIONS_MARKER)}[ \\t]*$`, "m");
  const found = marker.exec(source);
  if (!found) {
    throw new Error(
      `the CDK stack has no "${FUNCTIONS_MARKER}" line: add it inside the stack's constructor, ` +
        "after the table and the HTTP API are made, where new functions should go",
    );
  }
  const firstLine = change.code.split("\n").find((line) => line.trim() !== "");
  if (firstLine && source.split("\n").some((line) => line.trim() === firstLine.trim()))
    throw new Error(`the CDK stack already has this function ("${firstLine.trim()}")`);
  const code = change.code.endsWith("\n") ? change.code : `${change.code}\n`;
  const withCode = source.slice(0, found.index) + code + source.slice(found.index);
  return change.imports.reduce(ensureImport, withCode);
}

/**
 * The source with `import { name } from "from"` present as a value: unchanged when it is,
 * else added to a value import of that module, or as a new import after the last one. A
 * name the module imports as a type only becomes a value import.
 *
 * @example
 * ```ts
 * ensureImport('import { Stack } from "aws-cdk-lib";\n', { name: "Duration", from: "aws-cdk-lib" });
 * // 'import { Stack, Duration } from "aws-cdk-lib";\n'
 * ```
 */
export function ensureImport(source: string, { name, from }: NamedImport): string {
  const imports = importsOf(source, from);
  if (imports.some((i) => !i.typeOnly && i.parts.some((part) => localName(part) === name)))
    return source;
  // `import type { name }` or `import { type name }`: take it out there, import it as a value.
  const asType = imports.find((i) => i.parts.some((part) => localName(part, true) === name));
  if (asType) {
    const rest = asType.parts.filter((part) => localName(part, true) !== name);
    const without =
      rest.length === 0
        ? ""
        : `${asType.typeOnly ? "import type" : "import"} { ${rest.join(", ")} } from "${from}";\n`;
    return ensureImport(source.replace(`${asType.statement}\n`, without), { name, from });
  }
  const valueImport = imports.find((i) => !i.typeOnly && i.braces);
  if (valueImport) {
    const parts = [...valueImport.parts, name].join(", ");
    return source.replace(valueImport.statement, `import { ${parts} } from "${from}";`);
  }
  const line = `import { ${name} } from "${from}";\n`;
  const last = [...source.matchAll(IMPORT)].at(-1);
  if (!last) return line + source;
  const end = (last.index ?? 0) + last[0].length + 1;
  return source.slice(0, end) + line + source.slice(end);
}

// A whole import statement, ending its line: `import <clause> from "<module>";`.
const IMPORT = /^import\s+([^;]*?)\s+from\s+"([^"]+)";[ \t]*$/gm;

interface ImportStatement {
  readonly statement: string;
  /** `import type { ... }`. */
  readonly typeOnly: boolean;
  /** Whether it has `{ ... }` (a namespace or default import has not). */
  readonly braces: boolean;
  /** Its named imports as written: `A`, `type B`, `C as D`. */
  readonly parts: readonly string[];
}

function importsOf(source: string, from: string): ImportStatement[] {
  return [...source.matchAll(IMPORT)]
    .filter((match) => match[2] === from)
    .map((match) => {
      const clause = match[1] ?? "";
      const braces = /\{([^}]*)\}/.exec(clause);
      const parts = (braces?.[1] ?? "")
        .split(",")
        .map((part) => part.trim().replace(/\s+/g, " "))
        .filter((part) => part !== "");
      return { statement: match[0], typeOnly: /^type\s/.test(clause), braces: !!braces, parts };
    });
}

// The local name a named import binds (`C as D` binds D); `type X` binds a value only when
// `orType` is set.
function localName(part: string, orType = false): string | undefined {
  const typed = part.startsWith("type ");
  if (typed && !orType) return undefined;
  return part
    .replace(/^type /, "")
    .split(" as ")
    .at(-1);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
