/** A problem+json error from the Assay API (or a network failure, as status 0). */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly traceId: string | null;
  readonly field: string | null;
  readonly errors: { field: string; code: string; message: string }[];

  constructor(init: {
    status: number;
    code: string;
    title: string;
    detail?: string;
    traceId?: string | null;
    field?: string | null;
    errors?: { field: string; code: string; message: string }[];
  }) {
    super(init.detail || init.title);
    this.name = "ProblemError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail || init.title;
    this.traceId = init.traceId ?? null;
    this.field = init.field ?? null;
    this.errors = init.errors ?? [];
  }

  /** The message of the error on one field, for inline form errors. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field.startsWith(`${field}.`))?.message;
  }
}

export const isProblem = (error: unknown): error is ProblemError => error instanceof ProblemError;

export type FetchOptions = {
  /** Project slug for X-Assay-Project (every /api/v1 call except /projects). */
  project?: string;
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

function buildInit(opts: FetchOptions): RequestInit {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.project) headers["x-assay-project"] = opts.project;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  return {
    method: opts.method ?? (opts.body !== undefined ? "POST" : "GET"),
    headers,
    body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    signal: opts.signal,
    credentials: "same-origin",
    cache: "no-store",
  };
}

async function toProblem(res: Response): Promise<ProblemError> {
  const traceId = res.headers.get("x-request-id");
  try {
    const body = (await res.json()) as Record<string, unknown>;
    return new ProblemError({
      status: res.status,
      code: typeof body.code === "string" ? body.code : `http_${res.status}`,
      title: typeof body.title === "string" ? body.title : res.statusText || "Request failed",
      detail: typeof body.detail === "string" ? body.detail : undefined,
      traceId: typeof body.traceId === "string" ? body.traceId : traceId,
      field: typeof body.field === "string" ? body.field : null,
      errors: Array.isArray(body.errors) ? (body.errors as ProblemError["errors"]) : [],
    });
  } catch {
    return new ProblemError({
      status: res.status,
      code: `http_${res.status}`,
      title: res.statusText || "Request failed",
      traceId,
    });
  }
}

async function send(path: string, opts: FetchOptions): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(path, buildInit(opts));
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ProblemError({
      status: 0,
      code: "network_error",
      title: "Network error",
      detail: "Could not reach the Assay server. Check your connection and try again.",
    });
  }
  if (!res.ok) throw await toProblem(res);
  return res;
}

/** JSON from the Assay API; any non-2xx becomes a ProblemError. */
export async function fetchJson<T>(path: string, opts: FetchOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Download an authenticated response as a file (a plain link cannot send X-Assay-Project). */
export async function downloadFile(path: string, opts: FetchOptions & { filename: string }) {
  const res = await send(path, { ...opts, headers: { accept: "*/*", ...opts.headers } });
  const blob = await res.blob();
  const disposition = res.headers.get("content-disposition");
  const named = disposition && /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = named || opts.filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Query string from defined values only. */
export function qs(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}
