import { route, json } from "@/lib/http/route";
import { listQuery } from "@/lib/http/pagination";
import { createWebhookInput } from "@/lib/webhooks/schemas";
import { createWebhook, listProjectWebhooks } from "@/lib/webhooks/service";

// GET /api/v1/webhooks — admin only: a webhook URL is often a credential itself
export const GET = route({ scope: "admin", query: listQuery }, ({ ctx, query }) =>
  listProjectWebhooks({ ctx, query }),
);

// POST /api/v1/webhooks — the signing secret is returned once
export const POST = route({ scope: "admin", body: createWebhookInput }, async ({ ctx, body }) =>
  json(await createWebhook({ ctx, input: body }), 201),
);
