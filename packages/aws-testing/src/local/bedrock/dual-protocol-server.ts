import http, { type IncomingMessage, type ServerResponse } from "node:http";
import http2, { type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import net from "node:net";
import { Duplex } from "node:stream";

export type Handler = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
) => void;

const H2_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

// Node's HTTP/2 session reads from the socket's native handle, so bytes already read would be
// lost to it: hand it a handle-less stream that replays them first.
function replay(socket: net.Socket, head: Buffer): Duplex {
  const stream = new Duplex({
    read() {
      socket.resume();
    },
    write(chunk, encoding, done) {
      socket.write(chunk, encoding, done);
    },
    final(done) {
      socket.end();
      done();
    },
    destroy(error, done) {
      socket.destroy();
      done(error);
    },
  });
  stream.push(head);
  socket.on("data", (chunk) => {
    if (!stream.push(chunk)) socket.pause();
  });
  socket.on("end", () => stream.push(null));
  socket.on("close", () => stream.destroy());
  return stream;
}

/**
 * One TCP server on which HTTP/1.1 and cleartext HTTP/2 (h2c, prior knowledge) both work:
 * the SDK's Bedrock client speaks HTTP/2 by default, and `NodeHttpHandler` HTTP/1.1. The
 * first bytes of each connection tell which it is.
 */
export function createDualProtocolServer(handler: Handler) {
  const h1 = http.createServer(handler);
  const h2 = http2.createServer(handler);
  h2.on("sessionError", () => {});
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    let head = Buffer.alloc(0);
    const sniff = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const n = Math.min(head.length, H2_PREFACE.length);
      const isH2 = head.subarray(0, n).equals(H2_PREFACE.subarray(0, n));
      if (isH2 && head.length < H2_PREFACE.length) return;
      socket.removeListener("data", sniff);
      socket.pause();
      if (isH2) {
        h2.emit("connection", replay(socket, head));
      } else {
        socket.unshift(head);
        h1.emit("connection", socket);
        socket.resume();
      }
    };
    socket.on("data", sniff);
  });
  return {
    server,
    /** Closes the listener and every open connection. */
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        h2.close();
        h1.close();
        server.close(() => resolve());
      }),
  };
}
