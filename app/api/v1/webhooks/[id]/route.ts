import { route } from "@/lib/http/route";
import { deleteWebhook, getWebhook } from "@/lib/webhooks/service";

// GET /api/v1/webhooks/{id} — never the signing secret
export const GET = route({ scope: "admin" }, ({ ctx, params }) =>
  getWebhook({ ctx, id: params.id }),
);

// DELETE /api/v1/webhooks/{id}
export const DELETE = route({ scope: "admin" }, ({ ctx, params }) =>
  deleteWebhook({ ctx, id: params.id }),
);
