"use client";

import Link from "next/link";
import type { SuiteRun } from "@/lib/client/types";
import { Table, THead, Td, Th, Tr } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { Badge } from "@/components/ui/badge";
import { formatDuration, formatNumber, shortId } from "@/components/ui/format";
import { PassRate } from "./pass-rate";
import { ProgressBar } from "./progress";
import { StatusBadge } from "./status";

// Beside a sidebar (a suite's history) the table is narrower: duration shows only on wide screens.
const durationClass = (wide: boolean) =>
  wide ? "hidden text-right lg:table-cell" : "hidden text-right 2xl:table-cell";

/** A list of suite runs: verdict, progress, pass rate vs gate, trigger, when and how long. */
export function SuiteRunsTable({
  runs,
  project,
  showSuite = true,
}: {
  runs: SuiteRun[];
  project: string;
  showSuite?: boolean;
}) {
  return (
    <Table>
      <THead>
        <tr>
          <Th>Status</Th>
          {showSuite ? <Th>Suite</Th> : null}
          <Th>Run</Th>
          <Th className="w-52">Results</Th>
          <Th className="text-right">Pass rate</Th>
          <Th className="hidden md:table-cell">Trigger</Th>
          <Th className="hidden md:table-cell">Started</Th>
          <Th className={durationClass(showSuite)}>Duration</Th>
        </tr>
      </THead>
      <tbody>
        {runs.map((r) => (
          <Tr key={r.id} data-testid="suite-run-row">
            <Td>
              <StatusBadge status={r.status} />
            </Td>
            {showSuite ? (
              <Td className="max-w-64 truncate font-medium">
                <Link href={`/p/${project}/runs/${r.id}`} className="hover:underline">
                  {r.suite_name ?? "Batch"}
                </Link>
              </Td>
            ) : null}
            <Td className="whitespace-nowrap">
              <Link
                href={`/p/${project}/runs/${r.id}`}
                className="font-mono text-[12.5px] text-zinc-600 hover:underline dark:text-zinc-400"
              >
                {shortId(r.id)}
              </Link>
              {r.parent_suite_run_id ? (
                <span className="ml-2 text-[11px] text-zinc-400">resubmit</span>
              ) : null}
            </Td>
            <Td className="max-w-52">
              <ProgressBar run={r} height="h-1.5" />
              <div className="mt-1 truncate text-[11.5px] text-zinc-500 tabular">
                {formatNumber(r.passed_count)} passed · {formatNumber(r.failed_count)} failed
                {r.errored_count ? ` · ${formatNumber(r.errored_count)} errored` : ""} /{" "}
                {formatNumber(r.total_runs)}
              </div>
            </Td>
            <Td className="text-right">
              <PassRate
                rate={r.status === "queued" ? null : r.pass_rate}
                threshold={r.gate.threshold}
              />
            </Td>
            <Td className="hidden md:table-cell">
              <Badge tone="neutral">{r.trigger}</Badge>
            </Td>
            <Td className="hidden whitespace-nowrap text-zinc-500 md:table-cell">
              <RelativeTime iso={r.created_at} />
            </Td>
            <Td className={`${durationClass(showSuite)} text-zinc-500 tabular`}>
              {r.duration_ms === null ? "—" : formatDuration(r.duration_ms)}
            </Td>
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}
