import { createHttpHandler, validate } from "@org/app-kit";
import { bedrock } from "@org/aws-bedrock";
import { requireUser } from "@org/aws-cognito/authorizer";
import { prime } from "@org/aws-core";
import { documentClient } from "@org/aws-dynamo";
import { translationApi } from "./api";
import { HistoryQuery, TranslationInput } from "./translation-input";
import { TranslationRepository } from "./translation-repository";
import { TranslationService } from "./translation-service";

// Module scope: cheap objects only; clients are created on first use and kept.
const translator = new TranslationService();
const history = new TranslationRepository();

// Under provisioned concurrency both clients are created and connected during the init;
// on demand this does nothing (the first caller would wait for it anyway).
await prime([documentClient, bedrock], { connect: true });

/** POST /translations, GET /translations, GET /health. */
export const handler = createHttpHandler(translationApi, {
  "GET /health": () => ({ statusCode: 200, body: { status: "ok" } }),

  "POST /translations": async (request) => {
    const user = requireUser(request.event);
    const input = validate(TranslationInput, request.json());
    const translation = await translator.translate(input.text, input.direction);
    const saved = await history.create({
      id: request.context.awsRequestId,
      userId: user.id,
      text: input.text,
      translation,
      direction: input.direction,
      requestedAt: new Date().toISOString(),
    });
    request.log.info("translated", {
      userId: user.id,
      direction: input.direction,
      characters: input.text.length,
    });
    return { statusCode: 201, body: publicView(saved) };
  },

  "GET /translations": async (request) => {
    const user = requireUser(request.event);
    const { limit, cursor } = validate(HistoryQuery, request.query);
    const page = await history.history(user.id, limit, cursor);
    return {
      statusCode: 200,
      body: { items: page.items.map(publicView), cursor: page.cursor ?? null },
    };
  },
});

function publicView(t: {
  id: string;
  text: string;
  translation: string;
  direction: string;
  requestedAt: string;
}) {
  return {
    id: t.id,
    text: t.text,
    translation: t.translation,
    direction: t.direction,
    requestedAt: t.requestedAt,
  };
}
