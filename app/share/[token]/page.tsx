import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSharedReport } from "@/lib/share/service";
import { Report, type SharedReport } from "@/components/share/report";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { token } = await params;
  const report = await getSharedReport(token);
  return {
    title: report ? `${report.suite_run.suite_name ?? "Run"} report` : "Report not found",
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

/** The public, read-only stakeholder report of one suite run. Unknown, expired or revoked → 404. */
export default async function SharePage({ params }: Params) {
  const { token } = await params;
  const report = await getSharedReport(token);
  if (!report) notFound();
  return (
    <div className="min-h-dvh bg-zinc-50 dark:bg-zinc-950 print:bg-white">
      <Report report={report as unknown as SharedReport} />
    </div>
  );
}
