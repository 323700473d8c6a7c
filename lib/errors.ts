/** The one error type services throw. The HTTP layer maps `code` to a status and title. */
export const ERROR_CODES = {
  invalid_json: { status: 400, title: "Malformed JSON" },
  bad_request: { status: 400, title: "Bad request" },
  nothing_to_resubmit: { status: 400, title: "Nothing to resubmit" },
  unauthorized: { status: 401, title: "Unauthorized" },
  forbidden: { status: 403, title: "Forbidden" },
  not_found: { status: 404, title: "Not found" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Payload too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  validation_failed: { status: 422, title: "Validation failed" },
  idempotency_key_reused: { status: 422, title: "Idempotency key reused with a different body" },
  rate_limited: { status: 429, title: "Too many requests" },
  internal: { status: 500, title: "Internal server error" },
  unavailable: { status: 503, title: "Service unavailable" },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldError = { field: string; code: string; message: string };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: { field?: string; errors?: FieldError[]; retryAfterS?: number } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = "AppError";
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export const notFound = (what = "Resource") => new AppError("not_found", `${what} not found`);
