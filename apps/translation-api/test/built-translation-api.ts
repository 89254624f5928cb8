import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bundleEnvironment } from "@org/app-kit/bundle-environment";
import { httpApiEvent } from "@org/aws-testing";
import { type LocalRunner, startLocalRunner } from "@org/local-lambda-runner";
import { translationApi } from "../src/api";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));

/** The function's name in the runner. */
export const FUNCTION = translationApi.function;

/** Where the built translation-api finds its AWS parts, and its table. */
export interface TranslationApiStandIns {
  readonly bedrockUrl: string;
  readonly dynamoUrl: string;
  readonly table: string;
}

/**
 * The built translation-api (dist/, as deployed) in the local runner, its Bedrock Runtime and
 * DynamoDB at the given endpoints; logs off. Nothing configures the clients' retries, so each
 * makes its package's default attempts (Bedrock 2, DynamoDB 3).
 */
export function startBuiltTranslationApi(
  standIns: TranslationApiStandIns,
  timeoutMs: number,
): Promise<LocalRunner> {
  if (!existsSync(`${dist}/index.mjs`))
    throw new Error('apps/translation-api/dist is missing: run "pnpm build"');
  return startLocalRunner({
    functions: {
      [FUNCTION]: {
        bundleDir: dist,
        runtime: translationApi.runtime,
        timeoutMs,
        env: {
          AWS_ACCESS_KEY_ID: "local",
          AWS_SECRET_ACCESS_KEY: "local",
          AWS_ENDPOINT_URL_DYNAMODB: standIns.dynamoUrl,
          AWS_ENDPOINT_URL_BEDROCK_RUNTIME: standIns.bedrockUrl,
          TABLE_NAME: standIns.table,
          POWERTOOLS_LOG_LEVEL: "SILENT",
          ...bundleEnvironment(dist),
        },
      },
    },
    log: false,
  });
}

/**
 * `POST /translations` (with `body`) or `GET /translations` as `userId`, as the HTTP API
 * passes it on after its JWT authorizer.
 */
export function translationsEvent(method: "GET" | "POST", userId: string, body?: unknown) {
  return httpApiEvent({
    method,
    path: "/translations",
    body,
    claims: { sub: userId, username: userId },
  });
}
