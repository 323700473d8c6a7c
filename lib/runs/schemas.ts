import { z } from "zod";
import { triggers } from "@/db/schema";
import { providerOverride } from "@/lib/simulation/provider";

const triggerMeta = z
  .object({
    commit: z.string().max(200).optional(),
    branch: z.string().max(300).optional(),
    pr: z.union([z.string().max(100), z.number()]).optional(),
    url: z.string().max(2000).optional(),
  })
  .catchall(z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]));

export const configOverride = z
  .object({
    target_config: z.record(z.string(), z.unknown()).optional(),
    timeout_ms: z.number().int().min(100).max(600_000).optional(),
    /** Swap the simulated user's model, endpoint or key (and price it) for this suite run. */
    simulator: providerOverride.optional(),
    /** Swap every LLM judge's model, endpoint or key (and price it) for this suite run. */
    judge: providerOverride.optional(),
  })
  .strict();

export const triggerSuiteRunInput = z
  .object({
    idempotency_key: z.string().min(1).max(255).optional(),
    scenario_ids: z.array(z.string().max(100)).min(1).max(100_000).optional(),
    target_ids: z.array(z.string().max(100)).min(1).max(1000).optional(),
    repeat_count: z.number().int().min(1).max(100).optional(),
    config_override: configOverride.optional(),
    trigger: z.enum(triggers).optional(),
    trigger_meta: triggerMeta.optional(),
  })
  .strict();
export type TriggerSuiteRunInput = z.infer<typeof triggerSuiteRunInput>;

export const batchInput = z
  .object({
    entries: z
      .array(
        z
          .object({ scenario_id: z.string().max(100), target_id: z.string().max(100).optional() })
          .strict(),
      )
      .min(1)
      .max(10_000),
    repeat_count: z.number().int().min(1).max(100).optional(),
    idempotency_key: z.string().min(1).max(255).optional(),
    config_override: configOverride.optional(),
    trigger_meta: triggerMeta.optional(),
  })
  .strict();

export const evalInput = z
  .object({
    suite: z.string().min(1).max(100),
    output: z.unknown(),
    input: z.unknown().optional(),
    trigger: z.enum(triggers).optional(),
    trigger_meta: triggerMeta.optional(),
    async: z.boolean().optional(),
    idempotency_key: z.string().min(1).max(255).optional(),
  })
  .strict()
  .refine((v) => v.output !== undefined, { message: "output is required", path: ["output"] });

export const runStatusFilter = z.enum([
  "queued",
  "running",
  "passed",
  "failed",
  "error",
  "cancelled",
]);

export const suiteRunListQuery = z.object({
  suite_id: z.string().max(100).optional(),
  status: z.enum(["queued", "running", "passed", "failed", "error", "cancelled"]).optional(),
  trigger: z.enum(triggers).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export const childRunsQuery = z.object({
  status: z.string().max(100).optional(), // one status or a comma list
  scenario_id: z.string().max(100).optional(),
  target_id: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  order: z.enum(["asc", "desc"]).default("asc"),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
});

export const historyQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const compareQuery = z.object({ baseline: z.string().max(100).optional() });
export const exportQuery = z.object({ format: z.enum(["csv", "json", "junit"]).default("json") });

/** `?items=false` leaves out the per-run `items` list (150,000 entries on a big suite run). */
export const triggerQuery = z.object({ items: z.enum(["true", "false"]).default("true") });
