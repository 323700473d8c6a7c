import { AppError } from "@/lib/errors";
import { route } from "@/lib/http/route";
import { getSharedReport } from "@/lib/share/service";

// GET /api/share/{token} — the public, read-only report of one suite run
export const GET = route({ auth: "public" }, async ({ params }) => {
  const report = await getSharedReport(params.token);
  if (!report)
    throw new AppError("not_found", "This report link does not exist, has expired or was revoked");
  return report;
});
