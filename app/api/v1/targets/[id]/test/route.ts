import { route } from "@/lib/http/route";
import { testTargetInput } from "@/lib/target-defs/schemas";
import { testTarget } from "@/lib/target-defs/test-call";

// POST /api/v1/targets/{id}/test — one call with a sample input: output, latency, error
export const POST = route({ scope: "run", body: testTargetInput }, ({ req, ctx, params, body }) =>
  testTarget({ ctx, id: params.id, input: body, signal: req.signal }),
);
