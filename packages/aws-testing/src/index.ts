// The public surface of `@org/aws-testing` (8 runtime names); see the README's "What each
// entry exports". `resetAll` is `@org/aws-core`'s; the vitest setup file restores the mocks.
export {
  createTestTokenIssuer,
  type TestTokenIssuer,
  type TestTokenIssuerOptions,
  type TestTokenOptions,
} from "./cognito/test-token-issuer";
export { type HttpRequestOptions, httpApiEvent, restApiEvent } from "./events/api-gateway";
export { lambdaContext } from "./events/lambda-context";
export { dynamoStreamEvent, type StreamChange, sqsEvent } from "./events/records";
export { mockClient, type SdkClientClass } from "./mocks/mock-client";
export {
  type DuplicateSdkPackage,
  warnOnDuplicateSdkPackages,
} from "./sdk-copies/find-duplicate-sdk-packages";
