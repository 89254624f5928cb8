// pnpm demo: the whole stack on local stand-ins, a scripted journey through both apps, and
// a table of cold and warm timings. Exits 0 only if every step answered as it should.
import { runJourney } from "./journey";
import { exitIfMissingPrerequisites } from "./prerequisites";
import { startStack } from "./stack";
import { timingsTable } from "./timings";

// Lambda's own START/END/REPORT lines, and the authorizer's refusals, shown under the request
// that caused them.
const platformLines: string[] = [];
exitIfMissingPrerequisites("pnpm demo");
const stack = await startStack({
  progress: (line) => console.log(line),
  log: (entry) => {
    if (entry.source === "platform" || entry.source === "api") {
      platformLines.push(`[${entry.functionName}] ${entry.text}`);
    }
  },
});
let failures = 0;
try {
  console.log(`Stack up: apps on ${stack.url}\n`);
  const demo = (await stack.signInDemoUser()).accessToken;
  const admin = (await stack.signInAdmin()).accessToken;
  console.log('Signed in as "demo" and as "admin" (cognito-local, USER_PASSWORD_AUTH)\n');

  for await (const result of runJourney(stack, { demo, admin })) {
    const mark = result.ok ? "ok" : `FAILED (expected ${result.step.expectStatus})`;
    console.log(`== ${result.step.title}`);
    console.log(`   ${result.method} ${result.path}`);
    console.log(`   -> ${result.status} ${JSON.stringify(result.body).slice(0, 300)}  [${mark}]`);
    for (const line of platformLines.splice(0)) console.log(`   ${line}`);
    console.log();
    if (!result.ok) failures++;
  }
  console.log(timingsTable(stack.runner.reports()));
} catch (error) {
  failures++;
  console.error("The demo failed:", error);
} finally {
  await stack.stop();
}
console.log(
  failures === 0
    ? "Every step answered as expected."
    : `${failures} step(s) did not answer as expected.`,
);
process.exit(failures === 0 ? 0 : 1);
