import { describe, expect, it } from "vitest";
import { callTarget, MAX_RESPONSE_BYTES } from "./index";
import { parseRetryAfter } from "./http-client";
import { failure, makeCall, makeTarget, sendJson, startServer, useServers } from "./test-server";

const agent = useServers();

describe("http target: faults", () => {
  it("times out a hanging agent at the target's timeout (transient)", async () => {
    const server = await agent(() => {}); // never answers
    const started = Date.now();
    const err = await failure(
      callTarget(makeTarget("http", { url: server.url }, { timeoutMs: 200 }), makeCall()),
    );
    expect(err.code).toBe("timeout");
    expect(err.transient).toBe(true);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("times out an agent that stalls mid-body", async () => {
    const server = await agent((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"output": "part');
    });
    const err = await failure(
      callTarget(makeTarget("http", { url: server.url }, { timeoutMs: 200 }), makeCall()),
    );
    expect(err.code).toBe("timeout");
  });

  it("maps 500 to a transient http_5xx with the status and the body's start", async () => {
    const server = await agent((_req, res) => sendJson(res, 500, { error: "model overloaded" }));
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("http_5xx");
    expect(err.transient).toBe(true);
    expect(err.opts.status).toBe(500);
    expect(err.message).toContain("model overloaded");
  });

  it("maps 429 to rate_limited with Retry-After in ms (seconds or HTTP date)", async () => {
    const server = await agent((req, res) => {
      const retryAfter = req.url === "/date" ? new Date(Date.now() + 5_000).toUTCString() : "2";
      res.writeHead(429, { "retry-after": retryAfter });
      res.end("slow down");
    });
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("rate_limited");
    expect(err.transient).toBe(true);
    expect(err.opts.retryAfterMs).toBe(2000);
    const dated = await failure(
      callTarget(makeTarget("http", { url: `${server.url}/date` }), makeCall()),
    );
    expect(dated.opts.retryAfterMs).toBeGreaterThan(3_000);
    expect(dated.opts.retryAfterMs).toBeLessThanOrEqual(5_000);
  });

  it("maps 404 to a non-transient http_4xx", async () => {
    const server = await agent((_req, res) => {
      res.writeHead(404);
      res.end("no such route");
    });
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("http_4xx");
    expect(err.transient).toBe(false);
    expect(err.opts.status).toBe(404);
  });

  it("does not follow redirects (config_error)", async () => {
    const server = await agent((_req, res) => {
      res.writeHead(302, { location: "http://elsewhere.invalid/" });
      res.end();
    });
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("config_error");
    expect(err.opts.status).toBe(302);
  });

  it("maps a connection reset to a transient connection_error", async () => {
    const server = await agent((req) => void req.socket.destroy());
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("connection_error");
    expect(err.transient).toBe(true);
  });

  it("maps a refused connection to a transient connection_error", async () => {
    const server = await startServer(() => {});
    await server.close(); // nothing listens on that port any more
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("connection_error");
    expect(err.transient).toBe(true);
    expect(err.message).toContain("refused");
  });

  it("cuts a 50 MB streamed body at the cap without buffering it", async () => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "a");
    let written = 0;
    let closed = false;
    let closedBeforeEnd = false;
    const server = await agent((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" }); // chunked: no Content-Length
      res.on("close", () => {
        closed = true;
        closedBeforeEnd = !res.writableFinished;
      });
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        if (!res.destroyed) res.end();
      };
      pump();
    });
    const started = Date.now();
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("response_too_large");
    expect(err.transient).toBe(false);
    expect(Date.now() - started).toBeLessThan(5_000);
    await expect.poll(() => closed).toBe(true);
    expect(closedBeforeEnd).toBe(true); // the client hung up mid-stream
    expect(written).toBeLessThan(MAX_RESPONSE_BYTES * 2); // and the server stopped early
  });

  it("refuses a body whose Content-Length is over the cap before reading it", async () => {
    let written = 0;
    const server = await agent((_req, res) => {
      res.writeHead(200, { "content-length": String(MAX_RESPONSE_BYTES + 1) });
      written += 1024;
      res.write(Buffer.alloc(1024, "b")); // then stalls: only the header can end this quickly
    });
    const err = await failure(callTarget(makeTarget("http", { url: server.url }), makeCall()));
    expect(err.code).toBe("response_too_large");
    expect(written).toBe(1024);
  });

  it("rejects with the abort reason when the caller cancels", async () => {
    const server = await agent(() => {});
    const controller = new AbortController();
    const pending = callTarget(
      makeTarget("http", { url: server.url }),
      makeCall({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error("cancelled by user")), 50);
    await expect(pending).rejects.toThrow("cancelled by user");
  });
});

describe("http target: cancellation and secrets in errors", () => {
  it("aborts every in-flight call sharing the caller's signal", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    const server = await agent(() => {}); // never answers
    const controller = new AbortController();
    const target = makeTarget("http", { url: server.url });
    const calls = Array.from({ length: 50 }, () =>
      callTarget(target, makeCall({ signal: controller.signal })).catch((e: unknown) => e),
    );
    await expect.poll(() => server.received.length).toBe(50);
    controller.abort(new Error("suite run cancelled"));
    const results = await Promise.all(calls);
    process.off("warning", onWarning);
    expect(results.every((r) => r instanceof Error && r.message === "suite run cancelled")).toBe(
      true,
    );
    expect(warnings.filter((w) => w.name === "MaxListenersExceededWarning")).toEqual([]);
  });

  it("never puts a secret from the URL into an error message", async () => {
    const closed = await startServer(() => {});
    await closed.close();
    const port = new URL(closed.url).port;
    const target = makeTarget("http", { url: "http://127.0.0.1:{{secrets.PORT}}/run" });
    const err = await failure(callTarget(target, makeCall({ secrets: { PORT: port } })));
    expect(err.code).toBe("connection_error");
    expect(err.message).toContain("[redacted]");
    expect(err.message).not.toContain(port);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates and ignores junk", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("2", now)).toBe(2000);
    expect(parseRetryAfter("1.5", now)).toBe(1500);
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:10 GMT", now)).toBe(10_000);
    expect(parseRetryAfter("Tue, 31 Dec 2024 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
