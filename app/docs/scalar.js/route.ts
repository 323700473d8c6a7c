import { scalarBundle } from "@/lib/openapi/docs";

// GET /docs/scalar.js — the reference's browser bundle
export const GET = (req: Request) => scalarBundle(req);
