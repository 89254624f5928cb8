import { LocalRunnerConfigError } from "../errors";
import type { Route } from "./route";

/** The route a request matched, and its path parameters. */
export interface RouteMatch {
  readonly route: Route;
  /** `GET /users/{id}`, or `$default`. */
  readonly routeKey: string;
  readonly pathParameters: Readonly<Record<string, string>> | undefined;
}

type Segment =
  | { readonly kind: "literal"; readonly value: string }
  | { readonly kind: "param"; readonly name: string }
  | { readonly kind: "greedy"; readonly name: string };

interface CompiledRoute {
  readonly route: Route;
  readonly routeKey: string;
  readonly method: string;
  /** Undefined for `$default`. */
  readonly segments: readonly Segment[] | undefined;
}

const PARAM = /^\{([A-Za-z0-9_.-]+)(\+?)\}$/;
const RANK = { literal: 0, param: 1, greedy: 2 } as const;

/**
 * Matches requests to routes the way API Gateway HTTP APIs do: the most specific route wins
 * (a literal segment over a `{param}`, a `{param}` over a greedy `{proxy+}`, a named method
 * over `ANY`), and `$default` catches the rest.
 *
 * @example
 * ```ts
 * const table = new RouteTable([{ method: "GET", path: "/users/{id}", function: "users-api" }]);
 * table.match("GET", ["users", "42"]); // { routeKey: "GET /users/{id}", pathParameters: { id: "42" } }
 * ```
 */
export class RouteTable {
  private readonly routes: readonly CompiledRoute[];

  /** @throws {@link LocalRunnerConfigError} for a malformed path. */
  constructor(routes: readonly Route[]) {
    this.routes = routes.map(compile).sort(bySpecificity);
  }

  /** The best route for a request; `segments` are the path's decoded `/`-separated parts. */
  match(method: string, segments: readonly string[]): RouteMatch | undefined {
    for (const compiled of this.routes) {
      if (compiled.method !== "ANY" && compiled.method !== method.toUpperCase()) continue;
      if (!compiled.segments) {
        return { route: compiled.route, routeKey: compiled.routeKey, pathParameters: undefined };
      }
      const parameters = matchSegments(compiled.segments, segments);
      if (parameters) {
        return {
          route: compiled.route,
          routeKey: compiled.routeKey,
          pathParameters: Object.keys(parameters).length > 0 ? parameters : undefined,
        };
      }
    }
    return undefined;
  }
}

function compile(route: Route): CompiledRoute {
  const method = route.method.toUpperCase();
  if (route.path === "$default") {
    return { route, method, routeKey: "$default", segments: undefined };
  }
  if (!route.path.startsWith("/")) {
    throw new LocalRunnerConfigError(
      `Route path "${route.path}" must start with "/" or be "$default"`,
    );
  }
  const parts = route.path.slice(1).split("/");
  const segments = parts.map((part, index): Segment => {
    const param = PARAM.exec(part);
    if (!param) {
      if (part.includes("{") || part.includes("}")) {
        throw new LocalRunnerConfigError(
          `Route path "${route.path}" has a malformed parameter "${part}"`,
        );
      }
      return { kind: "literal", value: part };
    }
    const name = param[1] as string;
    if (param[2] !== "+") return { kind: "param", name };
    if (index !== parts.length - 1) {
      throw new LocalRunnerConfigError(
        `Greedy parameter in "${route.path}" must be the last segment`,
      );
    }
    return { kind: "greedy", name };
  });
  return { route, method, routeKey: `${method} ${route.path}`, segments };
}

function matchSegments(
  pattern: readonly Segment[],
  segments: readonly string[],
): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (const [index, segment] of pattern.entries()) {
    const actual = segments[index];
    if (actual === undefined) return undefined;
    if (segment.kind === "greedy") {
      const rest = segments.slice(index).join("/");
      if (rest === "") return undefined;
      parameters[segment.name] = rest;
      return parameters;
    }
    if (segment.kind === "literal") {
      if (segment.value !== actual) return undefined;
    } else {
      if (actual === "") return undefined;
      parameters[segment.name] = actual;
    }
  }
  return segments.length === pattern.length ? parameters : undefined;
}

// Most specific first, segment by segment; then a named method before ANY; $default last.
function bySpecificity(a: CompiledRoute, b: CompiledRoute): number {
  if (!a.segments || !b.segments) return (a.segments ? 0 : 1) - (b.segments ? 0 : 1);
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const left = a.segments[i];
    const right = b.segments[i];
    if (!left || !right) return (left ? 0 : 1) - (right ? 0 : 1);
    const diff = RANK[left.kind] - RANK[right.kind];
    if (diff !== 0) return diff;
  }
  return (a.method === "ANY" ? 1 : 0) - (b.method === "ANY" ? 1 : 0);
}
