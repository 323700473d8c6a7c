import type { z } from "zod";
import { AppError, type FieldError } from "@/lib/errors";

/** Turn zod issues into `errors: [{field, code, message}]`, one per bad or unknown field. */
export function zodFieldErrors(error: z.ZodError, prefix = ""): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          field: base ? `${base}.${key}` : key,
          code: "unknown_field",
          message: `Unknown field "${key}"`,
        });
      }
    } else {
      out.push({ field: base || "(body)", code: issue.code, message: issue.message });
    }
  }
  return out;
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  prefix = "",
): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = zodFieldErrors(parsed.error, prefix);
  throw new AppError("validation_failed", describe(errors), { field: errors[0]?.field, errors });
}

export function validationError(errors: FieldError[]): AppError {
  return new AppError("validation_failed", describe(errors), { field: errors[0]?.field, errors });
}

function describe(errors: FieldError[]): string {
  const fields = [...new Set(errors.map((e) => e.field))];
  return `Invalid ${fields.length === 1 ? "field" : "fields"}: ${fields.slice(0, 10).join(", ")}`;
}
