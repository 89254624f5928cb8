export {
  type BedrockOperation,
  type LocalBedrock,
  type LocalBedrockOptions,
  type RecordedBedrockRequest,
  startLocalBedrock,
} from "./bedrock/bedrock-local";
export {
  type BedrockErrorName,
  echoResponder,
  LocalBedrockModel,
  type ModelResponder,
  type ModelTurn,
  type StreamExceptionName,
} from "./bedrock/local-model";
export { type CognitoLocal, type CognitoLocalOptions, startCognitoLocal } from "./cognito-local";
export {
  createUser,
  createUserPoolClient,
  type LocalUser,
  type LocalUserPool,
  type SignedInTokens,
  signIn,
  useLocalUserPool,
} from "./cognito-users";
export {
  createTables,
  deleteTables,
  type LocalKeySchema,
  type LocalTableDefinition,
} from "./create-tables";
export { type DynamoLocal, type DynamoLocalOptions, startDynamoLocal } from "./dynamodb-local";
export { LocalServiceError } from "./errors";
export { useLocalCredentials } from "./local-credentials";
export { type LocalStandInsOptions, localStandIns } from "./local-stand-ins";
