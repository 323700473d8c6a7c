import type { ReactNode } from "react";
import type { SuiteRun } from "@/lib/client/types";
import { isTerminalStatus } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import {
  formatDateTime,
  formatDuration,
  formatNumber,
  formatPercent,
} from "@/components/ui/format";
import { GateVerdict, ProgressBar } from "@/components/runs/progress";
import { StatusBadge } from "@/components/runs/status";
import { EndReasonNote } from "@/components/runs/simulation";
import { Transcript } from "@/components/runs/transcript";
import { IconChevronRight } from "@/components/ui/icons";
import { Logo } from "@/components/shell/logo";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { AutoRefresh } from "./auto-refresh";
import { OpenForPrint } from "./open-for-print";
import { PrintButton } from "./print-button";

export type SharedReport = {
  suite_run: Omit<SuiteRun, "config_override" | "triggered_by" | "url">;
  targets: {
    name: string;
    passed: number;
    failed: number;
    errored: number;
    total: number;
    pass_rate: number;
  }[];
  scorers: {
    name: string;
    scorer: string;
    passed: number;
    total: number;
    pass_rate: number;
    avg_score?: number;
  }[];
  failures: {
    run_id: string;
    scenario_name: string | null;
    target_name: string | null;
    status: string;
    reasons: string[];
    output_excerpt: string;
    /** The conversation of a multi-turn or simulated case (excerpted), else null. */
    transcript?:
      | {
          role: string;
          speaker: "simulator" | "target" | "scripted" | null;
          content: string;
          latency_ms: number | null;
        }[]
      | null;
    end_reason?: string | null;
  }[];
};

function Card({
  title,
  children,
  className,
}: {
  title: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section
      className={cn(
        "print-break-inside-avoid rounded-xl border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/40",
        className,
      )}
    >
      <h2 className="border-b border-zinc-200 px-5 py-3 text-[13px] font-semibold dark:border-zinc-800">
        {title}
      </h2>
      {children}
    </section>
  );
}

function RateBar({ rate, threshold }: { rate: number; threshold?: number }) {
  const ok = threshold === undefined || rate >= threshold;
  return (
    <div className="flex items-center gap-2">
      <div className="h-1.5 w-24 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
        <div
          className={ok ? "h-full bg-emerald-500" : "h-full bg-red-500"}
          style={{ width: `${rate * 100}%` }}
        />
      </div>
      <span className="w-12 text-right tabular">{formatPercent(rate)}</span>
    </div>
  );
}

/** A failing case's conversation, folded away (unfolded for printing), with why it ended. */
function Conversation({ failure }: { failure: SharedReport["failures"][number] }) {
  const transcript = failure.transcript ?? [];
  const turns = transcript.filter((t) => t.role === "assistant").length;
  return (
    <div className="mt-2 space-y-2">
      {failure.end_reason ? (
        <EndReasonNote
          reason={failure.end_reason}
          maxTurns={failure.end_reason === "max_turns" ? turns : undefined}
        />
      ) : null}
      <details
        className="group rounded-md border border-zinc-200 dark:border-zinc-800 print:border-zinc-300 print:[&::details-content]:[content-visibility:visible]"
        data-testid="report-conversation"
        data-print-open=""
      >
        <summary className="flex cursor-pointer list-none items-center gap-1.5 px-3 py-2 text-[13px] font-medium text-zinc-700 select-none hover:bg-zinc-50 dark:text-zinc-300 dark:hover:bg-zinc-800/50 [&::-webkit-details-marker]:hidden">
          <IconChevronRight
            size={14}
            className="text-zinc-400 transition-transform group-open:rotate-90 print:hidden"
          />
          Conversation ({turns} {turns === 1 ? "turn" : "turns"})
          <span className="font-normal text-zinc-500">
            · {transcript.length} {transcript.length === 1 ? "message" : "messages"}
          </span>
        </summary>
        <div className="border-t border-zinc-200 px-3 py-3 dark:border-zinc-800 print:border-zinc-300">
          <Transcript turns={transcript} />
        </div>
      </details>
    </div>
  );
}

