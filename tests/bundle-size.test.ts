import { describe, expect, it } from "vitest";
import { bundleHandler, fixture } from "./bundle";

describe("bundle size of a DynamoDB handler", () => {
  it("through @org/aws-dynamo is at most 4.5 KB (gzip) larger than the hand-written one", async () => {
    const ours = await bundleHandler(fixture("dynamo-package.ts"));
    const handWritten = await bundleHandler(fixture("dynamo-hand-written.ts"));
    const extra = ours.bytes - handWritten.bytes;
    const extraGzip = ours.gzipBytes - handWritten.gzipBytes;
    console.info(
      `hand-written ${handWritten.bytes} B (${handWritten.gzipBytes} B gzip), ` +
        `@org/aws-dynamo ${ours.bytes} B (${ours.gzipBytes} B gzip): +${extra} B (+${extraGzip} B gzip)`,
    );
    // What ships to Lambda is zipped, so the gzip size is the budget: 2 KB at first, 2.5 KB
    // since the errors carry kinds and safe messages and the core keeps one state per
    // process, 3 KB since every client's calls end at the invocation's deadline and can be
    // instrumented when created, 3.25 KB since every client has the one LazyClient shape
    // (3,117 B then), 4.5 KB since every client makes clients per key (4,306 B;
    // docs/benchmarks.md has the figures). The raw figure, about 10.1 KB (the shared
    // configuration, validation, registry, singletons, keyed clients, typed errors, creation
    // hooks and deadlines of @org/aws-core), is bounded too, so it cannot grow unnoticed.
    expect(extraGzip).toBeLessThanOrEqual(4608);
    expect(extra).toBeLessThanOrEqual(10_496);
    // It really is the same client code, not a smaller stand-in.
    expect(ours.inputs.some((p) => p.includes("@aws-sdk/client-dynamodb"))).toBe(true);
    expect(ours.inputs.some((p) => p.includes("@aws-sdk/lib-dynamodb"))).toBe(true);
  });
});
