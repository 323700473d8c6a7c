/** A small client for Assay's HTTP API (API key auth), timing every call. */
import { request } from "node:http";
import { nowMs } from "./proc";

export type ApiResponse<T = any> = {
  status: number;
  body: T;
  text: string;
  ms: number;
  ttfbMs: number;
  bytes: number;
};

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly key: string,
  ) {}

  async call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    const t0 = nowMs();
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: {
        authorization: `Bearer ${this.key}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
    const ttfbMs = nowMs() - t0; // headers received: a route handler has built its whole answer by then
    const text = await res.text();
    const ms = nowMs() - t0;
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, text, ms, ttfbMs, bytes: Buffer.byteLength(text) };
  }

  /**
   * Like `call`, for big answers whose transfer is what is timed (B2's 26 MB trigger answer): the
   * clock stops when the last byte is in, read by node:http as raw buffers like curl would, instead of
   * fetch's web-stream decoding (which costs the client ~0.3 s of CPU per 26 MB on this machine, time
   * the server did not spend). The body is decoded and parsed after the clock stops.
   */
  async callRaw<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const t0 = nowMs();
    let ttfbMs = 0;
    const { status, buffer } = await new Promise<{ status: number; buffer: Buffer }>(
      (resolve, reject) => {
        const req = request(
          this.baseUrl + path,
          {
            method,
            headers: {
              authorization: `Bearer ${this.key}`,
              ...(payload !== undefined ? { "content-type": "application/json" } : {}),
            },
          },
          (res) => {
            ttfbMs = nowMs() - t0;
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({ status: res.statusCode ?? 0, buffer: Buffer.concat(chunks) }),
            );
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end(payload);
      },
    );
    const ms = nowMs() - t0;
    const text = buffer.toString("utf8");
    let parsed: any = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status, body: parsed, text, ms, ttfbMs, bytes: buffer.length };
  }

  /** Like `call`, but throws on a non-2xx answer. */
  async ok<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const r = await this.call<T>(method, path, body);
    if (r.status < 200 || r.status >= 300)
      throw new Error(`${method} ${path} → ${r.status}: ${r.text.slice(0, 500)}`);
    return r;
  }
}

export const TERMINAL = new Set(["passed", "failed", "error", "cancelled"]);
