import { AwsCoreError, SingletonCreationError } from "../errors/errors";
import { trackLive, untrackLive } from "../registry/registry";
import type { LiveSingleton } from "../registry/types";
import type { LazySingletonOptions } from "./types";

/**
 * What both singleton kinds hold: the instance, and the registry entry that lets resetAll()
 * find it. Plain fields, so the hot path stays a property read.
 */
export class SingletonState<T> implements LiveSingleton {
  created = false;
  instance: T | undefined = undefined;
  readonly isClient: boolean;

  constructor(
    readonly name: string,
    private readonly options: LazySingletonOptions,
    private readonly onReset: () => void = () => {},
  ) {
    this.isClient = options.isClient ?? false;
  }

  store(value: T): void {
    this.instance = value;
    this.created = true;
    trackLive(this);
  }

  readonly reset = (): void => {
    this.created = false;
    this.instance = undefined;
    this.onReset();
    untrackLive(this);
  };

  /** Runs the caller's check on a value given to inject(). */
  validateInjected(value: unknown): void {
    this.options.validateInjected?.(value);
  }
}

/** Our own errors pass through unchanged; anything else is wrapped with the singleton's name. */
export function toCreationError(name: string, error: unknown): Error {
  return error instanceof AwsCoreError ? error : SingletonCreationError.of(name, error);
}
