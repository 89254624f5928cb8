import { once } from "node:events";
import http2 from "node:http2";
import type { AddressInfo } from "node:net";
import { resetAll } from "@org/aws-core";
import { afterAll, beforeAll, expect, it } from "vitest";
// The local Bedrock's event-stream framing (the SDK's own codec), to script a stall it has no
// switch for.
import { eventFrame } from "../../../aws-testing/src/local/bedrock/event-stream";
import { BedrockModelStreamError } from "../../src/errors";
import { bedrock, type ConverseStreamPart, converseStream } from "../../src/index";

// An h2c server that starts a ConverseStream answer, then pauses for longer than the
// client's requestTimeout before the rest.
let server: http2.Http2Server;
beforeAll(async () => {
  server = http2.createServer((_, res) => {
    res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
    res.write(eventFrame("messageStart", { role: "assistant" }));
    res.write(eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Once " } }));
    const rest = setTimeout(() => {
      res.write(eventFrame("messageStop", { stopReason: "end_turn" }));
      res.end();
    }, 1_500);
    res.on("close", () => clearTimeout(rest));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  process.env.AWS_REGION ??= "us-east-1";
  process.env.AWS_ACCESS_KEY_ID ??= "local";
  process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  resetAll();
  delete process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME;
  await new Promise((resolve) => server.close(resolve));
});

it("a stream that pauses past requestTimeout is a BedrockModelStreamError, not a short answer", async () => {
  // The SDK ends such a stream as if it were complete; converseStream notices the missing
  // messageStop.
  bedrock.configure({ requestTimeout: 300 });
  const seen: ConverseStreamPart[] = [];
  const started = performance.now();
  const error = await (async () => {
    for await (const part of converseStream({ modelId: "m", prompt: "a story" })) seen.push(part);
  })().catch((e: unknown) => e);
  expect(seen).toEqual([{ type: "text", text: "Once " }]);
  expect(error).toBeInstanceOf(BedrockModelStreamError);
  expect(error).toMatchObject({ kind: "unavailable", modelId: "m" });
  expect(performance.now() - started).toBeLessThan(1_400);
});
