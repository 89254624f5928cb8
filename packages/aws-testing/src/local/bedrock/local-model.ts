/** Errors the local model can answer with, and their HTTP status on Bedrock. */
export const BEDROCK_ERROR_STATUS = {
  ThrottlingException: 429,
  ModelNotReadyException: 429,
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  ServiceQuotaExceededException: 400,
  InternalServerException: 500,
  ServiceUnavailableException: 503,
} as const;

export type BedrockErrorName = keyof typeof BEDROCK_ERROR_STATUS;

/** Exceptions a stream can break off with, as the SDK names them in frames. */
export type StreamExceptionName =
  | "modelStreamErrorException"
  | "throttlingException"
  | "internalServerException"
  | "serviceUnavailableException"
  | "validationException";

/** What the model is asked: the system prompt and the user's text of one turn. */
export interface ModelTurn {
  readonly system: string;
  readonly text: string;
}

/** How the local model answers a turn (when no reply is queued): any function of your own. */
export type ModelResponder = (turn: ModelTurn) => string;

// The default responder: it repeats the user's text, as `You said: <text>`.
export const echoResponder: ModelResponder = (turn) => `You said: ${turn.text}`;

/**
 * The deterministic model behind the local Bedrock server (`bedrock.model` of what
 * `startLocalBedrock()` returns). It answers with its responder: by default it repeats the
 * user's text (`You said: <text>`); give yours to `startLocalBedrock({ responder })`.
 * Steer it from tests: queue fixed replies, script errors, break streams, add latency.
 */
export class LocalBedrockModel {
  /** Milliseconds added before each answer. */
  latencyMs = 0;
  private replies: string[] = [];
  private failures: { error: BedrockErrorName; times: number }[] = [];
  private failuresOnCall = new Map<number, BedrockErrorName>();
  private streamBreak: { afterParts: number; exception: StreamExceptionName } | undefined;
  private calls = 0;

  constructor(private readonly responder: ModelResponder = echoResponder) {}

  /**
   * Queues fixed replies, used in order before the default behaviour.
   * @example
   * ```ts
   * bedrock.model.reply("Hola", "Bonjour");
   * ```
   */
  reply(...texts: string[]): this {
    this.replies.push(...texts);
    return this;
  }

  /**
   * The next `times` calls answer with this error (default once; `Infinity` for always).
   * @example
   * ```ts
   * bedrock.model.failNext("ThrottlingException", 2); // the SDK's third attempt succeeds
   * ```
   */
  failNext(error: BedrockErrorName, times = 1): this {
    this.failures.push({ error, times });
    return this;
  }

  /**
   * The `n`th call from now (1 = the next one) answers with this error.
   * @example
   * ```ts
   * bedrock.model.failOnCall(3, "ThrottlingException");
   * ```
   */
  failOnCall(n: number, error: BedrockErrorName): this {
    this.failuresOnCall.set(this.calls + n, error);
    return this;
  }

  /**
   * The next streamed answer breaks off after `afterParts` text parts with this exception.
   * @example
   * ```ts
   * bedrock.model.breakNextStream(2, "modelStreamErrorException");
   * ```
   */
  breakNextStream(
    afterParts: number,
    exception: StreamExceptionName = "modelStreamErrorException",
  ): this {
    this.streamBreak = { afterParts, exception };
    return this;
  }

  /** Forgets queued replies, scripted errors, latency and the call count. */
  reset(): void {
    this.latencyMs = 0;
    this.replies = [];
    this.failures = [];
    this.failuresOnCall.clear();
    this.streamBreak = undefined;
    this.calls = 0;
  }

  /** @internal Counts a call; returns the error it must answer with, if any. */
  nextError(): BedrockErrorName | undefined {
    this.calls += 1;
    const scripted = this.failuresOnCall.get(this.calls);
    if (scripted) {
      this.failuresOnCall.delete(this.calls);
      return scripted;
    }
    const failure = this.failures[0];
    if (!failure) return undefined;
    failure.times -= 1;
    if (failure.times <= 0) this.failures.shift();
    return failure.error;
  }

  /** @internal Takes the stream break scripted for the next stream, if any. */
  takeStreamBreak() {
    const scripted = this.streamBreak;
    this.streamBreak = undefined;
    return scripted;
  }

  /** @internal The answer to one turn: a queued reply, else the responder's. */
  answer(turn: ModelTurn): string {
    return this.replies.shift() ?? this.responder(turn);
  }
}

/** Rough token count: words. */
export const countTokens = (text: string): number => text.split(/\s+/).filter(Boolean).length;
