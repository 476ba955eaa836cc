/**
 * Server-sent events for the dashboard (`GET /__control/events`): each journal entry, SMS and
 * fault change as it happens, so the page updates without a reload. A plain `text/event-stream`
 * any EventSource reads; at most MAX_LISTENERS at a time (a further one is a 503), and a comment
 * every HEARTBEAT_MS keeps proxies from closing an idle stream.
 */
import type { ServerResponse } from "node:http";
import { httpError, type Answer } from "./answer.js";

const MAX_LISTENERS = 32;
const HEARTBEAT_MS = 15_000;

export class EventHub {
  private readonly listeners = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** Told when the first listener comes and the last goes: producers shape events only while someone listens. */
  onListening: ((listening: boolean) => void) | undefined;

  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** Sends one event to every listener. */
  publish(type: string, data: unknown): void {
    if (this.listeners.size === 0) return;
    const text = `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.listeners) res.write(text);
  }

  /** The answer to `GET /__control/events`: a stream that stays open. */
  subscribe(): Answer {
    if (this.listeners.size >= MAX_LISTENERS) return httpError(503, `at most ${MAX_LISTENERS} event streams at a time`);
    return {
      httpStatus: 200,
      body: undefined,
      stream: (res) => {
        res.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          "x-accel-buffering": "no",
        });
        res.write(": connected\n\n");
        this.listeners.add(res);
        if (this.listeners.size === 1) this.onListening?.(true);
        this.heartbeat ??= setInterval(() => {
          for (const each of this.listeners) each.write(": ping\n\n");
        }, HEARTBEAT_MS).unref();
        res.on("close", () => {
          this.listeners.delete(res);
          if (this.listeners.size > 0) return;
          clearInterval(this.heartbeat);
          this.heartbeat = undefined;
          this.onListening?.(false);
        });
      },
    };
  }
}
