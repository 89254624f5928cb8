// pnpm dev: the whole stack on local stand-ins, both apps served on 127.0.0.1, until Ctrl+C.
import { exitIfMissingPrerequisites } from "./prerequisites";
import { ROUTES } from "./routes";
import { ADMIN_USER, DEMO_USER, startStack } from "./stack";

exitIfMissingPrerequisites("pnpm dev");
const stack = await startStack({
  port: Number(process.env.PORT ?? 3000),
  progress: (line) => console.log(line),
});
const { accessToken } = await stack.signInDemoUser();
const routes = ROUTES.map(
  (r) =>
    `  ${r.method.padEnd(4)} ${stack.url}${r.path.padEnd(16)} ${r.authorization ? "JWT" : "public"}`,
).join("\n");
console.log(`
Sample apps on ${stack.url} (DynamoDB Local, cognito-local and a local Bedrock behind them),
with the JWT authorizer of the CDK app in front of every route marked JWT:

${routes}

Users: "${DEMO_USER.username}" (id ${stack.userId}) and "${ADMIN_USER.username}" (group admins, id ${stack.adminId}).
Signed in as "${DEMO_USER.username}". Try:

  curl -s -X POST ${stack.url}/translations -H 'content-type: application/json' -H 'authorization: Bearer ${accessToken}' -d '{"text":"hello world","direction":"en-es"}'
  curl -s ${stack.url}/users/me -H 'authorization: Bearer ${accessToken}'

Ctrl+C stops everything.`);

const shutdown = async () => {
  await stack.stop();
  process.exit(0);
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
