import { route, json } from "@/lib/http/route";
import { evalInput } from "@/lib/runs/schemas";
import { evaluateOutput } from "@/lib/runs/evaluate";

// POST /api/v1/run — score a supplied output against a suite: 200 cleared|blocked|error, or 202 with async
export const POST = route(
  { scope: "run", body: evalInput, idempotent: true },
  async ({ ctx, body }) => {
    const { status, body: result } = await evaluateOutput({ ctx, input: body });
    return json(result, status);
  },
);
