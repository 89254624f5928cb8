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

/** A small glossary per direction (`"en-es"`), for the demo's word-by-word translator. */
export const DEMO_GLOSSARY: Record<string, Record<string, string>> = {
  "en-es": {
    hello: "hola",
    world: "mundo",
    good: "buenos",
    morning: "días",
    night: "noches",
    thank: "gracias",
    you: "tú",
    cat: "gato",
    dog: "perro",
    the: "el",
    is: "es",
    house: "casa",
    red: "rojo",
    water: "agua",
    friend: "amigo",
    my: "mi",
    coffee: "café",
    please: "por favor",
    and: "y",
    welcome: "bienvenido",
    lambda: "lambda",
  },
  "en-fr": {
    hello: "bonjour",
    world: "monde",
    good: "bon",
    morning: "matin",
    night: "nuit",
    thank: "merci",
    you: "vous",
    cat: "chat",
    dog: "chien",
    the: "le",
    is: "est",
    house: "maison",
    red: "rouge",
    water: "eau",
    friend: "ami",
    my: "mon",
    coffee: "café",
    please: "s'il vous plaît",
    and: "et",
    welcome: "bienvenue",
    lambda: "lambda",
  },
  "en-de": {
    hello: "hallo",
    world: "welt",
    good: "guten",
    morning: "morgen",
    night: "nacht",
    thank: "danke",
    you: "du",
    cat: "katze",
    dog: "hund",
    the: "der",
    is: "ist",
    house: "haus",
    red: "rot",
    water: "wasser",
    friend: "freund",
    my: "mein",
    coffee: "kaffee",
    please: "bitte",
    and: "und",
    welcome: "willkommen",
    lambda: "lambda",
  },
};

/** Words in, words out: how the local model decides what to answer. */
export interface ModelTurn {
  readonly system: string;
  readonly text: string;
}

/**
 * The deterministic model behind the local Bedrock server. Steer it from tests:
 * queue fixed replies, script errors, break streams, add latency.
 *
 * Without a queued reply it answers a system prompt containing
 * `Translate from <xx> to <yy>` with a word-by-word translation from its glossary (unknown
 * words are kept), and anything else with `You said: <text>`.
 */
export class LocalBedrockModel {
  /** Milliseconds added before each answer. */
  latencyMs = 0;
  /** Translations by direction; add your own. */
  glossary: Record<string, Record<string, string>> = structuredClone(DEMO_GLOSSARY);
  private replies: string[] = [];
  private failures: { error: BedrockErrorName; times: number }[] = [];
  private failuresOnCall = new Map<number, BedrockErrorName>();
  private streamBreak: { afterParts: number; exception: StreamExceptionName } | undefined;
  private calls = 0;

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
    this.glossary = structuredClone(DEMO_GLOSSARY);
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

  /** @internal The answer to one turn. */
  answer(turn: ModelTurn): string {
    const queued = this.replies.shift();
    if (queued !== undefined) return queued;
    const direction = /translate from ([a-z]{2}) to ([a-z]{2})/i.exec(turn.system);
    if (direction) {
      const glossary = ownValue(this.glossary, `${direction[1]}-${direction[2]}`.toLowerCase());
      return turn.text
        .split(/(\s+)/)
        .map((word) => {
          const [, lead = "", core = "", trail = ""] = /^(\W*)(.*?)(\W*)$/u.exec(word) ?? [];
          const translated = glossary && ownValue(glossary, core.toLowerCase());
          if (typeof translated !== "string") return word;
          const capitalised = /^\p{Lu}/u.test(core)
            ? translated.charAt(0).toUpperCase() + translated.slice(1)
            : translated;
          return `${lead}${capitalised}${trail}`;
        })
        .join("");
    }
    return `You said: ${turn.text}`;
  }
}

// Own properties only: a word like "constructor" must not find Object.prototype's.
function ownValue<T>(record: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Rough token count: words. */
export const countTokens = (text: string): number => text.split(/\s+/).filter(Boolean).length;
