import { route } from "@/lib/http/route";
import { usage } from "@/lib/usage";

// GET /api/v1/usage — runs completed in the current period
export const GET = route({ scope: "read" }, ({ ctx }) => usage({ ctx }));
