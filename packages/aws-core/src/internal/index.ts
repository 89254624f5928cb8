// Shared by the `@org/aws-*` packages, NOT public: no semver promise, may change in any
// release. Handlers and libraries should use `@org/aws-core`.

export { type ClientSource, clientSource } from "../client/client-option";
export { isSdkClient } from "../client/is-sdk-client";
export { missingPackage } from "../client/missing-package";
export { InvalidConfigError, SingletonCreationError } from "../errors/errors";
export { isServerFault, isServiceUnreachable } from "../errors/unreachable";
export {
  type ConfigurableSingleton,
  type ConfigurableSingletonOptions,
  configurableSingleton,
} from "../lazy/configurable-singleton";
export { trackConfigured } from "../registry/registry";
