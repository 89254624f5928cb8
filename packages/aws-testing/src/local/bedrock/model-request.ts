import type { ModelTurn } from "./local-model";

type Content = string | { text?: string; type?: string }[] | undefined;

const textOf = (content: Content): string =>
  typeof content === "string"
    ? content
    : (content ?? []).map((block) => block.text ?? "").join(" ");

function lastUserText(messages: { role?: string; content?: Content }[] | undefined): string {
  const users = (messages ?? []).filter((message) => message.role === "user");
  return textOf(users[users.length - 1]?.content);
}

/** The turn in a Converse body: `{ messages, system: [{ text }] }`. */
export function converseTurn(body: Record<string, unknown>): ModelTurn {
  const system = (body.system as { text?: string }[] | undefined) ?? [];
  return {
    system: system.map((block) => block.text ?? "").join(" "),
    text: lastUserText(body.messages as never),
  };
}

/**
 * The turn in an InvokeModel body: Anthropic messages (`{ system, messages }`) or a plain
 * `{ prompt }` / `{ inputText }`.
 */
export function invokeTurn(body: Record<string, unknown>): ModelTurn {
  if (Array.isArray(body.messages)) {
    return { system: textOf(body.system as Content), text: lastUserText(body.messages as never) };
  }
  return { system: "", text: String(body.prompt ?? body.inputText ?? "") };
}

/** Whether an InvokeModel body speaks Anthropic's messages API. */
export const isAnthropic = (body: Record<string, unknown>): boolean =>
  typeof body.anthropic_version === "string";
