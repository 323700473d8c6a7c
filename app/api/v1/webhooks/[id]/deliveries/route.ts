import { route } from "@/lib/http/route";
import { deliveriesQuery } from "@/lib/webhooks/schemas";
import { listWebhookDeliveries } from "@/lib/webhooks/service";

// GET /api/v1/webhooks/{id}/deliveries?status&event&limit&cursor — the delivery log, newest first
export const GET = route({ scope: "admin", query: deliveriesQuery }, ({ ctx, params, query }) =>
  listWebhookDeliveries({ ctx, id: params.id, query }),
);
