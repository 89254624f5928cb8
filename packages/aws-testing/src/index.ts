export { resetAll } from "@org/aws-core";
export {
  createTestTokenIssuer,
  type TestTokenIssuer,
  type TestTokenIssuerOptions,
  type TestTokenOptions,
} from "./cognito/test-token-issuer";
export { type HttpRequestOptions, httpApiEvent, restApiEvent } from "./events/api-gateway";
export { lambdaContext } from "./events/lambda-context";
export { dynamoStreamEvent, type StreamChange, sqsEvent } from "./events/records";
export { mockSingletonClient, restoreMocks } from "./mocks/mock-singleton-client";
export {
  type DuplicateSdkPackage,
  findDuplicateSdkPackages,
  warnOnDuplicateSdkPackages,
} from "./sdk-copies/find-duplicate-sdk-packages";
