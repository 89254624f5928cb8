import { expect } from "vitest";

/** What no response body may show: how the service is built, or another user's data. */
const INTERNALS: readonly [string, RegExp][] = [
  ["a stack frame", /\bat .+[:(]\d+:\d+/],
  ["a file path", /(\/var\/task|\/work\/|\/tmp\/|node_modules|\.m?[jt]s\b)/],
  ["an exception name", /\b[A-Z][A-Za-z]*(Error|Exception)\b/],
  ["parser text", /Unexpected (token|end)|at position \d+|" is not valid JSON|SyntaxError/],
  ["a key attribute", /"(PK|SK|GSI\d?PK|entityType)"|\b(USER|TRANSLATION)#/],
  ["token verifier text", /\b(kid|JWKS|jwk|issuer|audience|client_id|token_use)\b/i],
  ["an AWS endpoint or ARN", /amazonaws\.com|cognito-idp|arn:aws/],
];

/**
 * Fails when `body` holds a stack frame, a file path, an exception name, parser or verifier
 * text, a key attribute, or any of `secrets` (the table name, the client and pool ids...).
 */
export function expectNoInternals(body: string, secrets: readonly string[], what = "body") {
  for (const [name, pattern] of INTERNALS) {
    expect(pattern.test(body), `${what} shows ${name}: ${body.slice(0, 300)}`).toBe(false);
  }
  for (const secret of secrets) {
    expect(body.includes(secret), `${what} shows "${secret}": ${body.slice(0, 300)}`).toBe(false);
  }
}
