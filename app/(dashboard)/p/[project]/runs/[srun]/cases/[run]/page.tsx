import type { Metadata } from "next";
import { CaseView } from "./case-view";

export const metadata: Metadata = { title: "Run" };

export default async function CasePage({
  params,
}: {
  params: Promise<{ srun: string; run: string }>;
}) {
  const { srun, run } = await params;
  return <CaseView suiteRunId={srun} runId={run} />;
}
