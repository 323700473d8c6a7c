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

export const deliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  status: z.enum(["pending", "succeeded", "failed"]).optional(),
  event: z.enum([...WEBHOOK_EVENTS, "ping"]).optional(),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuery>;
