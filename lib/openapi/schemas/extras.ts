import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/import/types";
import { anyJson, fieldError, nullableTime, time } from "./common";

export const member = z.object({
  id: z.string(),
  user_id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(["owner", "admin", "member", "viewer"]),
  created_at: time,
});

export const memberList = z.object({
  data: z.array(member),
  next_cursor: z.string().nullable(),
  has_more: z.boolean(),
  me: z
    .object({ user_id: z.string(), role: z.enum(["owner", "admin", "member", "viewer"]) })
    .nullable()
    .meta({ description: "The signed-in user's membership (null for API keys)" }),
});

export const removedMember = z.object({ id: z.string(), removed: z.literal(true) });

const rowError = fieldError.extend({
  row: z.number().int(),
  line: z.number().int().optional(),
});

export const importResult = z.object({
  format: z.enum(IMPORT_FORMATS),
  total: z.number().int().meta({ description: "Rows read" }),
  would_create: z.number().int(),
  created: z.number().int(),
  error_count: z.number().int(),
  errors: z
    .array(rowError)
    .meta({ description: "The first errors, each naming its row and field" }),
  dry_run: z.boolean(),
  scenario_ids: z.array(z.string()),
  suite_id: z.string().nullable(),
  suite_created: z.boolean(),
  target_id: z.string().nullable(),
  target_created: z.boolean(),
  mapping: z
    .array(z.object({ source: z.string(), target: z.string() }))
    .optional()
    .meta({ description: "Dry runs: which source column or field became which scenario field" }),
  preview: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .meta({ description: "Dry runs: the first rows as they would be created" }),
});

export const scenarioDrafts = z.object({
  drafts: z.array(
    z.object({
      name: z.string(),
      description: z.string().nullable(),
      input: z.null(),
      simulation: z.object({
        persona: z.string(),
        mission: z.string(),
        max_turns: z.number().int(),
        simulator: z.object({
          base_url: z.string(),
          model: z.string(),
          api_key_secret: z.string(),
        }),
        judge_criteria: z.array(z.string()),
      }),
      scorers: z.array(z.unknown()),
    }),
  ),
});

export const delivery = z.object({
  id: z.string(),
  webhook_id: z.string(),
  event: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  response_status: z.number().int().nullable(),
  error: z.string().nullable(),
  created_at: time,
  delivered_at: nullableTime,
  payload: anyJson
    .optional()
    .meta({ description: "The JSON that was sent (single delivery only)" }),
});
