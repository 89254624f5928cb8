import { fileURLToPath } from "node:url";
import { bundleEnvironment } from "@org/app-kit/bundle-environment";
import {
  createTables,
  createUser,
  signIn,
  startCognitoLocal,
  startDynamoLocal,
  startLocalBedrock,
} from "@org/aws-testing/local";
import { type LogSink, startLocalRunner } from "@org/local-lambda-runner";
import { translationApi } from "@org/translation-api/api";
import { usersApi } from "@org/users-api/api";
import { glossaryTranslator } from "./glossary-translator";
import { ROUTES } from "./routes";

const appDist = (app: string) => fileURLToPath(new URL(`../../${app}/dist/`, import.meta.url));

/** The demo user that `pnpm dev` and `pnpm demo` sign in as. */
export const DEMO_USER = {
  username: "demo",
  password: "Demo-passw0rd!",
  email: "demo@example.com",
};
/** A member of users-api's admin group: may read every profile. */
export const ADMIN_USER = {
  username: "admin",
  password: "Admin-passw0rd!",
  email: "admin@example.com",
};
const ADMIN_GROUP = "admins";
const REGION = "us-east-1";
// A name no response body could hold by chance: the security tests look for it.
const TABLE = "lambda-apps-data";
const MODEL_ID = "anthropic.claude-3-haiku-20240307-v1:0";

/** Options of {@link startStack}. */
export interface StackOptions {
  /** Port of the HTTP API on 127.0.0.1; default: a free one. */
  readonly port?: number;
  readonly log?: LogSink | false;
  /** Told what is starting, then how long it took. */
  readonly progress?: (line: string) => void;
  /** Containers each function may run at once (the local runner's default: 10). */
  readonly maxContainers?: number;
  /** Each function's reserved concurrency: past it, calls are refused with 429. Default none. */
  readonly reservedConcurrency?: number;
}

/** Everything `startStack` started. */
export type Stack = Awaited<ReturnType<typeof startStack>>;

/**
 * Starts DynamoDB Local, cognito-local and the local Bedrock Runtime; creates the table, the
 * user pool client, the demo user and an admin; and serves both apps through the local Lambda
 * runner on 127.0.0.1, behind the same JWT authorizer as in AWS. `stop()` stops everything,
 * in reverse order.
 */
export async function startStack(options: StackOptions = {}) {
  const progress = options.progress ?? (() => {});
  // Says what starts, then how long it took.
  const step = async <T>(what: string, start: () => Promise<T>): Promise<T> => {
    progress(`Starting ${what}...`);
    const startedAt = performance.now();
    const value = await start();
    progress(`  ${what} ready in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    return value;
  };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stops.reverse()) await stopOne().catch(() => {});
  };
  try {
    // What the SDK needs to talk to the stand-ins (this process creates the tables, users and
    // app clients): a region and dummy credentials, only where none are set, so a real AWS
    // profile is never used by accident and never overwritten.
    process.env.AWS_REGION ??= REGION;
    process.env.AWS_ACCESS_KEY_ID ??= "local";
    process.env.AWS_SECRET_ACCESS_KEY ??= "local";
    const dynamo = await step("DynamoDB Local (Java)", async () => {
      const started = await startDynamoLocal();
      stops.push(started.stop);
      await createTables(started.endpoint, [{ name: TABLE, partitionKey: "PK", sortKey: "SK" }]);
      return started;
    });

    const { cognito, clientId, userId, adminId } = await step("cognito-local", async () => {
      const started = await startCognitoLocal({ region: REGION });
      stops.push(started.stop);
      return {
        cognito: started,
        clientId: await started.createClient("demo"),
        userId: await createUser(started, { ...DEMO_USER, groups: ["translators"] }),
        adminId: await createUser(started, { ...ADMIN_USER, groups: [ADMIN_GROUP] }),
      };
    });

    const bedrock = await step("the local Bedrock Runtime", async () => {
      const started = await startLocalBedrock({ responder: glossaryTranslator });
      stops.push(started.stop);
      return started;
    });

    const env = {
      AWS_REGION: REGION,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrock.endpoint,
      TABLE_NAME: TABLE,
      COGNITO_USER_POOL_ID: cognito.userPoolId,
      COGNITO_CLIENT_ID: clientId,
      BEDROCK_MODEL_ID: MODEL_ID,
      ADMIN_GROUP,
    };
    const runner = await step("the local Lambda runner and HTTP API", () =>
      startLocalRunner({
        functions: {
          "translation-api": {
            bundleDir: appDist("translation-api"),
            runtime: translationApi.runtime,
            handler: "index.handler",
            env: { ...env, ...bundleEnvironment(appDist("translation-api")) },
            timeoutMs: 10_000,
            memoryMb: 256,
            maxContainers: options.maxContainers,
            reservedConcurrency: options.reservedConcurrency,
          },
          "users-api": {
            bundleDir: appDist("users-api"),
            runtime: usersApi.runtime,
            handler: "index.handler",
            env: { ...env, ...bundleEnvironment(appDist("users-api")) },
            timeoutMs: 10_000,
            memoryMb: 128,
            maxContainers: options.maxContainers,
            reservedConcurrency: options.reservedConcurrency,
          },
        },
        routes: ROUTES,
        // What the CDK app's HttpUserPoolAuthorizer is: the pool's issuer, the app client.
        jwtAuthorizer: {
          issuer: `https://cognito-idp.${REGION}.amazonaws.com/${cognito.userPoolId}`,
          audience: [clientId],
          jwksUri: `${cognito.endpoint}/${cognito.userPoolId}/.well-known/jwks.json`,
        },
        ...(options.port !== undefined ? { port: options.port } : {}),
        ...(options.log !== undefined ? { log: options.log } : {}),
      }),
    );
    stops.push(() => runner.stop());

    const signInDemoUser = () => signIn(cognito, { clientId, ...DEMO_USER });
    const signInAdmin = () => signIn(cognito, { clientId, ...ADMIN_USER });
    return {
      url: runner.url,
      table: TABLE,
      runner,
      dynamo,
      bedrock,
      cognito,
      clientId,
      userId,
      adminId,
      signInDemoUser,
      signInAdmin,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
