import { once } from "node:events";
import { Agent, createServer, request } from "node:http";
import type { AddressInfo, Socket } from "node:net";

/** A running {@link startRegionRouter}. */
export interface RegionRouter {
  /** `http://127.0.0.1:<port>`: the endpoint to give clients of every region. */
  readonly endpoint: string;
  /** How many requests went to each region, by region. */
  readonly routed: Readonly<Record<string, number>>;
  /** Client connections open now: a destroyed client's drop to zero. */
  openConnections(): number;
  /** Closes the listener, every client connection and every forwarded request. */
  stop(): Promise<void>;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
// The region of a SigV4 signature: `Credential=AKID/DATE/REGION/SERVICE/aws4_request`, in the
// Authorization header or (presigned) the X-Amz-Credential query parameter.
const SIGV4_REGION = /Credential=[^/,\s]+\/\d{8}\/([^/,\s]+)\/[^/,\s]+\/aws4_request/;
const PRESIGNED_REGION = /^[^/]+\/\d{8}\/([^/]+)\/[^/]+\/aws4_request$/;
// Per connection, not end to end: not forwarded either way.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
]);

function endToEnd(headers: NodeJS.Dict<string | string[]>) {
  return Object.fromEntries(
    Object.entries(headers).filter(([name, value]) => value !== undefined && !HOP_BY_HOP.has(name)),
  ) as Record<string, string | string[]>;
}

function regionOf(url: string, authorization: string | undefined): string | undefined {
  const fromHeader = authorization ? SIGV4_REGION.exec(authorization)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  const credential = new URL(url, "http://local").searchParams.get("X-Amz-Credential");
  return credential ? PRESIGNED_REGION.exec(credential)?.[1] : undefined;
}

/**
 * One endpoint for clients of several regions, for tests of per-region clients
 * (`documentClient.for({ region })`): it reads each request's region from its SigV4
 * signature and forwards the request as it came (method, path, headers, body; the `host`
 * the client signed included) to that region's server, then pipes the answer back. A request
 * of a region it has no server for gets a 400 with a JSON error (`__type: "UnknownRegion"`),
 * which the SDK's JSON clients raise as an error of that name.
 *
 * @example
 * ```ts
 * const router = await startRegionRouter({ "eu-west-1": dublin.endpoint, "us-east-1": virginia.endpoint });
 * process.env.AWS_ENDPOINT_URL_DYNAMODB = router.endpoint;
 * // ... router.routed["eu-west-1"], router.openConnections()
 * await router.stop();
 * ```
 */
export async function startRegionRouter(
  targets: Readonly<Record<string, string>>,
): Promise<RegionRouter> {
  const upstreams = new Map<string, URL>();
  for (const [region, endpoint] of Object.entries(targets)) {
    if (!REGION.test(region)) throw new TypeError(`startRegionRouter: ${region} is not a region`);
    const url = URL.canParse(endpoint) ? new URL(endpoint) : undefined;
    if (url?.protocol !== "http:")
      throw new TypeError(`startRegionRouter: ${region}'s endpoint ${endpoint} is not an http URL`);
    upstreams.set(region, url);
  }
  const routed: Record<string, number> = {};
  const sockets = new Set<Socket>();
  const agent = new Agent({ keepAlive: true });

  const server = createServer((req, res) => {
    const region = regionOf(req.url ?? "/", req.headers.authorization);
    const upstream = region ? upstreams.get(region) : undefined;
    const fail = (status: number, type: string, message: string) => {
      if (res.destroyed) return;
      if (res.headersSent) return void res.destroy();
      res.writeHead(status, { "content-type": "application/x-amz-json-1.0" });
      res.end(JSON.stringify({ __type: type, message }));
    };
    if (!region || !upstream) {
      req.resume();
      return fail(
        400,
        "UnknownRegion",
        region
          ? `No endpoint for region ${region}; known: ${[...upstreams.keys()].join(", ")}`
          : "No SigV4 signature to read a region from",
      );
    }
    routed[region] = (routed[region] ?? 0) + 1;
    const forward = request(
      {
        agent,
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: endToEnd(req.headers),
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
        answer.pipe(res);
        answer.once("error", () => res.destroy());
      },
    );
    forward.once("error", (error) => fail(502, "RegionRouterError", error.message));
    // A client gone before its answer: the forwarded request goes too.
    res.once("close", () => {
      if (!res.writableFinished) forward.destroy();
    });
    req.pipe(forward);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");

  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    routed,
    openConnections: () => sockets.size,
    stop: async () => {
      const closed = [
        once(server, "close"),
        ...[...sockets].map((socket) => once(socket, "close")),
      ];
      server.close();
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await Promise.all(closed);
    },
  };
}
