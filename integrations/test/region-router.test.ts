import { once } from "node:events";
import { createServer, type IncomingMessage, request } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type RegionRouter, startRegionRouter } from "./support/region-router";

interface Seen {
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

// A tiny "region": answers ListTables with its own name, and records what it got.
async function regionServer(name: string) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-region": name });
      res.end(JSON.stringify({ TableNames: [name] }));
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

const signedFor = (region: string) =>
  `AWS4-HMAC-SHA256 Credential=AKID/20250101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=0`;

const clientFor = (endpoint: string, region: string) =>
  new DynamoDBClient({
    endpoint,
    region,
    credentials: { accessKeyId: "AKIDLOCAL", secretAccessKey: "local" },
    maxAttempts: 1,
  });

describe("startRegionRouter", () => {
  let dublin: Awaited<ReturnType<typeof regionServer>>;
  let virginia: Awaited<ReturnType<typeof regionServer>>;
  let router: RegionRouter;
  const clients: DynamoDBClient[] = [];
  const client = (region: string) => {
    const made = clientFor(router.endpoint, region);
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    dublin = await regionServer("eu-west-1");
    virginia = await regionServer("us-east-1");
    router = await startRegionRouter({
      "eu-west-1": dublin.endpoint,
      "us-east-1": virginia.endpoint,
    });
  });
  afterEach(() => {
    for (const made of clients.splice(0)) made.destroy();
  });
  afterAll(async () => {
    await router?.stop();
    await dublin?.close();
    await virginia?.close();
  });

  it("sends each request to the server of the region it is signed for, as it came", async () => {
    const fromDublin = await client("eu-west-1").send(new ListTablesCommand({ Limit: 5 }));
    const fromVirginia = await client("us-east-1").send(new ListTablesCommand({}));

    expect(fromDublin.TableNames).toEqual(["eu-west-1"]);
    expect(fromVirginia.TableNames).toEqual(["us-east-1"]);
    expect(router.routed).toEqual({ "eu-west-1": 1, "us-east-1": 1 });
    const [request] = dublin.seen;
    expect(request).toMatchObject({
      method: "POST",
      url: "/",
      body: JSON.stringify({ Limit: 5 }),
      headers: {
        "x-amz-target": "DynamoDB_20120810.ListTables",
        // The host the client signed, so a server that checks signatures still can.
        host: new URL(router.endpoint).host,
        authorization: expect.stringContaining("/eu-west-1/dynamodb/aws4_request"),
      },
    });
  });

  it("passes the answer's status and headers back", async () => {
    const response = await fetch(router.endpoint, {
      method: "POST",
      headers: { authorization: signedFor("us-east-1") },
      body: "{}",
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-region")).toBe("us-east-1");
  });

  it("routes a presigned request by its X-Amz-Credential", async () => {
    const credential = encodeURIComponent("AKID/20250101/eu-west-1/dynamodb/aws4_request");
    const response = await fetch(`${router.endpoint}/?X-Amz-Credential=${credential}`);
    expect(await response.json()).toEqual({ TableNames: ["eu-west-1"] });
  });

  it("answers a region it has no server for with a 400 the SDK names", async () => {
    const error = await client("ap-south-1")
      .send(new ListTablesCommand({}))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: "UnknownRegion",
      message: expect.stringContaining("No endpoint for region ap-south-1"),
      $metadata: { httpStatusCode: 400 },
    });

    const unsigned = await fetch(router.endpoint, { method: "POST", body: "{}" });
    expect(unsigned.status).toBe(400);
    expect(await unsigned.json()).toEqual({
      __type: "UnknownRegion",
      message: "No SigV4 signature to read a region from",
    });
  });

  it("answers 502 when the region's server is down", async () => {
    const gone = await regionServer("eu-central-1");
    await gone.close();
    const broken = await startRegionRouter({ "eu-central-1": gone.endpoint });
    try {
      const response = await fetch(broken.endpoint, {
        method: "POST",
        headers: { authorization: signedFor("eu-central-1") },
      });
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ __type: "RegionRouterError" });
    } finally {
      await broken.stop();
    }
  });

  it("rejects targets that are not regions or http URLs", async () => {
    await expect(startRegionRouter({ dublin: dublin.endpoint })).rejects.toThrow(
      "dublin is not a region",
    );
    await expect(startRegionRouter({ "eu-west-1": "not a url" })).rejects.toThrow(
      "is not an http URL",
    );
  });
});

describe("a dropped client", () => {
  it("has its connection closed, and its forwarded request with it", async () => {
    let upstreamClosed = false;
    let onArrival = () => {};
    const arrived = new Promise<void>((resolve) => {
      onArrival = resolve;
    });
    // A server that never answers.
    const silent = createServer((req) => {
      req.once("close", () => {
        upstreamClosed = true;
      });
      onArrival();
    });
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    const router = await startRegionRouter({
      "eu-west-1": `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
    });
    try {
      const { port } = new URL(router.endpoint);
      const pending = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        headers: { authorization: signedFor("eu-west-1") },
      });
      pending.on("error", () => {});
      pending.end("{}");
      await arrived;
      expect(router.openConnections()).toBe(1);

      pending.destroy();
      await vi.waitFor(() => expect(router.openConnections()).toBe(0));
      await vi.waitFor(() => expect(upstreamClosed).toBe(true));
    } finally {
      await router.stop();
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("stop() closes connections still open", async () => {
    const target = await regionServer("eu-west-1");
    const router = await startRegionRouter({ "eu-west-1": target.endpoint });
    const client = clientFor(router.endpoint, "eu-west-1");
    try {
      await client.send(new ListTablesCommand({}));
      // The SDK keeps its connection alive for the next request.
      expect(router.openConnections()).toBe(1);
      await router.stop();
      expect(router.openConnections()).toBe(0);
    } finally {
      client.destroy();
      await target.close();
    }
  });
});
