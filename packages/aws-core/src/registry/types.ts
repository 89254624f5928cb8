/** What the registry knows of a singleton that currently holds an instance. */
export interface LiveSingleton {
  readonly name: string;
  readonly isClient: boolean;
  readonly reset: () => void;
}
