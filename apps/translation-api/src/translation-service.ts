import { invokeClaude } from "@org/aws-bedrock";
import type { Direction } from "./directions";

/** The model used when `BEDROCK_MODEL_ID` is not set. */
export const DEFAULT_MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

/**
 * Translates with one Claude call through the lazy Bedrock client.
 */
export class TranslationService {
  constructor(private readonly modelId = () => process.env.BEDROCK_MODEL_ID ?? DEFAULT_MODEL_ID) {}

  async translate(text: string, direction: Direction): Promise<string> {
    const [from, to] = direction.split("-");
    const { text: translation } = await invokeClaude({
      modelId: this.modelId(),
      system: `Translate from ${from} to ${to}. Answer with the translation only.`,
      prompt: text,
      maxTokens: 1_024,
      temperature: 0,
    });
    return translation.trim();
  }
}
