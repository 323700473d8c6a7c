import { route } from "@/lib/http/route";
import { generateScenarioDrafts } from "@/lib/simulation/generate";
import { generateScenariosInput } from "@/lib/simulation/schemas";

// POST /api/v1/scenarios/generate — draft simulated-user scenarios from an agent description (not saved)
export const POST = route({ scope: "run", body: generateScenariosInput }, ({ ctx, body, req }) =>
  generateScenarioDrafts({ ctx, input: body, signal: req.signal }),
);
