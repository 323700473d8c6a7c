/** Helpers for the import tests: upload a file the way a client would, and count what was written. */
import { count, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { scenarios, suites, targets } from "@/db/schema";
import * as importRoute from "@/app/api/v1/scenarios/import/route";
import * as exportRoute from "@/app/api/v1/suites/[id]/scenarios/export/route";

export type Uploaded = {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  headers: Headers;
};

export async function upload(
  key: string,
  file: string | Uint8Array,
  opts: {
    contentType?: string;
    query?: Record<string, string | number | boolean>;
    headers?: Record<string, string>;
  } = {},
): Promise<Uploaded> {
  const url = new URL("/api/v1/scenarios/import", "http://localhost:3000");
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v));
  const headers = new Headers({ authorization: `Bearer ${key}`, ...opts.headers });
  if (opts.contentType !== undefined) headers.set("content-type", opts.contentType);
  const body = typeof file === "string" ? file : new Uint8Array(file);
  const res = await importRoute.POST(new Request(url, { method: "POST", headers, body }), {
    params: Promise.resolve({}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

export async function exportSuite(key: string, suite: string, format: "csv" | "jsonl") {
  const url = new URL(`/api/v1/suites/${suite}/scenarios/export`, "http://localhost:3000");
  url.searchParams.set("format", format);
  const res = await exportRoute.GET(
    new Request(url, { headers: { authorization: `Bearer ${key}` } }),
    { params: Promise.resolve({ id: suite }) },
  );
  const bytes = new Uint8Array(await res.arrayBuffer());
  // The file as sent: a byte-order mark stays (Response.text() would drop it).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { status: res.status, bytes, text, headers: res.headers };
}

/** What an import may write in a project: rejected files must leave every count unchanged. */
export async function counts(projectId: string) {
  const db = getDb();
  const n = async (table: typeof scenarios | typeof suites | typeof targets) => {
    const [row] = await db.select({ n: count() }).from(table).where(eq(table.projectId, projectId));
    return row.n;
  };
  return { scenarios: await n(scenarios), suites: await n(suites), targets: await n(targets) };
}

/** A scenario as the API returns it, without what an import cannot keep (ids, timestamps). */
export function content(s: Record<string, unknown>) {
  const { id: _id, created_at: _c, updated_at: _u, ...rest } = s;
  return rest;
}
