import { z } from "zod";
import { TARGET_TYPE_VALUES } from "@/lib/target-defs/schemas";
import { simulationInput } from "@/lib/scenarios/schemas";
import { WEBHOOK_EVENTS } from "@/lib/webhooks/schemas";
import { anyJson, jsonObject, nullableTime, time } from "./common";

export const project = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  created_at: time,
  role: z.enum(["owner", "admin", "member", "viewer"]).optional(),
});

export const target = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(TARGET_TYPE_VALUES),
  description: z.string().nullable(),
  config: jsonObject.meta({
    description: "Per type (see the guide); `{{secrets.NAME}}` references are shown unexpanded",
  }),
  timeout_ms: z.number().int(),
  retries: z.number().int(),
  max_concurrency: z.number().int().nullable(),
  rate_limit_per_s: z.number().nullable(),
  archived: z.boolean(),
  created_at: time,
  updated_at: time,
});

export const errorObject = z.object({ code: z.string(), message: z.string() });
export const tokens = z.object({
  prompt: z.number().int(),
  completion: z.number().int(),
  total: z.number().int(),
});

export const targetTestResult = z.object({
  output: anyJson,
  latency_ms: z.number().int(),
  error: errorObject.nullable(),
  tokens: tokens.nullable(),
});

export const scorerSpec = z.object({
  type: z.string().meta({
    description:
      "exact_match, contains, regex, json_schema, llm_judge, similarity, json_path, tool_call, latency, javascript",
  }),
  name: z.string().optional(),
  threshold: z.number(),
  applies_to: z.enum(["final", "each_turn"]),
  config: jsonObject,
});

export const scenario = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  input: anyJson,
  turns: z.array(z.string()).nullable(),
  simulation: simulationInput.nullable(),
  expected_output: anyJson,
  scorers: z.array(scorerSpec),
  archived: z.boolean(),
  created_at: time,
  updated_at: time,
});

const lastRun = z.object({
  id: z.string(),
  status: z.string(),
  pass_rate: z.number().nullable(),
  created_at: time,
});

export const suite = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  scenario_ids: z.array(z.string()),
  target_ids: z.array(z.string()),
  scenario_count: z.number().int(),
  target_count: z.number().int(),
  repeat_count: z.number().int(),
  pass_threshold: z.number(),
  max_concurrency: z.number().int().nullable(),
  labels: z.array(z.string()),
  schedule: z.object({ cron: z.string(), timezone: z.string() }).nullable(),
  archived: z.boolean(),
  last_run: lastRun.nullable(),
  trend: z.array(z.number()).meta({ description: "Pass rates of the last terminal runs" }),
  created_at: time,
  updated_at: time,
});

export const suiteDetail = suite.extend({
  scenarios: z.array(z.object({ id: z.string(), name: z.string(), archived: z.boolean() })),
  targets: z.array(
    z.object({ id: z.string(), name: z.string(), type: z.string(), archived: z.boolean() }),
  ),
});

export const secret = z.object({
  id: z.string(),
  name: z.string(),
  created_at: time,
  updated_at: time,
});

export const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  scope: z.enum(["read", "run", "admin"]),
  prefix: z.string(),
  last4: z.string(),
  created_at: time,
  last_used_at: nullableTime,
});
export const createdApiKey = apiKey.extend({
  key: z.string().meta({ description: "The key itself: shown in this response only" }),
});

export const webhook = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  created_at: time,
});
export const createdWebhook = webhook.extend({
  signing_secret: z.string().meta({ description: "HMAC-SHA256 key: shown in this response only" }),
});

export const shareLink = z.object({
  id: z.string(),
  suite_run_id: z.string(),
  expires_at: nullableTime,
  revoked: z.boolean(),
  created_at: time,
});
export const createdShareLink = shareLink.extend({
  url: z.string().meta({ description: "The public report URL with its token: shown once" }),
});

export const health = z.object({
  status: z.enum(["ok", "degraded", "down"]),
  database: z.enum(["ok", "unreachable"]),
  worker: z.object({ alive: z.boolean(), last_heartbeat_at: nullableTime }),
});

export const setupResult = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
});
