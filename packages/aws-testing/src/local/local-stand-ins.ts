import { startLocalBedrock } from "./bedrock/bedrock-local";
import { type CognitoLocal, startCognitoLocal } from "./cognito-local";
import { useLocalUserPool } from "./cognito-users";
import { createTables, type LocalTableDefinition } from "./create-tables";
import { startDynamoLocal } from "./dynamodb-local";
import { useLocalCredentials } from "./local-credentials";

/** Which stand-ins a test project needs; each is started only when asked for. */
export interface LocalStandInsOptions {
  /** DynamoDB Local; `tables` are created at start. */
  readonly dynamodb?: boolean | { readonly tables?: readonly LocalTableDefinition[] };
  /** cognito-local with one pool and one app client (`COGNITO_CLIENT_ID`). */
  readonly cognito?: boolean;
  /** The local Bedrock Runtime (its model cannot be steered from test files: start one there). */
  readonly bedrock?: boolean;
}

/**
 * Makes a vitest `globalSetup` that starts only the local stand-ins a project asks for,
 * points the SDK (and `@org/aws-cognito`'s verifier) at them through the standard
 * `AWS_ENDPOINT_URL_*` variables, and stops them after the run.
 *
 * @example
 * ```ts
 * // test/global-setup.ts
 * import { localStandIns } from "@org/aws-testing/local";
 *
 * export default localStandIns({
 *   dynamodb: { tables: [{ name: "app", partitionKey: "PK", sortKey: "SK" }] },
 *   cognito: true,
 * });
 *
 * // vitest.config.ts: test: { globalSetup: ["./test/global-setup.ts"] }
 * ```
 */
export function localStandIns(options: LocalStandInsOptions) {
  return async function setup(): Promise<() => Promise<void>> {
    const stops: (() => Promise<void>)[] = [];
    const stopAll = async () => {
      for (const stop of stops.reverse()) await stop();
    };
    try {
      useLocalCredentials();
      if (options.dynamodb) {
        const dynamo = await startDynamoLocal();
        stops.push(dynamo.stop);
        process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamo.endpoint;
        const tables = typeof options.dynamodb === "object" ? (options.dynamodb.tables ?? []) : [];
        if (tables.length) await createTables(dynamo.endpoint, tables);
      }
      if (options.cognito) {
        const cognito: CognitoLocal = await startCognitoLocal({ region: process.env.AWS_REGION });
        stops.push(cognito.stop);
        useLocalUserPool(cognito, await cognito.createClient());
      }
      if (options.bedrock) {
        const bedrock = await startLocalBedrock();
        stops.push(bedrock.stop);
        process.env.AWS_ENDPOINT_URL_BEDROCK_RUNTIME = bedrock.endpoint;
      }
    } catch (error) {
      await stopAll();
      throw error;
    }
    return stopAll;
  };
}
