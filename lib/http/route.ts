import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { hasScope, type Ctx, type Scope } from "@/lib/auth/types";
import {
  apiKeyFromHeaders,
  assertSameOrigin,
  ctxFromApiKey,
  ctxFromSession,
  hasSessionCookie,
} from "@/lib/auth/resolve";
import { readBodyBytes, readBodyText, parseJsonBody } from "./body";
import { parseOrThrow } from "./validation";
import { errorToResponse } from "./problem";
import { withIdempotency } from "./idempotency";
import { requestIdFrom } from "./request-id";
import { JSON_CONTENT_TYPE } from "./json";

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type InferParams<S> = S extends z.ZodType ? z.infer<S> : Record<string, string>;

export type RouteOptions<
  P extends Schema | undefined,
  Q extends Schema | undefined,
  B extends Schema | undefined,
> = {
  /** "project" (API key or session + X-Assay-Project), "user" (session only, no project), or "public". */
  auth?: "project" | "user" | "public";
  scope?: Scope;
  params?: P;
  query?: Q;
  body?: B;
  /** Replay responses for a repeated Idempotency-Key (POSTs that create runs). */
  idempotent?: boolean;
};

export type HandlerArgs<P, Q, B> = {
  req: Request;
  ctx: Ctx;
  userId: string | null;
  requestId: string;
  params: P;
  query: Q;
  body: B;
};

type NextContext = { params: Promise<Record<string, string | string[]>> };

/**
 * Wrap a route handler once: request id, auth into `ctx`, scope check, zod parsing of params,
 * query and body, idempotency, and problem+json for every error. Handlers return data (→ 200 JSON)
 * or a Response.
 */
export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  opts: RouteOptions<P, Q, B>,
  handler: (args: HandlerArgs<InferParams<P>, Infer<Q>, Infer<B>>) => Promise<unknown>,
) {
  return async (req: Request, next?: NextContext): Promise<Response> => {
    const requestId = requestIdFrom(req.headers.get("x-request-id"));
    try {
      const { ctx, userId } = await authenticate(req, opts.auth ?? "project", requestId);
      if (opts.scope && ctx && !hasScope(ctx, opts.scope)) {
        throw new AppError("forbidden", `This action needs the "${opts.scope}" scope`);
      }
      const rawParams = next ? await next.params : {};
      const params = opts.params ? parseParams(opts.params, rawParams) : rawParams;
      const url = new URL(req.url);
      const query = opts.query
        ? parseOrThrow(opts.query, Object.fromEntries(url.searchParams))
        : undefined;
      let rawBody = "";
      let body: unknown = undefined;
      if (opts.body) {
        rawBody = await readBodyText(req);
        const json = parseJsonBody(rawBody);
        body = parseOrThrow(opts.body, json === undefined ? {} : json); // only an empty body means {}
      }
      const args = { req, ctx: ctx as Ctx, userId, requestId, params, query, body } as HandlerArgs<
        InferParams<P>,
        Infer<Q>,
        Infer<B>
      >;
      const run = async () => toResponse(await handler(args));
      const response =
        opts.idempotent && ctx ? await withIdempotency(req, ctx, rawBody, body, run) : await run();
      response.headers.set("x-request-id", requestId);
      await drainUnreadBody(req);
      return response;
    } catch (error) {
      await drainUnreadBody(req);
      return errorToResponse(error, requestId);
    }
  };
}

/** A body nobody read (a DELETE with a payload, a 401 before parsing) is drained so the client gets the answer, not a reset. */
async function drainUnreadBody(req: Request): Promise<void> {
  if (req.body && !req.bodyUsed) await readBodyBytes(req).catch(() => {});
}

async function authenticate(
  req: Request,
  mode: "project" | "user" | "public",
  requestId: string,
): Promise<{ ctx: Ctx | null; userId: string | null }> {
  if (mode === "public") return { ctx: null, userId: null };
  const key = apiKeyFromHeaders(req.headers);
  if (key && mode === "project") return { ctx: await ctxFromApiKey(key, requestId), userId: null };
  if (hasSessionCookie(req.headers)) {
    const { sessionUserId } = await import("@/lib/auth/session");
    const userId = await sessionUserId();
    if (userId) {
      assertSameOrigin(req);
      if (mode === "user") return { ctx: null, userId };
      return { ctx: await ctxFromSession(req, userId, requestId), userId };
    }
  }
  throw new AppError(
    "unauthorized",
    key ? "Invalid API key" : "Authentication required: send an API key or sign in",
  );
}

/** Path params that fail validation name a resource that cannot exist: 404, not 422. */
function parseParams(schema: Schema, raw: Record<string, unknown>) {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", "Resource not found");
  return parsed.data;
}

function toResponse(result: unknown): Response {
  if (result instanceof Response) return result;
  return json(result);
}

export function json(data: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(data), {
    status,
    headers: { "content-type": JSON_CONTENT_TYPE, ...headers },
  });
}
