import { compatRoute } from "@/lib/compat/http";
import { langwatchSuiteRunInput } from "@/lib/compat/schemas";
import { runSuiteLangwatch } from "@/lib/compat/suites";

// POST /api/suites/{id}/run — LangWatch-compatible suite trigger ({error, message} on errors)
export const POST = compatRoute(
  { scope: "run", body: langwatchSuiteRunInput, idempotent: true },
  ({ ctx, params }) => runSuiteLangwatch({ ctx, suiteIdOrSlug: params.id }),
);
