import { describe, expect, it } from "vitest";
import { bundleHandler, fixture } from "./bundle";

describe("bundle size of a DynamoDB handler", () => {
  it("through @org/aws-dynamo is at most 2 KB (gzip) larger than the hand-written one", async () => {
    const ours = await bundleHandler(fixture("dynamo-package.ts"));
    const handWritten = await bundleHandler(fixture("dynamo-hand-written.ts"));
    const extra = ours.bytes - handWritten.bytes;
    const extraGzip = ours.gzipBytes - handWritten.gzipBytes;
    console.info(
      `hand-written ${handWritten.bytes} B (${handWritten.gzipBytes} B gzip), ` +
        `@org/aws-dynamo ${ours.bytes} B (${ours.gzipBytes} B gzip): +${extra} B (+${extraGzip} B gzip)`,
    );
    // What ships to Lambda is zipped, so the gzip size is the 2 KB budget. The raw figure,
    // about 4.6 KB (the shared configuration, validation, registry and typed errors of
    // @org/aws-core, with their error kinds and caller-safe messages), is in
    // docs/benchmarks.md; this bound keeps it from growing unnoticed.
    expect(extraGzip).toBeLessThanOrEqual(2048);
    expect(extra).toBeLessThanOrEqual(4864);
    // It really is the same client code, not a smaller stand-in.
    expect(ours.inputs.some((p) => p.includes("@aws-sdk/client-dynamodb"))).toBe(true);
    expect(ours.inputs.some((p) => p.includes("@aws-sdk/lib-dynamodb"))).toBe(true);
  });
});
