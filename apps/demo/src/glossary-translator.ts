import type { ModelResponder } from "@org/aws-testing/local";

// The demo's stand-in for Claude: a word-by-word translator with a small glossary per
// direction. Deterministic, so the demo and its tests can say what each answer will be.

/** A few words per direction (`"en-es"`). */
const GLOSSARY: Record<string, Record<string, string>> = {
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

// Maps, not objects: a word such as "constructor" must not find Object.prototype's.
const DICTIONARIES = new Map(
  Object.entries(GLOSSARY).map(([direction, words]) => [direction, new Map(Object.entries(words))]),
);

/**
 * Answers translation-api's prompt (`Translate from <xx> to <yy>. ...`) with a word-by-word
 * translation: known words are translated, keeping their capital and punctuation; unknown
 * words are kept as they are. Any other prompt gets `You said: <text>`.
 *
 * @example
 * ```ts
 * const bedrock = await startLocalBedrock({ responder: glossaryTranslator });
 * ```
 */
export const glossaryTranslator: ModelResponder = ({ system, text }) => {
  const direction = /translate from ([a-z]{2}) to ([a-z]{2})/i.exec(system);
  if (!direction) return `You said: ${text}`;
  const words = DICTIONARIES.get(`${direction[1]}-${direction[2]}`.toLowerCase());
  if (!words) return text;
  return text
    .split(/(\s+)/)
    .map((word) => {
      const [, lead = "", core = "", trail = ""] = /^(\W*)(.*?)(\W*)$/u.exec(word) ?? [];
      const translated = words.get(core.toLowerCase());
      if (translated === undefined) return word;
      const capitalised = /^\p{Lu}/u.test(core)
        ? translated.charAt(0).toUpperCase() + translated.slice(1)
        : translated;
      return `${lead}${capitalised}${trail}`;
    })
    .join("");
};
