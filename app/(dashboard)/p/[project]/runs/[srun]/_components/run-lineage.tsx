"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { fetchJson, qs } from "@/lib/client/fetch";
import { suiteRunKeys } from "@/lib/client/keys";
import { useProjectSlug } from "@/lib/client/project";
import type { Page, SuiteRun } from "@/lib/client/types";
import { shortId } from "@/components/ui/format";
import { StatusDot } from "@/components/runs/status";

/**
 * Links up (the run this one resubmitted) and down (resubmits of this one). There is no parent
 * filter in the API, so children are found among the suite's recent resubmit runs.
 */
export function RunLineage({ run }: { run: SuiteRun }) {
  const project = useProjectSlug();
  const children = useQuery({
    queryKey: [
      ...suiteRunKeys.lists(project),
      { suite_id: run.suite_id, trigger: "resubmit", parent: run.id },
    ],
    queryFn: ({ signal }) =>
      fetchJson<Page<SuiteRun>>(
        `/api/v1/suite-runs${qs({ suite_id: run.suite_id, trigger: "resubmit", limit: 200 })}`,
        { project, signal },
      ).then((p) => p.data.filter((r) => r.parent_suite_run_id === run.id)),
    enabled: !!run.suite_id,
    staleTime: 15_000,
  });
  const resubmits = children.data ?? [];
  if (!run.parent_suite_run_id && resubmits.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-[12.5px]">
      {run.parent_suite_run_id ? (
        <span className="text-zinc-500 dark:text-zinc-400">
          Resubmit of{" "}
          <Link
            data-testid="parent-link"
            href={`/p/${project}/runs/${run.parent_suite_run_id}`}
            className="font-mono text-accent-700 hover:underline dark:text-accent-400"
          >
            {shortId(run.parent_suite_run_id)}
          </Link>
        </span>
      ) : null}
      {resubmits.length > 0 ? (
        <span className="flex flex-wrap items-center gap-2 text-zinc-500 dark:text-zinc-400">
          Resubmitted as
          {resubmits.map((r) => (
            <Link
              key={r.id}
              data-testid="child-link"
              href={`/p/${project}/runs/${r.id}`}
              className="inline-flex items-center gap-1 font-mono text-accent-700 hover:underline dark:text-accent-400"
            >
              <StatusDot status={r.status} />
              {shortId(r.id)}
            </Link>
          ))}
        </span>
      ) : null}
    </div>
  );
}
