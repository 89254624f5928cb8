export { resetAll } from "@org/aws-core";
export {
  createTestTokenIssuer,
  type TestTokenIssuer,
  type TestTokenIssuerOptions,
  type TestTokenOptions,
} from "./cognito/test-token-issuer";
