import { EventStreamCodec } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

const codec = new EventStreamCodec(toUtf8, fromUtf8);
const header = (value: string) => ({ type: "string" as const, value });

/** One AWS event-stream frame carrying an event (e.g. `contentBlockDelta`, `chunk`). */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ":event-type": header(eventType),
      ":content-type": header("application/json"),
      ":message-type": header("event"),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/**
 * One frame carrying a modelled exception; `exceptionType` is the lowerCamel member name the
 * SDK knows (e.g. `throttlingException`, `modelStreamErrorException`), so its iterator
 * throws the typed error.
 */
export function exceptionFrame(exceptionType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ":exception-type": header(exceptionType),
      ":content-type": header("application/json"),
      ":message-type": header("exception"),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}
