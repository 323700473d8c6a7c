import { Agent, request } from "undici";
import type { Dispatcher } from "undici";
import { blockedReason, ssrfLookup } from "@/lib/net/ssrf";
import { Deadline } from "./deadline";
import { TargetError } from "./types";

/** Response bodies above this size are cut off (env ASSAY_MAX_RESPONSE_BYTES, default 10 MB). */
export const MAX_RESPONSE_BYTES =
  positiveInt(process.env.ASSAY_MAX_RESPONSE_BYTES) ?? 10 * 1024 * 1024;

const ERROR_SNIPPET_BYTES = 2048;

// One keep-alive pool for every target call in the process: benchmarks make thousands of
// loopback calls a second, and a new connection per call would dominate. Timeouts are ours.
const agent = new Agent({
  // Host names are resolved through the SSRF policy: a target may not reach cloud metadata endpoints.
  connect: { lookup: ssrfLookup },
  connections: 256,
  pipelining: 1,
  keepAliveTimeout: 30_000,
  headersTimeout: 0,
  bodyTimeout: 0,
});

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type HttpCall = {
  url: string | URL;
  method: HttpMethod;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
  signal: AbortSignal;
  /** Secret values sent with this call: scrubbed from every message and from the body text. */
  secretValues: readonly string[];
};

export type HttpReply = { status: number; contentType: string; text: string };

function positiveInt(value: string | undefined): number | undefined {
  const parsed = value ? Number(value) : NaN;
  return Number.isInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/** Replace each secret value in `text` so no message or output can carry it. */
export function scrub(text: string, secretValues: readonly string[]): string {
  for (const value of secretValues) {
    if (value && text.includes(value)) text = text.split(value).join("[redacted]");
  }
  return text;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function header(headers: Dispatcher.ResponseData["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * One HTTP attempt with the target's deadline and the response cap. Non-2xx answers and
 * transport failures become TargetErrors; an abort through `call.signal` rejects with its reason.
 */
export async function sendHttp(call: HttpCall): Promise<HttpReply> {
  if (call.signal.aborted) throw call.signal.reason;
  const blocked = blockedReason(call.url);
  if (blocked) {
    throw new TargetError(
      "config_error",
      `Refused: ${blocked} (allow it with ASSAY_TARGET_ALLOWLIST)`,
    );
  }
  const deadline = new Deadline(call.signal, call.timeoutMs);
  try {
    const response = await request(call.url, {
      dispatcher: agent,
      method: call.method,
      headers: call.headers,
      body: call.body,
      signal: deadline,
    });
    const { statusCode, headers, body } = response;
    if (statusCode < 200 || statusCode >= 300) {
      const snippet = await readPrefix(body, ERROR_SNIPPET_BYTES);
      throw statusError(statusCode, headers, scrub(snippet, call.secretValues));
    }
    const text = await readCapped(body, header(headers, "content-length"));
    return {
      status: statusCode,
      contentType: header(headers, "content-type") ?? "",
      text: scrub(text, call.secretValues),
    };
  } catch (err) {
    if (deadline.timedOut) {
      throw new TargetError("timeout", `no complete response within ${call.timeoutMs} ms`, {
        transient: true,
      });
    }
    if (call.signal.aborted) throw call.signal.reason;
    if (err instanceof TargetError) throw err;
    throw transportError(err, call);
  } finally {
    deadline.release();
  }
}

async function readCapped(
  body: Dispatcher.ResponseData["body"],
  contentLength: string | undefined,
): Promise<string> {
  if (contentLength !== undefined) {
    if (Number(contentLength) > MAX_RESPONSE_BYTES) {
      body.destroy();
      throw tooLarge();
    }
    return body.text(); // the parser stops at Content-Length, so this is bounded
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RESPONSE_BYTES) {
      body.destroy(); // closes the connection: the rest is never read
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0].toString("utf8") : Buffer.concat(chunks, size).toString();
}

function tooLarge(): TargetError {
  return new TargetError(
    "response_too_large",
    `response body exceeds the ${MAX_RESPONSE_BYTES}-byte limit`,
  );
}

/** The start of an error body for the message; the rest is dropped, not buffered. */
async function readPrefix(body: Dispatcher.ResponseData["body"], limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= limit) break; // leaving the loop destroys the stream
    }
  } catch {
    // an error body that fails mid-way still yields its status
  }
  return Buffer.concat(chunks, size).toString("utf8", 0, Math.min(size, limit));
}

function describeBody(snippet: string): string {
  const oneLine = snippet.replace(/\s+/g, " ").trim();
  if (!oneLine) return "";
  return `: ${oneLine.length > 300 ? `${oneLine.slice(0, 300)}…` : oneLine}`;
}

function statusError(
  status: number,
  headers: Dispatcher.ResponseData["headers"],
  snippet: string,
): TargetError {
  const detail = describeBody(snippet);
  const retryAfterMs = parseRetryAfter(header(headers, "retry-after"));
  if (status === 429) {
    return new TargetError("rate_limited", `target answered 429 Too Many Requests${detail}`, {
      transient: true,
      status,
      retryAfterMs,
    });
  }
  if (status >= 500) {
    return new TargetError("http_5xx", `target answered HTTP ${status}${detail}`, {
      transient: true,
      status,
      retryAfterMs,
    });
  }
  if (status >= 300 && status < 400) {
    // Redirects are not followed: custom headers carrying secrets would go to the new host.
    return new TargetError(
      "config_error",
      `target answered a redirect (HTTP ${status}); set the URL to its final address`,
      { status },
    );
  }
  return new TargetError("http_4xx", `target answered HTTP ${status}${detail}`, { status });
}

type NodeError = Error & { code?: string; cause?: unknown; errors?: unknown[] };

function errorCode(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, cause, errors } = err as NodeError;
  if (code && code !== "UND_ERR_SOCKET") return code;
  // undici wraps socket failures; Node's happy-eyeballs connect wraps them in an AggregateError.
  return errorCode(cause) ?? errorCode(errors?.[0]) ?? code;
}

function transportError(err: unknown, call: HttpCall): TargetError {
  const code = errorCode(err);
  let where = "";
  try {
    where = ` (${scrub(new URL(call.url).host, call.secretValues)})`;
  } catch {
    // an invalid URL is reported below without a host
  }
  switch (code) {
    case "blocked_url": // the SSRF policy refused the address a host name resolved to
      return new TargetError(
        "config_error",
        `Refused: ${(err as Error).message} (allow it with ASSAY_TARGET_ALLOWLIST)`,
      );
    case "ECONNREFUSED":
      return new TargetError("connection_error", `connection refused${where}`, { transient: true });
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return new TargetError("connection_error", `connection closed by the target${where}`, {
        transient: true,
      });
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new TargetError("connection_error", `host not found${where}`, { transient: true });
    case "ERR_INVALID_URL":
    case "UND_ERR_INVALID_ARG":
    case "ERR_INVALID_ARG_TYPE":
      return new TargetError(
        "config_error",
        `invalid request: ${scrub(String((err as Error).message), call.secretValues)}`,
      );
  }
  const message = err instanceof Error ? err.message : String(err);
  return new TargetError(
    "connection_error",
    `request failed${where}: ${scrub(message, call.secretValues)}${code ? ` (${code})` : ""}`,
    { transient: true },
  );
}
