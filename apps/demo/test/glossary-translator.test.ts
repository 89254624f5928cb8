import { describe, expect, it } from "vitest";
import { glossaryTranslator } from "../src/glossary-translator";

const translate = (
  text: string,
  system = "Translate from en to es. Answer with the translation only.",
) => glossaryTranslator({ system, text });

describe("the demo's glossary translator", () => {
  it("translates known words, keeping capitals and punctuation", () => {
    expect(translate("Hello world, my friend!")).toBe("Hola mundo, mi amigo!");
    expect(translate("good night", "Translate from en to fr.")).toBe("bon nuit");
  });

  it("keeps unknown words, and Object.prototype's names, as they are", () => {
    expect(translate("Constructor constructor __proto__ toString hasOwnProperty hello")).toBe(
      "Constructor constructor __proto__ toString hasOwnProperty hola",
    );
  });

  it("keeps the text for an unknown direction, and echoes other prompts", () => {
    expect(translate("hello", "Translate from xx to yy.")).toBe("hello");
    expect(translate("hello", "Summarise this.")).toBe("You said: hello");
  });
});
