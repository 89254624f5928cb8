// The public surface of `@org/aws-testing/local` (9 runtime names): what a test setup needs
// to start the local stand-ins, create tables and users, and sign in. The rest are methods of
// what the start functions return (`cognito.createClient()`, `bedrock.model`, `stop()`...).
export {
  type BedrockOperation,
  type LocalBedrock,
  type LocalBedrockOptions,
  type RecordedBedrockRequest,
  startLocalBedrock,
} from "./bedrock/bedrock-local";
export type {
  BedrockErrorName,
  LocalBedrockModel,
  ModelResponder,
  ModelTurn,
  StreamExceptionName,
} from "./bedrock/local-model";
export { type CognitoLocal, type CognitoLocalOptions, startCognitoLocal } from "./cognito-local";
export {
  createUser,
  type LocalUser,
  type LocalUserPool,
  type SignedInTokens,
  signIn,
} from "./cognito-users";
export { createTables, type LocalKeySchema, type LocalTableDefinition } from "./create-tables";
export { type DynamoLocal, type DynamoLocalOptions, startDynamoLocal } from "./dynamodb-local";
export { LocalServiceError, type LocalServiceErrorOptions } from "./errors";
export { type LocalStandInsOptions, localStandIns } from "./local-stand-ins";
export {
  type LocalAssumedRole,
  type LocalSts,
  type LocalStsOptions,
  startLocalSts,
} from "./sts-local";
