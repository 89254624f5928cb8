// The public surface: what a handler needs. Shared internals of the `@org/aws-*` packages
// are in `./internal.ts` (`@org/aws-core/internal`), which is not public.
export { onCreate } from "./client/creation-hooks";
export { defineClient } from "./client/define-client";
export { type Primeable, type PrimeOptions, type PrimeResult, prime } from "./client/prime";
export type {
  ClientCreateHook,
  ClientCreation,
  ClientDefinition,
  ClientKey,
  LazyClient,
} from "./client/types";
export { configureAwsDefaults } from "./config/shared-defaults";
export type {
  ClientOptions,
  Credentials,
  CredentialsProvider,
  RetryMode,
  SdkClientConfig,
} from "./config/types";
export { type ErrorKind, httpStatusOf } from "./errors/error-kind";
export { AwsCoreError, type AwsCoreErrorOptions } from "./errors/errors";
export {
  type DeadlineContext,
  type InvocationOptions,
  withInvocation,
} from "./invocation/invocation-scope";
export { lazyAsyncSingleton } from "./lazy/lazy-async-singleton";
export { lazySingleton } from "./lazy/lazy-singleton";
export type { AsyncLazySingleton, LazySingleton } from "./lazy/types";
export { isColdStart } from "./registry/invocations";
export { getClientCreations, resetAll } from "./registry/registry";
