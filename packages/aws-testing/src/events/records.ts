import { marshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, DynamoDBStreamEvent, SQSEvent, SQSRecord } from "aws-lambda";

/**
 * An SQS event with one record per body (objects are sent as JSON).
 *
 * @example
 * ```ts
 * const event = sqsEvent([{ orderId: "1" }, "plain text"]);
 * ```
 */
export function sqsEvent(bodies: readonly unknown[], queueName = "test-queue"): SQSEvent {
  const arn = `arn:aws:sqs:us-east-1:123456789012:${queueName}`;
  return {
    Records: bodies.map(
      (body): SQSRecord => ({
        messageId: crypto.randomUUID(),
        receiptHandle: crypto.randomUUID(),
        body: typeof body === "string" ? body : JSON.stringify(body),
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: String(Date.now()),
          SenderId: "123456789012",
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: "",
        eventSource: "aws:sqs",
        eventSourceARN: arn,
        awsRegion: "us-east-1",
      }),
    ),
  };
}

/** One change for {@link dynamoStreamEvent}, in plain JavaScript values. */
export interface StreamChange {
  readonly eventName: "INSERT" | "MODIFY" | "REMOVE";
  readonly keys: Record<string, unknown>;
  readonly newImage?: Record<string, unknown>;
  readonly oldImage?: Record<string, unknown>;
}

/**
 * A DynamoDB Streams event; images are marshalled to attribute values as Lambda receives them.
 *
 * @example
 * ```ts
 * const event = dynamoStreamEvent([
 *   { eventName: "INSERT", keys: { PK: "USER#1" }, newImage: { PK: "USER#1", name: "Ada" } },
 * ]);
 * ```
 */
export function dynamoStreamEvent(
  changes: readonly StreamChange[],
  tableName = "app",
): DynamoDBStreamEvent {
  return {
    Records: changes.map(
      (change, index): DynamoDBRecord => ({
        eventID: String(index + 1),
        eventName: change.eventName,
        eventVersion: "1.1",
        eventSource: "aws:dynamodb",
        awsRegion: "us-east-1",
        eventSourceARN: `arn:aws:dynamodb:us-east-1:123456789012:table/${tableName}/stream/2026-01-01T00:00:00.000`,
        dynamodb: {
          ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
          Keys: marshall(change.keys) as never,
          ...(change.newImage
            ? { NewImage: marshall(change.newImage, { removeUndefinedValues: true }) as never }
            : {}),
          ...(change.oldImage
            ? { OldImage: marshall(change.oldImage, { removeUndefinedValues: true }) as never }
            : {}),
          SequenceNumber: String(100 + index),
          SizeBytes: 100,
          StreamViewType: "NEW_AND_OLD_IMAGES",
        },
      }),
    ),
  };
}
