import { route } from "@/lib/http/route";
import { createdSuiteRunResponse } from "@/lib/runs/created";
import { historyQuery, triggerQuery, triggerSuiteRunInput } from "@/lib/runs/schemas";
import { suiteRunHistory } from "@/lib/runs/read";
import { triggerSuiteRun } from "@/lib/runs/trigger";
import { suiteRunEvents } from "@/lib/events/stream";

// POST /api/v1/suites/{id}/runs — trigger a suite run (Accept: text/event-stream streams it)
export const POST = route(
  { scope: "run", body: triggerSuiteRunInput, query: triggerQuery, idempotent: true },
  async ({ ctx, params, body, query, req }) => {
    const created = await triggerSuiteRun({ ctx, suiteIdOrSlug: params.id, input: body });
    if ((req.headers.get("accept") ?? "").includes("text/event-stream"))
      return suiteRunEvents({ ctx, id: created.suiteRun.id, req });
    return createdSuiteRunResponse(created, {
      items: query.items === "true",
      extra: { skipped_archived: created.skippedArchived },
    });
  },
);

// GET /api/v1/suites/{id}/runs?page&pageSize — the suite's run history, most recent first
export const GET = route({ scope: "read", query: historyQuery }, ({ ctx, params, query }) =>
  suiteRunHistory({ ctx, suiteIdOrSlug: params.id, query }),
);
