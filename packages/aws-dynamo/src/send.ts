import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { ClientSource } from "./client/client-option";
import type { DynamoErrorContext } from "./errors";
import { toDynamoError } from "./map-error";

type DocumentCommand = Parameters<DynamoDBDocumentClient["send"]>[0];

/**
 * Sends a DocumentClient command on the client of `source` (read at each send: for the
 * default, `documentClient`, a field read once created), turning SDK errors into this
 * package's typed errors with the table and key they were about.
 */
export async function sendDocumentCommand<TOutput>(
  source: ClientSource,
  command: { readonly input: object },
  context: DynamoErrorContext,
  actions?: readonly DynamoErrorContext[],
): Promise<TOutput> {
  try {
    return (await source.client.send(command as DocumentCommand)) as TOutput;
  } catch (error) {
    throw toDynamoError(error, context, actions);
  }
}
