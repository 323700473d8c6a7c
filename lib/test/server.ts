import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { startWorker, type WorkerHandle } from "@/lib/engine/worker";
import { serveFromMemory } from "@/lib/http/fast-path";

const APP_DIR = fileURLToPath(new URL("../../app", import.meta.url));
export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;

type Segment =
  | { kind: "static"; value: string }
  | { kind: "param"; name: string }
  | { kind: "catchAll"; name: string };

/** One `route.ts` of the app tree: its URL pattern and module file. */
export type RouteFile = { file: string; pattern: string; segments: Segment[] };

type RouteHandler = (
  req: Request,
  ctx: { params: Promise<Record<string, string | string[]>> },
) => Promise<Response>;

/** Every `route.ts` under app/, with its URL pattern (`/api/v1/suites/{id}`); groups `(x)` dropped. */
export function listRouteFiles(root = APP_DIR): RouteFile[] {
  const out: RouteFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name === "route.ts") {
        const parts = relative(root, dir)
          .split(sep)
          .filter((p) => p && !/^\(.*\)$/.test(p));
        const segments: Segment[] = parts.map((p) => {
          const catchAll = /^\[\.\.\.(.+)\]$/.exec(p);
          if (catchAll) return { kind: "catchAll", name: catchAll[1] };
          const param = /^\[(.+)\]$/.exec(p);
          if (param) return { kind: "param", name: param[1] };
          return { kind: "static", value: p };
        });
        const pattern =
          "/" +
          segments
            .map((s) =>
              s.kind === "static" ? s.value : s.kind === "param" ? `{${s.name}}` : `{...${s.name}}`,
            )
            .join("/");
        out.push({ file: path, pattern, segments });
      }
    }
  };
  walk(root);
  return out.sort((a, b) => specificity(b) - specificity(a) || a.pattern.localeCompare(b.pattern));
}

// Static segments win over dynamic ones, as in Next.js (`/runs/{runId}` before `/{slug}/run`).
function specificity(r: RouteFile): number {
  return r.segments.reduce(
    (score, s, i) => score + (s.kind === "static" ? 3 : s.kind === "param" ? 2 : 1) * 4 ** (10 - i),
    0,
  );
}

function match(route: RouteFile, parts: string[]): Record<string, string | string[]> | null {
  const params: Record<string, string | string[]> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const s = route.segments[i];
    if (s.kind === "catchAll") {
      if (i >= parts.length) return null;
      params[s.name] = parts.slice(i);
      return params;
    }
    if (i >= parts.length) return null;
    if (s.kind === "static" && s.value !== parts[i]) return null;
    if (s.kind === "param") params[s.name] = parts[i];
  }
  return route.segments.length === parts.length ? params : null;
}

export type TestServer = {
  url: string;
  close: () => Promise<void>;
};

/**
 * The app's route handlers behind a real HTTP server (no Next build): requests are dispatched by
 * URL to the `route.ts` modules, so tests call the API exactly as an outside client would. With
 * `worker: true` an in-process worker executes the runs.
 */
export async function startTestServer(opts: { worker?: boolean } = {}): Promise<TestServer> {
  const routes = listRouteFiles();
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const load = (file: string) => {
    if (!modules.has(file)) modules.set(file, import(/* @vite-ignore */ file));
    return modules.get(file)!;
  };
  let worker: WorkerHandle | null = null;
  if (opts.worker) worker = await startWorker({ concurrency: 16 });

  const server: Server = createServer((req, res) => {
    if (serveFromMemory(req, res)) return; // as bin/start.ts does in front of Next.js
    void dispatch(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end(String(error));
    });
  });

  async function dispatch(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    let found: { route: RouteFile; params: Record<string, string | string[]> } | null = null;
    for (const route of routes) {
      const params = match(route, parts);
      if (params) {
        found = { route, params };
        break;
      }
    }
    if (!found) return send(res, 404, { error: "no such route" });
    const mod = await load(found.route.file);
    const handler = mod[req.method ?? "GET"] as RouteHandler | undefined;
    if (typeof handler !== "function") return send(res, 405, { error: "method not allowed" });

    const abort = new AbortController();
    res.on("close", () => abort.abort());
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
      else if (value !== undefined) headers.set(name, value);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const request = new Request(url, {
      method: req.method,
      headers,
      body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
      signal: abort.signal,
      // @ts-expect-error Node's fetch needs `duplex` for a streamed request body
      duplex: "half",
    });
    const response = await handler(request, { params: Promise.resolve(found.params) });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (!response.body) return void res.end();
    const reader = response.body.getReader();
    abort.signal.addEventListener("abort", () => void reader.cancel().catch(() => {}));
    for (;;) {
      const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) break;
      res.write(value);
    }
    res.end();
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await worker?.stop();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

/** Read an SSE response's `data:` frames as parsed JSON until the stream ends or `until` says stop. */
export async function readSseFrames(
  response: Response,
  until: (frame: any) => boolean = () => false,
): Promise<any[]> {
  const frames: any[] = [];
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
      if (!data) continue;
      const frame = JSON.parse(data);
      frames.push(frame);
      if (until(frame)) {
        await reader.cancel();
        return frames;
      }
    }
  }
  return frames;
}
