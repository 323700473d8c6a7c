import { z } from "zod";
import { listQuery } from "@/lib/http/pagination";

export const TARGET_TYPE_VALUES = ["http", "prompt", "code", "workflow"] as const;

// Without defaults: PATCH bodies are partial versions of these, and must not reset fields.
const fields = {
  name: z.string().trim().min(1).max(200),
  type: z.enum(TARGET_TYPE_VALUES),
  description: z.string().max(5000).nullable(),
  config: z.record(z.string(), z.unknown()),
  timeout_ms: z.number().int().min(100).max(600_000),
  retries: z.number().int().min(0).max(10),
  max_concurrency: z.number().int().min(1).max(1000).nullable(),
  rate_limit_per_s: z.number().gt(0).max(10_000).nullable(),
};

export const createTargetInput = z.strictObject({
  ...fields,
  description: fields.description.optional(),
  timeout_ms: fields.timeout_ms.default(30_000),
  retries: fields.retries.default(2),
  max_concurrency: fields.max_concurrency.optional(),
  rate_limit_per_s: fields.rate_limit_per_s.optional(),
});
export type CreateTargetInput = z.infer<typeof createTargetInput>;

export const updateTargetInput = z.strictObject(fields).partial();
export type UpdateTargetInput = z.infer<typeof updateTargetInput>;

export const listTargetsQuery = listQuery.extend({
  type: z.enum(TARGET_TYPE_VALUES).optional(),
  include_archived: z.enum(["true", "false"]).optional(),
});
export type ListTargetsQuery = z.infer<typeof listTargetsQuery>;

const message = z.strictObject({
  role: z.enum(["system", "user", "assistant", "tool"]),
  content: z.string().max(200_000),
});

export const testTargetInput = z.strictObject({
  input: z.json().optional(),
  messages: z.array(message).max(200).optional(),
});
export type TestTargetInput = z.infer<typeof testTargetInput>;
