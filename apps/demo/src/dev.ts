// pnpm dev: the whole stack on local stand-ins, both apps served on 127.0.0.1, until Ctrl+C.
import { startStack } from "./stack";

const stack = await startStack({ port: Number(process.env.PORT ?? 3000) });
const { accessToken } = await stack.signInDemoUser();
console.log(`
Sample apps on ${stack.url} (DynamoDB Local, cognito-local and a local Bedrock behind them)

  GET  ${stack.url}/health
  POST ${stack.url}/translations      {"text": "...", "direction": "en-es"}
  GET  ${stack.url}/translations?limit=10
  GET  ${stack.url}/users/{id}
  PUT  ${stack.url}/users/{id}        {"email": "...", "name": "..."}

Signed in as "demo" (id ${stack.userId}). Try:

  curl -s -X POST ${stack.url}/translations -H 'content-type: application/json' -H 'authorization: Bearer ${accessToken}' -d '{"text":"hello world","direction":"en-es"}'

Ctrl+C stops everything.`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
