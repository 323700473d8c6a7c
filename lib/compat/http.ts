import type { z } from "zod";
import { route, type HandlerArgs, type RouteOptions } from "@/lib/http/route";
import { PROBLEM_CONTENT_TYPE } from "@/lib/http/problem";
import type { FieldError } from "@/lib/errors";

type Schema = z.ZodType;
type NextContext = { params: Promise<Record<string, string | string[]>> };
type Handler<P, Q, B> = (args: HandlerArgs<P, Q, B>) => Promise<unknown>;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type InferParams<S> = S extends z.ZodType ? z.infer<S> : Record<string, string>;

type Problem = {
  status: number;
  code: string;
  detail: string;
  traceId: string;
  field?: string;
  errors?: FieldError[];
};

/** The error body of the compatibility routes: `{error, message}` as the mirrored products send it. */
export type CompatError = {
  error: string;
  message: string;
  traceId: string;
  field?: string;
  errors?: FieldError[];
};

/**
 * `route()` for the compatibility routes: same auth, parsing, idempotency and request id, but
 * errors come back as `{error, message}` (LangWatch's shape) instead of problem+json.
 */
export function compatRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(opts: RouteOptions<P, Q, B>, handler: Handler<InferParams<P>, Infer<Q>, Infer<B>>) {
  const inner = route(opts, handler);
  return async (req: Request, next?: NextContext): Promise<Response> =>
    rewriteProblem(await inner(req, next), (problem) => ({
      status: problem.status,
      body: {
        error: problem.code,
        message: problem.detail,
        traceId: problem.traceId,
        ...(problem.field ? { field: problem.field } : {}),
        ...(problem.errors ? { errors: problem.errors } : {}),
      } satisfies CompatError,
      contentType: "application/json; charset=utf-8",
    }));
}

/**
 * `route()` whose schema violations answer 400 instead of 422 (Cognigy's convention), still as
 * problem+json naming each bad `field` and its `code`.
 */
export function validation400Route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(opts: RouteOptions<P, Q, B>, handler: Handler<InferParams<P>, Infer<Q>, Infer<B>>) {
  const inner = route(opts, handler);
  return async (req: Request, next?: NextContext): Promise<Response> =>
    rewriteProblem(await inner(req, next), (problem) =>
      problem.code === "validation_failed"
        ? {
            status: 400,
            body: { ...problem, status: 400 },
            contentType: PROBLEM_CONTENT_TYPE,
          }
        : null,
    );
}

async function rewriteProblem(
  res: Response,
  map: (problem: Problem) => { status: number; body: unknown; contentType: string } | null,
): Promise<Response> {
  if (!(res.headers.get("content-type") ?? "").startsWith(PROBLEM_CONTENT_TYPE)) return res;
  const text = await res.text();
  const mapped = map(JSON.parse(text) as Problem);
  const headers = new Headers(res.headers);
  if (!mapped) return new Response(text, { status: res.status, headers });
  headers.set("content-type", mapped.contentType);
  headers.delete("content-length");
  return new Response(JSON.stringify(mapped.body), { status: mapped.status, headers });
}
