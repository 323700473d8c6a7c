import { route } from "@/lib/http/route";
import { sendTestEvent } from "@/lib/webhooks/service";

// POST /api/v1/webhooks/{id}/test — send a signed `ping` now and return the delivery
export const POST = route({ scope: "admin" }, ({ ctx, params }) =>
  sendTestEvent({ ctx, id: params.id }),
);
