export { type ClientCreateHook, onClientCreate } from "./client/creation-hooks";
export type { ClientDefinition, DefinedClient } from "./client/define-client";
export { defineClient } from "./client/define-client";
export {
  defineLoadOnUseClient,
  type LoadOnUseClient,
  type LoadOnUseClientDefinition,
} from "./client/load-on-use-client";
export { type Primeable, type PrimeOptions, type PrimeResult, prime } from "./client/prime";
export { resolveClientConfig } from "./config/resolve-client-config";
export { configureAwsDefaults, getAwsDefaults } from "./config/shared-defaults";
export type {
  ClientOptions,
  RetryMode,
  SdkClientConfig,
  SdkRequestHandlerOptions,
} from "./config/types";
export { defaultSafeMessage, type ErrorKind, httpStatusOf } from "./errors/error-kind";
export {
  AwsCoreError,
  type AwsCoreErrorOptions,
  ClientAlreadyCreatedError,
  InvalidClientError,
  InvalidConfigError,
  InvocationTimeoutError,
  MissingRegionError,
  SingletonCreationError,
} from "./errors/errors";
export { isServiceUnreachable } from "./errors/unreachable";
export {
  DEFAULT_DEADLINE_MARGIN_MS,
  type DeadlineContext,
  deadlineAware,
  enterInvocation,
  type InvocationOptions,
  leaveInvocation,
  withInvocation,
} from "./invocation/invocation-scope";
export {
  type ConfigurableSingleton,
  type ConfigurableSingletonOptions,
  configurableSingleton,
} from "./lazy/configurable-singleton";
export { lazyAsyncSingleton } from "./lazy/lazy-async-singleton";
export { lazySingleton } from "./lazy/lazy-singleton";
export type { AsyncLazySingleton, LazySingleton, LazySingletonOptions } from "./lazy/types";
export { isColdStart, markInvocationStart } from "./registry/invocations";
export { getSingletonCreations, onSingletonCreated, resetAll } from "./registry/registry";
export type { SingletonCreation, SingletonCreationListener } from "./registry/types";
