import type { Request } from "autocannon";

/** What the load run saw acknowledged, per user: what the data check must find afterwards. */
export interface Acknowledged {
  /** Profile versions the API answered 200/201 with, in order, per user id. */
  readonly profileVersions: Map<string, number[]>;
  /** Translation ids the API answered 201 with, per user id. */
  readonly translations: Map<string, string[]>;
  /**
   * Passes through the mix that found no free user and took one another connection was
   * serving (it can happen only after a request got no answer at all): that user's answers
   * may then be acknowledged out of order, so the data check's version order is void for it.
   */
  sharedPasses: number;
}

/** The state of one connection: one signed-in user, working through the mix in a loop. */
interface ConnectionContext {
  token?: string | undefined;
  userId?: string | undefined;
  version?: number | undefined;
  cursor?: string | undefined;
}

const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
  const list = map.get(key) ?? [];
  list.push(value);
  map.set(key, list);
};

const json = (body: string): Record<string, unknown> => {
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch {
    return {};
  }
};

/**
 * The request mix of one connection, as one user: read the profile, update it (with the
 * version read, so a lost write would show as a skipped or repeated version), translate,
 * and read two pages of the history, the second with the first's cursor. Each pass through
 * the mix takes a user no other connection is serving.
 *
 * @example
 * ```ts
 * const acknowledged = { profileVersions: new Map(), translations: new Map(), sharedPasses: 0 };
 * autocannon({ url, connections: 10, requests: userMix(tokens, acknowledged) });
 * ```
 */
export function userMix(tokens: readonly string[], acknowledged: Acknowledged): Request[] {
  // autocannon starts each pass through the mix with a fresh context, so a pass takes a free
  // user and hands it back at its end: one user is never in two connections' passes at once
  // (their answers could otherwise be acknowledged in another order than applied).
  const free = [...tokens];
  let next = 0;
  const headers = (context: ConnectionContext) => {
    if (context.token === undefined) {
      // The pool only runs dry if a pass lost a request without an answer (an error).
      context.token = free.shift();
      if (context.token === undefined) {
        acknowledged.sharedPasses += 1;
        context.token = tokens[next++ % tokens.length];
      }
    }
    return { authorization: `Bearer ${context.token}`, "content-type": "application/json" };
  };
  const release = (context: ConnectionContext) => {
    if (context.token && !free.includes(context.token)) free.push(context.token);
  };
  return [
    {
      method: "GET",
      path: "/users/me",
      setupRequest: (request, context) => ({ ...request, headers: headers(context) }),
      onResponse: (status, body, context: ConnectionContext) => {
        if (status !== 200) return;
        const user = json(body);
        context.userId = String(user.id);
        context.version = Number(user.version);
      },
    },
    {
      method: "PUT",
      path: "/users/me",
      setupRequest: (request, context: ConnectionContext) => ({
        ...request,
        headers: headers(context),
        body: JSON.stringify({
          email: "load@example.com",
          name: `Load ${Date.now()}`,
          ...(context.version ? { version: context.version } : {}),
        }),
      }),
      onResponse: (status, body, context: ConnectionContext) => {
        if (status !== 200 && status !== 201) return;
        const user = json(body);
        context.userId = String(user.id);
        context.version = Number(user.version);
        push(acknowledged.profileVersions, context.userId, context.version);
      },
    },
    {
      method: "POST",
      path: "/translations",
      setupRequest: (request, context) => ({
        ...request,
        headers: headers(context),
        body: JSON.stringify({ text: "good morning", direction: "en-es" }),
      }),
      onResponse: (status, body, context: ConnectionContext) => {
        if (status === 201 && context.userId) {
          push(acknowledged.translations, context.userId, String(json(body).id));
        }
      },
    },
    {
      method: "GET",
      path: "/translations?limit=5",
      setupRequest: (request, context: ConnectionContext) => ({
        ...request,
        headers: headers(context),
      }),
      onResponse: (status, body, context: ConnectionContext) => {
        const cursor = status === 200 ? json(body).cursor : undefined;
        context.cursor = typeof cursor === "string" ? cursor : undefined;
      },
    },
    {
      method: "GET",
      path: "/translations?limit=5",
      // The next page, with the cursor of the page before (the first page again if none).
      setupRequest: (request, context: ConnectionContext) => ({
        ...request,
        headers: headers(context),
        path: context.cursor
          ? `/translations?limit=5&cursor=${encodeURIComponent(context.cursor)}`
          : "/translations?limit=5",
      }),
      onResponse: (_status, _body, context: ConnectionContext) => release(context),
    },
  ];
}
