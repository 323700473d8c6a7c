import { route } from "@/lib/http/route";
import { listResults } from "@/lib/runs/read";

// GET /api/v1/suite-runs/{id}/results — one row per scorer result
export const GET = route({ scope: "read" }, ({ ctx, params }) =>
  listResults({ ctx, id: params.id }),
);
