import { z } from "zod";

export const WEBHOOK_EVENTS = ["suite_run.completed", "run.completed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const httpUrl = z
  .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
  .max(2048);

export const createWebhookInput = z.strictObject({
  url: httpUrl,
  events: z
    .array(z.enum(WEBHOOK_EVENTS))
    .min(1)
    .refine((events) => new Set(events).size === events.length, "events must not repeat"),
  secret: z.string().min(16).max(256).optional(),
});
export type CreateWebhookInput = z.infer<typeof createWebhookInput>;
