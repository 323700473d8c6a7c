import { CliError, EXIT } from "./errors";
import { cliVersion, type Config } from "./config";

type Problem = {
  title?: string;
  detail?: string;
  code?: string;
  errors?: { field: string; message: string }[];
};

export type RequestOptions = {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** Safe to send again after a network error or a 5xx (GETs, and POSTs with an Idempotency-Key). */
  retry?: boolean;
  /** What a 404 means to the user, e.g. `Suite "checkout" not found`. */
  notFound?: string;
};

const RETRIES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The public API over fetch: problem+json errors become CliErrors carrying the exit code they deserve. */
export class ApiClient {
  constructor(readonly config: Config) {}

  url(path: string, query: RequestOptions["query"] = {}): string {
    const url = new URL(this.config.baseUrl + path);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      authorization: `Bearer ${this.config.apiKey}`,
      "user-agent": `assay-cli/${cliVersion()} node/${process.versions.node}`,
      ...extra,
    };
  }

  async json<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await this.send(method, path, {
      ...opts,
      headers: { accept: "application/json", ...opts.headers },
    });
    return (await res.json()) as T;
  }

  async text(method: string, path: string, opts: RequestOptions = {}): Promise<string> {
    return (await this.send(method, path, opts)).text();
  }

  /** Send with retries for transient failures; a non-2xx answer throws. */
  async send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const retry = opts.retry ?? method === "GET";
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(this.url(path, opts.query), {
          method,
          headers: this.headers({
            ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
            ...opts.headers,
          }),
          body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
          signal: AbortSignal.timeout(180_000),
        });
      } catch (error) {
        if (retry && attempt < RETRIES) {
          await sleep(500 * 2 ** attempt);
          continue;
        }
        throw new CliError(`Cannot reach ${this.config.baseUrl}: ${describe(error)}`, EXIT.error);
      }
      if (res.ok) return res;
      if (retry && attempt < RETRIES && [429, 502, 503, 504].includes(res.status)) {
        const after = Number(res.headers.get("retry-after"));
        await res.body?.cancel();
        await sleep(
          Number.isFinite(after) && after > 0 ? Math.min(after, 30) * 1000 : 1000 * 2 ** attempt,
        );
        continue;
      }
      throw await toCliError(res, opts.notFound);
    }
  }
}

export async function toCliError(res: Response, notFound?: string): Promise<CliError> {
  let problem: Problem = {};
  const text = await res.text().catch(() => "");
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    problem = { detail: text.slice(0, 200) };
  }
  const fields = (problem.errors ?? []).map((e) => `\n  ${e.field}: ${e.message}`).join("");
  const detail = `${problem.detail ?? problem.title ?? res.statusText}${fields}`;
  switch (res.status) {
    case 401:
      return new CliError(`Unauthorized: ${detail}. Check ASSAY_API_KEY.`, EXIT.usage);
    case 403:
      return new CliError(`Forbidden: ${detail}. The API key's scope is too small.`, EXIT.usage);
    case 404:
      return new CliError(notFound ?? `Not found: ${detail}`, EXIT.usage);
    default:
      if (res.status < 500 && res.status !== 429)
        return new CliError(`${detail}${problem.code ? ` (${problem.code})` : ""}`, EXIT.usage);
      return new CliError(`The server answered ${res.status}: ${detail}`, EXIT.error);
  }
}

function describe(error: unknown): string {
  type Cause = { code?: string; message?: string; errors?: Cause[] };
  const cause = (error as { cause?: Cause })?.cause;
  const code = cause?.code ?? cause?.errors?.[0]?.code;
  if (code) return code;
  if (error instanceof Error && error.name === "TimeoutError") return "no answer in time";
  return cause?.message || (error instanceof Error ? error.message : String(error));
}
