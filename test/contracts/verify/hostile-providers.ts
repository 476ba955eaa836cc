/**
 * Providers that misbehave, on 127.0.0.1, for verify's tests: each answers its first `healthy`
 * requests by passing them to a real provider (the simulator), then turns hostile — it closes
 * the connection at once, answers garbage, stalls, or sends an endless body (fast or slow).
 * Every behaviour stops by itself: an endless body ends after a bounded number of bytes or
 * seconds, and a stalled socket is closed when the server closes.
 */
import { connect, createServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export type Hostility = "close" | "garbage" | "stall" | "endless" | "slow-body";

export interface HostileProvider {
  url: string;
  /** Requests received so far (connections that sent something). */
  readonly requests: number;
  close(): Promise<void>;
}

const ENDLESS_LIMIT_BYTES = 64 * 1024 * 1024;
const SLOW_BODY_LIMIT_MS = 60_000;

function misbehave(socket: Socket, hostility: Hostility): void {
  switch (hostility) {
    case "close":
      socket.destroy();
      return;
    case "garbage":
      socket.end("SSH-2.0-OpenSSH_9.6 this is not HTTP\r\n\r\n");
      return;
    case "stall":
      return; // reads, never answers
    case "endless": {
      socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
      const chunk = `10000\r\n${"x".repeat(0x10000)}\r\n`;
      let sent = 0;
      const pump = () => {
        while (!socket.destroyed && sent < ENDLESS_LIMIT_BYTES) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once("drain", pump);
        }
        socket.destroy();
      };
      pump();
      return;
    }
    case "slow-body": {
      socket.write('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"status":0,');
      const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(" ")), 200);
      setTimeout(() => (clearInterval(timer), socket.destroy()), SLOW_BODY_LIMIT_MS).unref();
      socket.on("close", () => clearInterval(timer));
    }
  }
}

/** Pipes one connection to the healthy provider (one request per connection: verify's client does not reuse them). */
function passThrough(socket: Socket, first: Buffer, healthy: URL): void {
  const upstream = connect(Number(healthy.port), healthy.hostname);
  upstream.on("error", () => socket.destroy());
  socket.on("error", () => upstream.destroy());
  upstream.write(first);
  socket.pipe(upstream).pipe(socket);
}

/**
 * @param healthyUrl the provider that answers the first `healthy` requests
 * @param healthy how many requests are answered before the hostility starts (0: at once)
 */
export async function startHostileProvider(
  hostility: Hostility,
  healthyUrl?: string,
  healthy = 0,
): Promise<HostileProvider> {
  let seen = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
    if (hostility === "close" && seen >= healthy) return void (seen++, socket.destroy());
    socket.once("data", (first: Buffer) => {
      const turn = seen++;
      if (turn < healthy && healthyUrl) passThrough(socket, first, new URL(healthyUrl));
      else misbehave(socket, hostility);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return seen;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
