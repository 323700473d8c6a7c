import { AppError, ERROR_CODES, type ErrorCode, type FieldError } from "@/lib/errors";
import { log } from "@/lib/log";

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** RFC 7807 body with Assay's stable `code` and the request id as `traceId`. */
export function problemResponse(
  code: ErrorCode,
  requestId: string,
  detail?: string,
  extra: { field?: string; errors?: FieldError[]; retryAfterS?: number } = {},
): Response {
  const { status, title } = ERROR_CODES[code];
  const body = {
    type: `https://assay.dev/problems/${code.replace(/_/g, "-")}`,
    title,
    status,
    detail: detail ?? title,
    code,
    traceId: requestId,
    ...(extra.field ? { field: extra.field } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
  const headers: Record<string, string> = {
    "content-type": PROBLEM_CONTENT_TYPE,
    "x-request-id": requestId,
  };
  if (extra.retryAfterS !== undefined) headers["retry-after"] = String(extra.retryAfterS);
  return new Response(JSON.stringify(body), { status, headers });
}

/** Known errors keep their code; anything else becomes a generic 500 with the details logged, never sent. */
export function errorToResponse(error: unknown, requestId: string): Response {
  if (error instanceof AppError)
    return problemResponse(error.code, requestId, error.detail, error.extra);
  if (isDatabaseOutage(error)) {
    log.warn("database unavailable", { requestId });
    return problemResponse(
      "unavailable",
      requestId,
      "The database is unreachable; retry shortly.",
      {
        retryAfterS: 2,
      },
    );
  }
  log.error("unhandled error", {
    requestId,
    error: error instanceof Error ? (error.stack ?? error.message) : String(error),
  });
  return problemResponse(
    "internal",
    requestId,
    "An unexpected error occurred. Quote the traceId when reporting it.",
  );
}

/** Connection refused/reset, or the server shutting down: a retryable outage, not a bug. */
function isDatabaseOutage(error: unknown): boolean {
  for (
    let e = error as { code?: string; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    e = e.cause as typeof e, depth++
  ) {
    if (
      [
        "ECONNREFUSED",
        "ECONNRESET",
        "CONNECTION_CLOSED",
        "CONNECTION_ENDED",
        "CONNECT_TIMEOUT",
        "57P01",
        "57P02",
        "57P03",
      ].includes(String(e.code))
    )
      return true;
  }
  return false;
}
