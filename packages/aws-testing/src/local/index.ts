export {
  type BedrockOperation,
  type LocalBedrock,
  type RecordedBedrockRequest,
  startLocalBedrock,
} from "./bedrock/bedrock-local";
export {
  BEDROCK_ERROR_STATUS,
  type BedrockErrorName,
  DEMO_GLOSSARY,
  LocalBedrockModel,
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
export {
  type DynamoLocal,
  type DynamoLocalOptions,
  JAVA_INSTALL_HINT,
  startDynamoLocal,
} from "./dynamodb-local";
export { LocalServiceError } from "./errors";
export { freePort } from "./free-port";
export { useLocalCredentials } from "./local-credentials";
export { type LocalStandInsOptions, localStandIns } from "./local-stand-ins";
