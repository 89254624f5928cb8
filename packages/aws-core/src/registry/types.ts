/** One singleton creation, as the registry recorded it. */
export interface SingletonCreation {
  /** The singleton's name, e.g. `"dynamodb"`. */
  readonly name: string;
  /** When the factory finished. */
  readonly createdAt: Date;
  /** How long the factory took, in milliseconds (for async factories, until it settled). */
  readonly durationMs: number;
  /** Whether it happened during the container's cold start (init or first invocation). */
  readonly coldStart: boolean;
}

/** Called after each singleton creation; see `onSingletonCreated`. */
export type SingletonCreationListener = (creation: SingletonCreation) => void;

/** What the registry knows of a singleton that currently holds an instance. */
export interface LiveSingleton {
  readonly name: string;
  readonly isClient: boolean;
  readonly reset: () => void;
}
