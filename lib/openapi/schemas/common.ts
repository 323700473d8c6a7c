import { z } from "zod";
import { ERROR_CODES } from "@/lib/errors";

/** ISO 8601 UTC timestamp. */
export const time = z.string().meta({ format: "date-time" });
export const nullableTime = time.nullable();

export const fieldError = z.object({
  field: z.string().meta({ description: "Dotted path of the bad field (`scenario_ids.2`)" }),
  code: z.string().meta({ description: "What is wrong: `invalid_type`, `unknown_field`, …" }),
  message: z.string(),
});

export const problem = z
  .object({
    type: z.string().meta({ description: "A URI naming the problem type" }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_CODES) as [keyof typeof ERROR_CODES]).meta({
      description: "Stable, machine-readable error code",
    }),
    traceId: z.string().meta({ description: "Equals the X-Request-Id response header" }),
    field: z.string().optional(),
    errors: z.array(fieldError).optional(),
  })
  .meta({ description: "RFC 7807 problem details (application/problem+json)" });

export const compatError = z
  .object({
    error: z.string().meta({ description: "Stable error code (`unauthorized`, `not_found`, …)" }),
    message: z.string(),
    traceId: z.string(),
    field: z.string().optional(),
    errors: z.array(fieldError).optional(),
  })
  .meta({ description: "The compatibility routes' error body, as the mirrored products send it" });

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    next_cursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as ?cursor= for the next page; null on the last" }),
    has_more: z.boolean(),
  });

export const archived = z.object({ id: z.string(), archived: z.literal(true) });
export const deleted = z.object({ id: z.string(), deleted: z.literal(true) });
export const revoked = z.object({ id: z.string(), revoked: z.literal(true) });

/** Any JSON value (outputs, inputs, scorer output). */
export const anyJson = z.unknown();
export const jsonObject = z.record(z.string(), z.unknown());
