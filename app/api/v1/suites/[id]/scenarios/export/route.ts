import { route } from "@/lib/http/route";
import { exportSuiteScenarios } from "@/lib/import/export";
import { exportQuery } from "@/lib/import/schemas";

// GET /api/v1/suites/{id or slug}/scenarios/export?format=csv|jsonl — round-trips with import
export const GET = route({ scope: "read", query: exportQuery }, ({ ctx, params, query }) =>
  exportSuiteScenarios({ ctx, idOrSlug: params.id, format: query.format }),
);
