// `@org/aws-core/credentials`: credentials for clients of another account or tenant. An
// entry of its own so that a function that never assumes a role carries none of its code.
export { type AssumeRoleOptions, assumeRole } from "./assume-role";
