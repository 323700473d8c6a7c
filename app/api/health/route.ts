import { route, json } from "@/lib/http/route";
import { health } from "@/lib/health";

// GET /api/health — no auth
export const GET = route({ auth: "public" }, async () => {
  const body = await health();
  return json(body, body.status === "down" ? 503 : 200);
});
