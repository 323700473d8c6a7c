"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useResubmitSuiteRun } from "@/lib/client/hooks/suite-runs";
import { fetchJson, qs } from "@/lib/client/fetch";
import { suiteRunKeys } from "@/lib/client/keys";
import { useProjectSlug } from "@/lib/client/project";
import type { ChildRunsPage, SuiteRun } from "@/lib/client/types";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { ErrorState, InlineLoading } from "@/components/ui/states";
import { formatNumber } from "@/components/ui/format";
import { StatusBadge } from "./status";

const PREVIEW = 50;

/** Re-run only what failed or errored, with the same scenario × target × repeat identities. */
export function ResubmitDialog({
  run,
  open,
  onClose,
}: {
  run: SuiteRun;
  open: boolean;
  onClose: () => void;
}) {
  const router = useRouter();
  const project = useProjectSlug();
  const resubmit = useResubmitSuiteRun(run.id);
  const [key, setKey] = useState("");
  useEffect(() => {
    if (open) {
      setKey(crypto.randomUUID()); // one key per dialog: a double click cannot create two runs
      resubmit.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset on open
  }, [open]);
  const preview = useQuery({
    queryKey: suiteRunKeys.childPage(run.id, { status: "failed,error" }, 0, PREVIEW),
    queryFn: ({ signal }) =>
      fetchJson<ChildRunsPage>(
        `/api/v1/suite-runs/${encodeURIComponent(run.id)}/runs${qs({ status: "failed,error", limit: PREVIEW })}`,
        { project, signal },
      ),
    enabled: open,
  });
  const total = run.failed_count + run.errored_count;

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Resubmit failed and errored runs"
      description="A new suite run re-runs exactly these cases (same scenario, target and repeat), with this run's config override. This run stays as it is."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button
            variant="primary"
            loading={resubmit.isPending}
            disabled={total === 0}
            data-testid="confirm-resubmit"
            onClick={() =>
              resubmit.mutate(key, {
                onSuccess: (next) => router.push(`/p/${project}/runs/${next.id}`),
              })
            }
          >
            Resubmit {formatNumber(total)} run{total === 1 ? "" : "s"}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <div className="grid grid-cols-3 gap-3 text-center" data-testid="resubmit-counts">
          <div className="rounded-lg border border-red-200 bg-red-50/60 py-2.5 dark:border-red-900/70 dark:bg-red-950/30">
            <div
              className="text-xl font-semibold text-red-700 tabular dark:text-red-400"
              data-testid="resubmit-failed"
            >
              {formatNumber(run.failed_count)}
            </div>
            <div className="text-xs text-zinc-600 dark:text-zinc-400">failed</div>
          </div>
          <div className="rounded-lg border border-amber-200 bg-amber-50/60 py-2.5 dark:border-amber-900/70 dark:bg-amber-950/30">
            <div
              className="text-xl font-semibold text-amber-700 tabular dark:text-amber-400"
              data-testid="resubmit-errored"
            >
              {formatNumber(run.errored_count)}
            </div>
            <div className="text-xs text-zinc-600 dark:text-zinc-400">errored</div>
          </div>
          <div className="rounded-lg border border-zinc-200 py-2.5 dark:border-zinc-800">
            <div className="text-xl font-semibold tabular">{formatNumber(total)}</div>
            <div className="text-xs text-zinc-600 dark:text-zinc-400">runs to re-run</div>
          </div>
        </div>
        <div>
          <h3 className="mb-1.5 text-[12px] font-medium text-zinc-500 dark:text-zinc-400">
            What will re-run{total > PREVIEW ? ` (first ${PREVIEW})` : ""}
          </h3>
          {preview.isPending ? (
            <InlineLoading />
          ) : preview.isError ? (
            <ErrorState error={preview.error} title="Could not list them" />
          ) : (
            <ul className="max-h-56 divide-y divide-zinc-100 overflow-y-auto rounded-md border border-zinc-200 text-[13px] dark:divide-zinc-800 dark:border-zinc-800">
              {preview.data.data.map((r) => (
                <li key={r.id} className="flex items-center gap-3 px-3 py-1.5">
                  <StatusBadge status={r.status} />
                  <span className="min-w-0 flex-1 truncate">{r.scenario_name}</span>
                  <span className="truncate text-xs text-zinc-500">{r.target_name}</span>
                  <span className="text-xs text-zinc-400 tabular">#{r.repeat_index + 1}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {resubmit.isError ? <ErrorState error={resubmit.error} title="Not resubmitted" /> : null}
      </div>
    </Dialog>
  );
}
