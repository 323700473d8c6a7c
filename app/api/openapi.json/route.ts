import { json, route } from "@/lib/http/route";
import { openApiDocument } from "@/lib/openapi/docs";

// GET /api/openapi.json — the OpenAPI 3.1 document (public)
export const GET = route({ auth: "public" }, async () => json(openApiDocument()));
