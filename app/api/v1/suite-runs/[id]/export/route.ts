import { z } from "zod";
import { route } from "@/lib/http/route";
import { exportSuiteRun } from "@/lib/runs/export";

// GET /api/v1/suite-runs/{id}/export?format=csv|json|junit
export const GET = route(
  { scope: "read", query: z.object({ format: z.enum(["csv", "json", "junit"]).default("json") }) },
  ({ ctx, params, query }) => exportSuiteRun({ ctx, id: params.id, format: query.format }),
);
