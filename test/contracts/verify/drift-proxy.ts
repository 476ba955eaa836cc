/**
 * A drifted provider: a real HTTP proxy on 127.0.0.1 in front of the simulator that passes
 * requests through untouched (signatures stay valid) and rewrites chosen `/v5` answers.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

export interface Answer {
  httpStatus: number;
  body: Record<string, unknown>;
}

/** Returns the answer to send instead, or undefined to pass the real one through. */
export type Drift = (path: string, answer: Answer) => Answer | undefined;

export interface DriftProxy {
  url: string;
  close(): Promise<void>;
}

export async function startDriftProxy(targetUrl: string, drift: Drift): Promise<DriftProxy> {
  const target = new URL(targetUrl);
  const server = createServer((req, res) => {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => {
          const raw = Buffer.concat(chunks);
          const path = (req.url ?? "").split("?")[0]!;
          const drifted = path.startsWith("/v5/")
            ? drift(path, {
                httpStatus: answer.statusCode ?? 0,
                body: JSON.parse(raw.toString("utf8")) as Record<string, unknown>,
              })
            : undefined;
          if (!drifted) {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            res.end(raw);
            return;
          }
          res.writeHead(drifted.httpStatus, { "content-type": "application/json" });
          res.end(JSON.stringify(drifted.body));
        });
      },
    );
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
