/** A text/event-stream Response fed by `start(send)`; `close` ends it. Heartbeats keep proxies from timing out. */
export type SseSend = (event: string, data: unknown, id?: string | number) => void;

export function sseResponse(
  start: (io: { send: SseSend; close: () => void; signal: AbortSignal }) => Promise<void> | void,
  opts: {
    heartbeatMs?: number;
    signal?: AbortSignal;
    headers?: Record<string, string>;
    raw?: boolean;
  } = {},
): Response {
  const encoder = new TextEncoder();
  const abort = new AbortController();
  opts.signal?.addEventListener("abort", () => abort.abort(), { once: true });
  let closed = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          close();
        }
      };
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        abort.abort();
        try {
          controller.close();
        } catch {
          /* already closed by the client */
        }
      };
      const send: SseSend = (event, data, id) => {
        const payload = JSON.stringify(data);
        write(
          `${id !== undefined ? `id: ${id}\n` : ""}${opts.raw ? "" : `event: ${event}\n`}data: ${payload}\n\n`,
        );
      };
      heartbeat = setInterval(
        () => write(`: heartbeat ${Date.now()}\n\n`),
        opts.heartbeatMs ?? 15_000,
      );
      write(": stream open\n\n");
      Promise.resolve(start({ send, close, signal: abort.signal })).catch(() => close());
    },
    cancel() {
      closed = true;
      clearInterval(heartbeat);
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      connection: "keep-alive",
      "x-accel-buffering": "no",
      ...opts.headers,
    },
  });
}
