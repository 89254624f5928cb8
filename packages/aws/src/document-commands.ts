// The DocumentClient's commands, named: what `aws.documentClient.sdk()` loads on first use.
// Naming them (not `import()` of the whole of lib-dynamodb) leaves a bundler free to drop
// the rest of the DynamoDB SDK.
export {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
