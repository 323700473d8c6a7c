import { route } from "@/lib/http/route";
import { importFromRequest } from "@/lib/import/http";
import { importQuery } from "@/lib/import/schemas";

// POST /api/v1/scenarios/import — create scenarios from a CSV, JSONL, promptfoo or workload file
export const POST = route({ scope: "run", query: importQuery }, ({ req, ctx, query }) =>
  importFromRequest({ req, ctx, query }),
);
