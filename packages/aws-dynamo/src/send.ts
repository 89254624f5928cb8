import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { documentClient } from "./client/document-client";
import type { DynamoErrorContext } from "./errors";
import { toDynamoError } from "./map-error";

type DocumentCommand = Parameters<DynamoDBDocumentClient["send"]>[0];

/**
 * Sends a DocumentClient command on the container's client, turning SDK errors into this
 * package's typed errors with the table and key they were about.
 */
export async function sendDocumentCommand<TOutput>(
  command: { readonly input: object },
  context: DynamoErrorContext,
  actions?: readonly DynamoErrorContext[],
): Promise<TOutput> {
  try {
    return (await documentClient.client.send(command as DocumentCommand)) as TOutput;
  } catch (error) {
    throw toDynamoError(error, context, actions);
  }
}
