"use client";

import { useState } from "react";
import { useCancelSuiteRun, useExportSuiteRun } from "@/lib/client/hooks/suite-runs";
import { useCanWrite, useProjectSlug } from "@/lib/client/project";
import { isTerminalStatus, type SuiteRun } from "@/lib/client/types";
import { Button, ButtonLink } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Menu } from "@/components/ui/menu";
import { useToast } from "@/components/ui/toast";
import {
  IconChevronDown,
  IconCompare,
  IconDownload,
  IconRefresh,
  IconShare,
  IconStop,
} from "@/components/ui/icons";
import { ResubmitDialog } from "@/components/runs/resubmit-dialog";
import { ShareDialog } from "@/components/runs/share-dialog";

/** Cancel, resubmit, share, export, compare: what a QA lead does with a suite run. */
export function RunActions({ run }: { run: SuiteRun }) {
  const project = useProjectSlug();
  const canWrite = useCanWrite();
  const toast = useToast();
  const cancel = useCancelSuiteRun(run.id);
  const exporter = useExportSuiteRun(run.id);
  const [dialog, setDialog] = useState<"cancel" | "resubmit" | "share" | null>(null);
  const terminal = isTerminalStatus(run.status);
  const toResubmit = run.failed_count + run.errored_count;

  const download = (format: "csv" | "json" | "junit") =>
    exporter.mutate(format, {
      onError: (e) => toast(`Export failed: ${(e as Error).message}`, "error"),
    });

  return (
    <>
      {run.suite_id ? (
        <ButtonLink
          href={`/p/${project}/runs/${run.id}/compare`}
          icon={<IconCompare size={14} />}
          size="sm"
        >
          Compare
        </ButtonLink>
      ) : null}
      <Menu
        align="end"
        label="Export"
        trigger={({ ref, ...props }) => (
          <Button
            ref={ref}
            {...props}
            size="sm"
            icon={<IconDownload size={14} />}
            loading={exporter.isPending}
          >
            Export <IconChevronDown size={12} />
          </Button>
        )}
        items={[
          { label: "CSV (a row per run)", onSelect: () => download("csv"), testId: "export-csv" },
          {
            label: "JSON (runs and results)",
            onSelect: () => download("json"),
            testId: "export-json",
          },
          {
            label: "JUnit XML (for CI)",
            onSelect: () => download("junit"),
            testId: "export-junit",
          },
        ]}
      />
      <Button size="sm" icon={<IconShare size={14} />} onClick={() => setDialog("share")}>
        Share
      </Button>
      {canWrite && terminal && toResubmit > 0 ? (
        <Button
          size="sm"
          variant="primary"
          icon={<IconRefresh size={14} />}
          onClick={() => setDialog("resubmit")}
          data-testid="resubmit"
        >
          Resubmit failed/errored ({toResubmit})
        </Button>
      ) : null}
      {canWrite && !terminal ? (
        <Button
          size="sm"
          variant="outline-danger"
          icon={<IconStop size={12} />}
          onClick={() => setDialog("cancel")}
          data-testid="cancel-run"
        >
          Cancel run
        </Button>
      ) : null}

      <Dialog
        open={dialog === "cancel"}
        onClose={() => setDialog(null)}
        size="sm"
        title="Cancel this run?"
        description={`Queued runs (${run.pending_count}) stop at once; calls in flight are aborted. Finished runs keep their results.`}
        footer={
          <>
            <Button variant="ghost" onClick={() => setDialog(null)}>
              Keep running
            </Button>
            <Button
              variant="danger"
              loading={cancel.isPending}
              onClick={() =>
                cancel.mutate(undefined, {
                  onSuccess: () => setDialog(null),
                  onError: (e) => toast(`Could not cancel: ${(e as Error).message}`, "error"),
                })
              }
            >
              Cancel run
            </Button>
          </>
        }
      />
      <ResubmitDialog run={run} open={dialog === "resubmit"} onClose={() => setDialog(null)} />
      <ShareDialog
        suiteRunId={run.id}
        open={dialog === "share"}
        onClose={() => setDialog(null)}
        canWrite={canWrite}
      />
    </>
  );
}
