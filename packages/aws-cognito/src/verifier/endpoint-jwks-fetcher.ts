import type { Fetcher } from "aws-jwt-verify/https";

const COGNITO_HOST = /^https:\/\/(issuer-)?cognito-idp\.[a-z0-9-]+\.amazonaws\.com/;

/**
 * Fetches a user pool's JWKS from another endpoint than AWS's: the one set in
 * `AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER` (the variable the SDK client already honours),
 * e.g. a local Cognito stand-in. Only the `https://(issuer-)cognito-idp.<region>.amazonaws.com`
 * part of the address is replaced.
 *
 * @example
 * ```ts
 * const fetcher = new EndpointJwksFetcher("http://127.0.0.1:9229");
 * ```
 */
export class EndpointJwksFetcher implements Fetcher {
  constructor(private readonly endpoint: string) {}

  async fetch(uri: string): Promise<ArrayBuffer> {
    const target = uri.replace(COGNITO_HOST, this.endpoint.replace(/\/$/, ""));
    const response = await fetch(target, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error(`JWKS request to ${target} answered ${response.status}`);
    return response.arrayBuffer();
  }
}
