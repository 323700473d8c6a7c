import { route } from "@/lib/http/route";
import { getScenarioSchedule } from "@/lib/compat/schedule";

// GET /api/v1/scenarios/{id}/schedule/{scheduleId} — poll a schedule's progress
export const GET = route({ scope: "read" }, ({ ctx, params }) =>
  getScenarioSchedule({ ctx, scenarioId: params.id, scheduleId: params.scheduleId }),
);
