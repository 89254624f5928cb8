import type { Stack } from "./stack";

/** One scripted request and the status it must answer with. */
export interface Step {
  readonly title: string;
  readonly method: string;
  readonly path: string | ((context: JourneyContext) => string);
  readonly body?: unknown | ((context: JourneyContext) => unknown);
  /** Whose access token the request carries, if anyone's. */
  readonly as: "nobody" | "demo" | "admin";
  readonly expectStatus: number;
  /** Keeps what later steps need (a cursor, a version). */
  readonly remember?: (body: Record<string, unknown>, context: JourneyContext) => void;
}

/** What the steps share. */
export interface JourneyContext {
  readonly userId: string;
  readonly adminId: string;
  cursor?: string | undefined;
  version?: number | undefined;
}

/** The scripted journey of `pnpm demo`. */
export const JOURNEY: readonly Step[] = [
  {
    title: "Health (no client touched)",
    method: "GET",
    path: "/health",
    as: "nobody",
    expectStatus: 200,
  },
  ...[
    ["hello world", "en-es"],
    ["good morning my friend", "en-fr"],
    ["thank you for the coffee", "en-de"],
  ].map(
    ([text, direction]): Step => ({
      title: `Translate "${text}" (${direction})`,
      method: "POST",
      path: "/translations",
      body: { text, direction },
      as: "demo",
      expectStatus: 201,
    }),
  ),
  {
    title: "History, first page of 2",
    method: "GET",
    path: "/translations?limit=2",
    as: "demo",
    expectStatus: 200,
    remember: (body, context) => {
      context.cursor = (body.cursor as string | null) ?? undefined;
    },
  },
  {
    title: "History, next page",
    method: "GET",
    path: (context) => `/translations?limit=2&cursor=${encodeURIComponent(context.cursor ?? "")}`,
    as: "demo",
    expectStatus: 200,
  },
  {
    title: "Read the user (not there yet)",
    method: "GET",
    path: (c) => `/users/${c.userId}`,
    as: "demo",
    expectStatus: 404,
  },
  {
    title: "Create the user",
    method: "PUT",
    path: (c) => `/users/${c.userId}`,
    body: { email: "demo@example.com", name: "Demo User" },
    as: "demo",
    expectStatus: 201,
  },
  {
    title: "Read the user",
    method: "GET",
    path: (c) => `/users/${c.userId}`,
    as: "demo",
    expectStatus: 200,
    remember: (body, context) => {
      context.version = body.version as number;
    },
  },
  {
    title: "Update the user (optimistic locking on version)",
    method: "PUT",
    path: (c) => `/users/${c.userId}`,
    body: (c: JourneyContext) => ({
      email: "demo@example.com",
      name: "Demo User (renamed)",
      version: c.version,
    }),
    as: "demo",
    expectStatus: 200,
  },
  {
    title: "Read someone else's profile (forbidden)",
    method: "GET",
    path: (c) => `/users/${c.adminId}`,
    as: "demo",
    expectStatus: 403,
  },
  {
    title: "Write someone else's profile (forbidden)",
    method: "PUT",
    path: (c) => `/users/${c.adminId}`,
    body: { email: "mallory@example.com", name: "Not Yours" },
    as: "demo",
    expectStatus: 403,
  },
  {
    title: "An admin reads the user's profile",
    method: "GET",
    path: (c) => `/users/${c.userId}`,
    as: "admin",
    expectStatus: 200,
  },
  {
    title: "Read your own profile as /users/me",
    method: "GET",
    path: "/users/me",
    as: "demo",
    expectStatus: 200,
  },
  {
    title: "A bad request: unknown direction",
    method: "POST",
    path: "/translations",
    body: { text: "hello", direction: "en-xx" },
    as: "demo",
    expectStatus: 400,
  },
  {
    title: "An unauthenticated request (refused by the authorizer)",
    method: "POST",
    path: "/translations",
    body: { text: "hello", direction: "en-es" },
    as: "nobody",
    expectStatus: 401,
  },
  {
    title: "An unauthenticated profile read (refused by the authorizer)",
    method: "GET",
    path: (c) => `/users/${c.userId}`,
    as: "nobody",
    expectStatus: 401,
  },
];

/** The access tokens the journey signs requests with. */
export interface JourneyTokens {
  readonly demo: string;
  readonly admin: string;
}

/** The outcome of one step. */
export interface StepResult {
  readonly step: Step;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly body: unknown;
  readonly ok: boolean;
}

/** Runs the journey against a started stack, step by step. */
export async function* runJourney(stack: Stack, tokens: JourneyTokens): AsyncGenerator<StepResult> {
  const context: JourneyContext = { userId: stack.userId, adminId: stack.adminId };
  for (const step of JOURNEY) {
    const path = typeof step.path === "function" ? step.path(context) : step.path;
    const body =
      typeof step.body === "function"
        ? (step.body as (c: JourneyContext) => unknown)(context)
        : step.body;
    const response = await fetch(`${stack.url}${path}`, {
      method: step.method,
      headers: {
        "content-type": "application/json",
        ...(step.as === "nobody" ? {} : { authorization: `Bearer ${tokens[step.as]}` }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (response.status === step.expectStatus && parsed && typeof parsed === "object") {
      step.remember?.(parsed as Record<string, unknown>, context);
    }
    yield {
      step,
      method: step.method,
      path,
      status: response.status,
      body: parsed,
      ok: response.status === step.expectStatus,
    };
  }
}
