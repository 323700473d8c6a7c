import { getDb } from "@/db/client";
import { createProject } from "@/lib/projects/service";
import { createApiKey } from "@/lib/keys/service";
import { randomToken } from "@/lib/crypto";

type Handler = (
  req: Request,
  ctx: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export type CallOptions = {
  key?: string | null;
  /** Which header carries the key. */
  keyHeader?: "authorization" | "x-auth-token" | "x-api-key";
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  path?: string;
};

export type CallResult<T = any> = { status: number; body: T; text: string; headers: Headers };

/** Call an exported route handler the way Next.js would, with a real Request. */
export async function call<T = any>(
  handler: Handler,
  method: string,
  opts: CallOptions = {},
): Promise<CallResult<T>> {
  const url = new URL(opts.path ?? "/api/test", "http://localhost:3000");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers(opts.headers);
  if (opts.key) {
    const h = opts.keyHeader ?? "authorization";
    headers.set(h, h === "authorization" ? `Bearer ${opts.key}` : opts.key);
  }
  let body: string | undefined = opts.rawBody;
  if (body === undefined && opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  const res = await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve(opts.params ?? {}),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, body: parsed as T, text, headers: res.headers };
}

export type TestProject = {
  id: string;
  slug: string;
  keys: { admin: string; run: string; read: string };
};

/** A fresh project with one key per scope, so test files never share state. */
export async function createTestProject(label = "test"): Promise<TestProject> {
  const slug = `${label}-${randomToken(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "x")}`;
  const db = getDb();
  const project = await createProject(db, { name: `Test ${label}`, slug });
  const keys = {} as TestProject["keys"];
  for (const scope of ["admin", "run", "read"] as const) {
    keys[scope] = (
      await createApiKey(db, {
        projectId: project.id,
        name: `${scope} key`,
        scope,
        createdBy: null,
      })
    ).key;
  }
  return { id: project.id, slug: project.slug, keys };
}
