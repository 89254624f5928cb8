import { once } from "node:events";
import type { PrimeResult } from "./prime";

/** The resolved configuration of an SDK v3 client, as far as priming reads it. */
interface ResolvedSdkConfig {
  region?: () => Promise<string>;
  credentials?: () => Promise<unknown>;
  endpoint?: () => Promise<EndpointLike>;
  serviceConfiguredEndpoint?: () => Promise<string | undefined>;
  endpointProvider?: (params: Record<string, unknown>) => { url?: URL };
  useFipsEndpoint?: () => Promise<boolean>;
  useDualstackEndpoint?: () => Promise<boolean>;
  requestHandler?: { handle(request: object): Promise<{ response: { body?: unknown } }> };
}

interface EndpointLike {
  url?: URL;
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
}

/**
 * Creates a client and resolves what its first call would otherwise resolve; never throws.
 * The SDK memoizes each of these, so the first real call finds them ready.
 */
export async function primeClient(
  name: string,
  getClient: () => unknown,
  options: { readonly connect?: boolean | undefined } = {},
): Promise<PrimeResult> {
  const startedAt = performance.now();
  try {
    // A load-on-use client's accessor is async: awaiting it loads the SDK module ahead too.
    const config = ((await getClient()) as { config?: ResolvedSdkConfig }).config ?? {};
    const [region] = await Promise.all([config.region?.(), config.credentials?.()]);
    const url = await endpointUrl(config, region);
    if (options.connect && url) await openConnection(config, url);
    return { name, primed: true, durationMs: performance.now() - startedAt };
  } catch (error) {
    // Priming is an optimisation: the first call does the same work and reports errors itself.
    process.emitWarning(
      `Priming the ${name} client failed; its first call will try again: ${String(error)}`,
      "AwsCoreWarning",
    );
    return { name, primed: false, durationMs: performance.now() - startedAt, error };
  }
}

async function endpointUrl(
  config: ResolvedSdkConfig,
  region: string | undefined,
): Promise<URL | undefined> {
  if (config.endpoint) return toUrl(await config.endpoint());
  const configured = await config.serviceConfiguredEndpoint?.();
  if (configured) return new URL(configured);
  return config.endpointProvider?.({
    Region: region,
    UseFIPS: (await config.useFipsEndpoint?.()) ?? false,
    UseDualStack: (await config.useDualstackEndpoint?.()) ?? false,
  }).url;
}

function toUrl(endpoint: EndpointLike): URL | undefined {
  if (endpoint.url) return endpoint.url;
  if (!endpoint.hostname) return undefined;
  const port = endpoint.port ? `:${endpoint.port}` : "";
  return new URL(`${endpoint.protocol ?? "https:"}//${endpoint.hostname}${port}`);
}

/** An unsigned `GET /` through the client's own handler: the socket stays in its pool. */
async function openConnection(config: ResolvedSdkConfig, url: URL): Promise<void> {
  if (!config.requestHandler) return;
  const { response } = await config.requestHandler.handle({
    method: "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: "/",
    query: {},
    headers: { host: url.host },
  });
  // Read the answer to its end, or the socket cannot be reused.
  const body = response.body as NodeJS.ReadableStream | undefined;
  if (body && typeof body.resume === "function") {
    body.resume();
    await once(body, "end");
  }
}
