// The parts of the Cognito user pools SDK this package uses, in a module of its own: it is
// what the client loads on first use, and naming the parts (not `import()` of the whole SDK,
// about a hundred commands) leaves a bundler free to drop the rest.
export {
  CognitoIdentityProviderClient,
  GetUserCommand,
} from "@aws-sdk/client-cognito-identity-provider";