/** The stakeholder report: verdict first, then the numbers, then what failed and why. Read-only. */
export function Report({ report }: { report: SharedReport }) {
  const run = report.suite_run;
  const terminal = isTerminalStatus(run.status);
  const threshold = run.gate.threshold;
  const meta = run.trigger_meta ?? {};
  return (
    <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6 print:max-w-none print:px-0 print:py-0">
      {terminal ? null : <AutoRefresh />}
      <OpenForPrint />
      <header className="mb-8 flex flex-wrap items-start justify-between gap-4">
        <div>
          <div className="mb-3 flex items-center gap-2 text-[13px] text-zinc-500">
            <Logo /> <span>· Test report</span>
          </div>
          <h1 className="text-2xl font-semibold tracking-tight" data-testid="report-title">
            {run.suite_name ?? "Batch run"}
          </h1>
          <p className="mt-1 text-[13px] text-zinc-500 dark:text-zinc-400">
            Run <span className="font-mono">{run.id}</span> · started{" "}
            {formatDateTime(run.created_at)}
            {run.completed_at ? ` · took ${formatDuration(run.duration_ms)}` : ""}
            {typeof meta.branch === "string" ? ` · branch ${meta.branch}` : ""}
            {typeof meta.commit === "string" ? ` · commit ${meta.commit.slice(0, 10)}` : ""}
          </p>
        </div>
        <div className="no-print flex items-center gap-2">
          <ThemeToggle />
          <PrintButton />
        </div>
      </header>

      <section className="print-break-inside-avoid mb-6 rounded-xl border border-zinc-200 bg-white p-6 dark:border-zinc-800 dark:bg-zinc-900/40">
        <div className="flex flex-wrap items-center justify-between gap-6">
          <div>
            <GateVerdict run={run as SuiteRun} size="lg" />
            <p className="mt-3 text-[13px] text-zinc-600 dark:text-zinc-400">
              The gate requires a pass rate of at least{" "}
              <strong className="tabular">{formatPercent(threshold)}</strong>
              {terminal ? "." : ". This run is still in progress; the page refreshes itself."}
            </p>
          </div>
          <div className="text-right">
            <div
              className={cn(
                "text-5xl font-semibold tracking-tight tabular",
                run.pass_rate >= threshold
                  ? "text-emerald-600 dark:text-emerald-400"
                  : "text-red-600 dark:text-red-400",
              )}
              data-testid="report-pass-rate"
            >
              {formatPercent(run.pass_rate)}
            </div>
            <div className="text-[13px] text-zinc-500">pass rate</div>
          </div>
        </div>
        <ProgressBar run={run as SuiteRun} className="mt-6" />
        <dl className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-5">
          {[
            ["Total", run.total_runs, "text-zinc-900 dark:text-zinc-100"],
            ["Passed", run.passed_count, "text-emerald-700 dark:text-emerald-400"],
            ["Failed", run.failed_count, "text-red-700 dark:text-red-400"],
            ["Errored", run.errored_count, "text-amber-700 dark:text-amber-400"],
            ["Cancelled", run.cancelled_count, "text-zinc-500"],
          ].map(([label, value, tone]) => (
            <div key={String(label)}>
              <dt className="text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase">
                {label}
              </dt>
              <dd className={cn("text-xl font-semibold tabular", String(tone))}>
                {formatNumber(Number(value))}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <div className="mb-6 grid items-start gap-6 md:grid-cols-2">
        <Card title="By target">
          <table className="w-full text-[13px]">
            <tbody>
              {report.targets.map((t) => (
                <tr
                  key={t.name}
                  className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
                >
                  <td className="px-5 py-2">
                    <div className="font-medium">{t.name}</div>
                    <div className="text-xs text-zinc-500 tabular">
                      {t.passed} passed · {t.failed} failed
                      {t.errored ? ` · ${t.errored} errored` : ""} of {t.total}
                    </div>
                  </td>
                  <td className="px-5 py-2">
                    <RateBar rate={t.pass_rate} threshold={threshold} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title="By scorer">
          <table className="w-full text-[13px]">
            <tbody>
              {report.scorers.length === 0 ? (
                <tr>
                  <td className="px-5 py-3 text-zinc-500">No scorer results yet.</td>
                </tr>
              ) : (
                report.scorers.map((s) => (
                  <tr
                    key={`${s.name}:${s.scorer}`}
                    className="border-b border-zinc-100 last:border-0 dark:border-zinc-800"
                  >
                    <td className="px-5 py-2">
                      <div className="font-medium">{s.name}</div>
                      <div className="text-xs text-zinc-500 tabular">
                        <span className="font-mono">{s.scorer}</span> · {s.passed} of {s.total}{" "}
                        passed
                      </div>
                    </td>
                    <td className="px-5 py-2">
                      <RateBar rate={s.pass_rate} />
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </Card>
      </div>

      <Card
        title={`Failing cases · ${report.failures.length}${report.failures.length >= 200 ? "+" : ""}`}
      >
        {report.failures.length === 0 ? (
          <p className="px-5 py-4 text-[13px] text-zinc-500">
            {terminal ? "Every case passed." : "No failures so far."}
          </p>
        ) : (
          <ol
            className="divide-y divide-zinc-100 dark:divide-zinc-800"
            data-testid="report-failures"
          >
            {report.failures.map((f) => (
              <li
                key={f.run_id}
                className="print-break-inside-avoid px-5 py-4"
                data-testid="report-failure"
              >
                <div className="flex flex-wrap items-center gap-2">
                  <StatusBadge status={f.status} />
                  <span className="font-medium">{f.scenario_name ?? "Unnamed case"}</span>
                  {f.target_name ? (
                    <span className="text-[13px] text-zinc-500">on {f.target_name}</span>
                  ) : null}
                </div>
                {f.reasons.length ? (
                  <ul className="mt-2 space-y-0.5 text-[13px] text-zinc-700 dark:text-zinc-300">
                    {f.reasons.map((r, i) => (
                      <li key={i} className="flex gap-2">
                        <span className="text-red-500" aria-hidden="true">
                          ✗
                        </span>
                        {r}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {f.transcript?.length ? <Conversation failure={f} /> : null}
                {f.output_excerpt ? (
                  <pre className="mt-2 max-h-40 overflow-auto rounded-md bg-zinc-50 px-3 py-2 font-mono text-[12px] whitespace-pre-wrap text-zinc-700 dark:bg-zinc-950 dark:text-zinc-300 print:max-h-none">
                    {f.output_excerpt}
                  </pre>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
      <footer className="mt-8 text-center text-xs text-zinc-400">
        Read-only report shared from Assay. Generated {formatDateTime(new Date().toISOString())}.
      </footer>
    </main>
  );
}
