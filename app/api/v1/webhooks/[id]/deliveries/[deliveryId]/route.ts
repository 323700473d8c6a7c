import { route } from "@/lib/http/route";
import { getWebhookDelivery } from "@/lib/webhooks/service";

// GET /api/v1/webhooks/{id}/deliveries/{deliveryId} — one delivery with the payload sent
export const GET = route({ scope: "admin" }, ({ ctx, params }) =>
  getWebhookDelivery({ ctx, id: params.id, deliveryId: params.deliveryId }),
);
