// POST /api/experiments/{slug}/run — alias of /api/evaluations/v3/{slug}/run
export { POST } from "@/app/api/evaluations/v3/[slug]/run/route";
