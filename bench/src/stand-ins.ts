import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { DynamoConflictError } from "@org/aws-dynamo";
import { createTables, type DynamoLocal, startDynamoLocal } from "@org/aws-testing/local";
import { UserRepository } from "../../apps/users-api/src/user-repository";
import { BENCH_KEY, BENCH_USER, TABLE_NAME } from "./variants";

export const REGION = "us-east-1";
const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

/**
 * DynamoDB Local (AWS's own, in memory, on 127.0.0.1) with the sample apps' table and the
 * user every variant reads, written by users-api's own repository (its item layout).
 */
export async function startDynamo(): Promise<DynamoLocal> {
  const dynamo = await startDynamoLocal();
  try {
    await createTables(dynamo.endpoint, [{ name: TABLE_NAME, partitionKey: "PK", sortKey: "SK" }]);
    // This process talks to the stand-ins only; @org/aws-dynamo reads these on first use.
    Object.assign(process.env, { AWS_REGION: REGION, ...functionEnv(dynamo.endpoint) });
    // A cold DynamoDB Local can answer the first write after the 700 ms request timeout: the
    // SDK's retry then finds the item its first attempt wrote.
    await new UserRepository(() => TABLE_NAME).create(BENCH_USER).catch((error: unknown) => {
      if (!(error instanceof DynamoConflictError)) throw error;
    });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  return dynamo;
}

/**
 * The functions' environment: dummy credentials, the local endpoints (Bedrock's when given:
 * translation-api's `POST /translations` calls a model), the table.
 */
export function functionEnv(endpoint: string, bedrockEndpoint?: string): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    ...(bedrockEndpoint ? { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: bedrockEndpoint } : {}),
    TABLE_NAME,
  };
}

/**
 * Reads the benchmark's item a number of times from this process, so DynamoDB Local's JVM
 * has compiled its hot paths before the first measured call.
 */
export async function warmDynamo(endpoint: string, reads: number): Promise<void> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: REGION, credentials: LOCAL_CREDENTIALS }),
  );
  try {
    for (let i = 0; i < reads; i += 1) {
      await client.send(new GetCommand({ TableName: TABLE_NAME, Key: BENCH_KEY }));
    }
  } finally {
    client.destroy();
  }
}
