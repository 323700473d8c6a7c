import type { z } from "zod";
import type { Scope } from "@/lib/auth/types";

export type Method = "get" | "post" | "put" | "patch" | "delete";

export type ResponseSpec = {
  description: string;
  /** JSON body schema (application/json unless `contentType` says otherwise). */
  schema?: z.ZodType;
  contentType?: string;
  /** More media types of the same status (e.g. an export's csv, json and junit). */
  alternatives?: Record<string, z.ZodType>;
  /** A text/event-stream alternative of the same status (with `Accept: text/event-stream`). */
  stream?: { description: string; schema: z.ZodType };
};

/** One documented operation: everything the OpenAPI document says about it. */
export type Operation = {
  method: Method;
  /** OpenAPI path template, e.g. `/api/v1/suites/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** `project`: API key or session + X-Assay-Project; `user`: session only; `public`: none. */
  auth: "project" | "user" | "public";
  scope?: Scope;
  /** Errors are `{error, message}` (compatibility routes) instead of problem+json. */
  compat?: boolean;
  /** Path parameter descriptions; every `{name}` in `path` is documented (default: the id). */
  params?: Record<string, string>;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A body that is not JSON parsed by a schema (file uploads): OpenAPI media types as given. */
  rawBody?: Record<string, { schema: Record<string, unknown> }>;
  /** Takes Idempotency-Key (header, or the body's idempotency key). */
  idempotent?: boolean;
  responses: Record<number, ResponseSpec>;
  /** Error statuses beyond the ones implied by auth, params, query and body. */
  errors?: number[];
  /** Schema violations answer this status instead of 422 (Cognigy-style routes: 400). */
  validationStatus?: 400 | 422;
};

/** Named schemas appear under components.schemas; request and response schemas are kept apart. */
export const schemaNames = {
  input: new Map<z.ZodType, string>(),
  output: new Map<z.ZodType, string>(),
};

export function named<T extends z.ZodType>(
  name: string,
  schema: T,
  io: "input" | "output" = "output",
): T {
  schemaNames[io].set(schema, name);
  return schema;
}
