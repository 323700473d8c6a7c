import { route } from "@/lib/http/route";
import { suiteRunEvents } from "@/lib/events/stream";

// GET /api/v1/suite-runs/{id}/events — live progress (text/event-stream)
export const GET = route({ scope: "read" }, ({ ctx, params, req }) =>
  suiteRunEvents({
    ctx,
    id: params.id,
    req,
    lastEventId: new URL(req.url).searchParams.get("last_event_id"),
  }),
);
