import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientCreateHook, ClientCreation } from "../client/types";
import type { ClientOptions } from "../config/types";
import type { InvocationScope } from "../invocation/invocation-scope";
import type { LiveSingleton } from "../registry/types";

/**
 * Everything `@org/aws-core` keeps for the process. It lives on `globalThis` under a
 * registered symbol, so every copy of the package in one process (two versions after a
 * partial upgrade, or its ESM and CJS builds side by side) shares one registry, one shared
 * configuration and one `resetAll()`.
 */
export interface CoreState {
  /** The shape of this object; a copy that knows another shape keeps a state of its own. */
  readonly layout: number;
  /** Finished client creations, oldest first. */
  readonly creations: ClientCreation[];
  /** Singletons that hold an instance (created or injected), so `resetAll()` can find them. */
  readonly live: Set<LiveSingleton>;
  /** Forgets a singleton's options: one per singleton that was ever configured. */
  readonly configured: Set<() => void>;
  sharedDefaults: ClientOptions;
  invocationCount: number;
  /** Hooks run on every client `defineClient` creates. */
  readonly clientHooks: Set<ClientCreateHook>;
  /** Middleware stacks the hooks for every client have seen (clients may share one). */
  readonly hookedStacks: WeakSet<object>;
  /** The invocation the current code runs for (its deadline), see `withInvocation`. */
  readonly invocations: AsyncLocalStorage<InvocationScope>;
}

const STATE_KEY = Symbol.for("@org/aws-core/state");
/** Bump when {@link CoreState} changes shape. */
const STATE_LAYOUT = 3;

let state: CoreState | undefined;

/**
 * The process's core state, made on first use (never at import).
 * @internal
 */
export function coreState(): CoreState {
  if (state) return state;
  const holder = globalThis as { [STATE_KEY]?: CoreState };
  const found = holder[STATE_KEY];
  if (found === undefined) {
    state = holder[STATE_KEY] = newState();
  } else if (found.layout === STATE_LAYOUT) {
    state = found;
  } else {
    process.emitWarning(
      "Two incompatible copies of @org/aws-core are loaded: they keep separate registries " +
        "and configurations. Install one version of the @org/aws-* packages.",
      { type: "AwsCoreWarning", code: "AWS_CORE_COPIES" },
    );
    state = newState();
  }
  return state;
}

function newState(): CoreState {
  return {
    layout: STATE_LAYOUT,
    creations: [],
    live: new Set(),
    configured: new Set(),
    sharedDefaults: {},
    invocationCount: 0,
    clientHooks: new Set(),
    hookedStacks: new WeakSet(),
    invocations: new AsyncLocalStorage(),
  };
}
