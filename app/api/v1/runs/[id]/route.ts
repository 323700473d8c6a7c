import { route } from "@/lib/http/route";
import { getRun } from "@/lib/runs/read";

// GET /api/v1/runs/{id} — one run with its output, transcript and every scorer's result
export const GET = route({ scope: "read" }, ({ ctx, params }) => getRun({ ctx, id: params.id }));
