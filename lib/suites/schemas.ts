import { z } from "zod";
import { listQuery } from "@/lib/http/pagination";
import { cronError, isTimeZone } from "./cron";

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

const text = (max: number) => z.string().trim().min(1).max(max);

/** Ids in the order given, each once: the link tables keep that order. */
const idList = (max: number) =>
  z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(max)
    .superRefine((ids, issue) => {
      const seen = new Set<string>();
      ids.forEach((id, i) => {
        if (seen.has(id))
          issue.addIssue({ code: "custom", path: [i], message: `${id} is listed twice` });
        seen.add(id);
      });
    });

export const scheduleInput = z.strictObject({
  cron: z
    .string()
    .max(200)
    .superRefine((cron, issue) => {
      const problem = cronError(cron);
      if (problem) issue.addIssue({ code: "custom", message: problem });
    }),
  timezone: z.string().max(100).refine(isTimeZone, "not a known IANA time zone"),
});

// Without defaults: PATCH bodies are partial versions of these, and must not reset fields.
const fields = {
  name: text(200),
  slug: z.string().regex(SLUG, "lowercase letters, digits and dashes (at most 64)"),
  description: z.string().max(5000).nullable(),
  scenario_ids: idList(30_000),
  target_ids: idList(1000),
  repeat_count: z.number().int().min(1).max(100),
  pass_threshold: z.number().min(0).max(1),
  max_concurrency: z.number().int().min(1).max(10_000).nullable(),
  labels: z.array(text(100)).max(50),
  schedule: scheduleInput.nullable(),
};

export const createSuiteInput = z.strictObject({
  ...fields,
  slug: fields.slug.optional(),
  description: fields.description.optional(),
  repeat_count: fields.repeat_count.default(1),
  pass_threshold: fields.pass_threshold.default(1),
  max_concurrency: fields.max_concurrency.optional(),
  labels: fields.labels.default([]),
  schedule: fields.schedule.optional(),
});
export type CreateSuiteInput = z.infer<typeof createSuiteInput>;

export const updateSuiteInput = z.strictObject(fields).partial();
export type UpdateSuiteInput = z.infer<typeof updateSuiteInput>;

export const listSuitesQuery = listQuery.extend({
  label: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  include_archived: z.enum(["true", "false"]).optional(),
});
export type ListSuitesQuery = z.infer<typeof listSuitesQuery>;
