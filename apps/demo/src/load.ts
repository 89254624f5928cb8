// `pnpm load`: the sample stack under rising concurrency (loopback only, bounded in time),
// then a check that nothing acknowledged was lost. Writes reports/load.{json,md}.
// Options: --levels 1,10,50,100 --duration <seconds per level> --reserved <containers per function>
//          --sample <seconds between samples of each container's memory and sockets>
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { dataCheckProblems } from "./load/data-check";
import { loadTable } from "./load/load-table";
import { runLoad } from "./load/run-load";
import { exitIfMissingPrerequisites } from "./prerequisites";

const { values } = parseArgs({
  // `pnpm load -- --levels 1,10` passes the "--" on.
  args: process.argv.slice(2).filter((arg) => arg !== "--"),
  options: {
    levels: { type: "string", default: "1,10,50,100" },
    duration: { type: "string", default: "10" },
    reserved: { type: "string", default: "20" },
    sample: { type: "string", default: "5" },
  },
});
const whole = (name: string, text: string, max: number) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be a whole number from 1 to ${max}, not "${text}"`);
    process.exit(2);
  }
  return value;
};
const levels = values.levels.split(",").map((level) => whole("levels", level, 200));
const options = {
  levels,
  durationSeconds: whole("duration", values.duration, 300),
  reservedConcurrency: whole("reserved", values.reserved, 100),
  sampleEverySeconds: whole("sample", values.sample, 60),
};

exitIfMissingPrerequisites("pnpm load");
const report = await runLoad({ ...options, progress: (line) => console.error(line) });
const table = loadTable(report);
const out = fileURLToPath(new URL("../../../reports/", import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(`${out}load.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${out}load.md`, table);
console.log(table);
if (dataCheckProblems(report.dataCheck).length > 0) process.exitCode = 1;
