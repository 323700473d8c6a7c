import { docsPage } from "@/lib/openapi/docs";

// GET /docs — the interactive API reference (Scalar, served from our own origin)
export const GET = () => docsPage();
