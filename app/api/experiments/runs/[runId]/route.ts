// GET /api/experiments/runs/{runId} — alias of /api/evaluations/v3/runs/{runId}
export { GET } from "@/app/api/evaluations/v3/runs/[runId]/route";
