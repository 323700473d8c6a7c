"use client";

import Link from "next/link";
import { useSuiteRun } from "@/lib/client/hooks/suite-runs";
import { useProjectSlug } from "@/lib/client/project";
import { shortId } from "@/components/ui/format";
import { RunDetailView } from "@/components/runs/run-detail";

/** The permalink of one run inside a suite run. */
export function CaseView({ suiteRunId, runId }: { suiteRunId: string; runId: string }) {
  const project = useProjectSlug();
  const suiteRun = useSuiteRun(suiteRunId);
  return (
    <div className="mx-auto max-w-5xl">
      <nav
        aria-label="Breadcrumb"
        className="mb-4 flex flex-wrap items-center gap-1.5 text-[13px] text-zinc-500 dark:text-zinc-400"
      >
        <Link href={`/p/${project}/runs`} className="hover:text-zinc-900 dark:hover:text-zinc-100">
          Runs
        </Link>
        <span aria-hidden="true">/</span>
        <Link
          href={`/p/${project}/runs/${suiteRunId}`}
          className="hover:text-zinc-900 dark:hover:text-zinc-100"
          data-testid="back-to-suite-run"
        >
          {suiteRun.data?.suite_name ?? "Suite run"}{" "}
          <span className="font-mono">{shortId(suiteRunId)}</span>
        </Link>
        <span aria-hidden="true">/</span>
        <span className="font-mono">{shortId(runId)}</span>
      </nav>
      <RunDetailView runId={runId} suiteRunId={suiteRunId} />
    </div>
  );
}
