"use client";

import Link from "next/link";
import { useRun } from "@/lib/client/hooks/runs";
import { useProjectSlug } from "@/lib/client/project";
import { isTerminalStatus, type RunDetail as Run } from "@/lib/client/types";
import { cn } from "@/components/ui/cn";
import { CopyButton } from "@/components/ui/copy-button";
import {
  formatCost,
  formatDateTime,
  formatDuration,
  formatNumber,
  formatTimestamp,
} from "@/components/ui/format";
import { IconExternal } from "@/components/ui/icons";
import { ValueView } from "@/components/ui/json-view";
import { Stat } from "@/components/ui/layout";
import { ErrorState, Skeleton } from "@/components/ui/states";
import { ScorerResultCard } from "@/components/scorers/scorer-result";
import { SimulationCard } from "./simulation";
import { StatusBadge } from "./status";
import { Transcript } from "./transcript";

function Block({
  title,
  children,
  testId,
}: {
  title: string;
  children: React.ReactNode;
  testId?: string;
}) {
  return (
    <section data-testid={testId}>
      <h3 className="mb-1.5 text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {title}
      </h3>
      {children}
    </section>
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function tokensText(tokens: Run["tokens"]): string {
  if (!tokens) return "—";
  const total = tokens.total ?? (tokens.prompt ?? 0) + (tokens.completion ?? 0);
  return `${formatNumber(total)}${tokens.prompt !== undefined ? ` (${formatNumber(tokens.prompt)} in · ${formatNumber(tokens.completion ?? 0)} out)` : ""}`;
}

/** Everything about one run: verdicts per scorer, output, input, expected, transcript, error, cost. */
export function RunDetailView({
  runId,
  suiteRunId,
  inPanel = false,
}: {
  runId: string;
  suiteRunId: string;
  inPanel?: boolean;
}) {
  const project = useProjectSlug();
  const query = useRun(runId);
  if (query.isPending) {
    return (
      <div className="space-y-4" aria-busy="true">
        <Skeleton className="h-7 w-2/3" />
        <Skeleton className="h-16 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    );
  }
  if (query.isError)
    return (
      <ErrorState
        error={query.error}
        title="Could not load this run"
        onRetry={() => void query.refetch()}
      />
    );
  const run = query.data;
  const permalink = `/p/${project}/runs/${suiteRunId}/cases/${run.id}`;
  const results = [...run.results].sort((a, b) => Number(a.passed) - Number(b.passed));
  const failedCount = run.results.filter((r) => !r.passed).length;
  const multiTurn = Array.isArray(run.transcript) && run.transcript.length > 0;
  const simulation = run.simulation ?? null;
  // A simulated conversation has no input of its own: the simulator writes every user turn.
  const showInput = !(simulation && (run.input === null || run.input === undefined));
  const showExpected = run.expected_output !== null && run.expected_output !== undefined;

  return (
    <div className="@container space-y-6" data-testid="run-detail">
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={run.status} />
          <h2 className="text-[17px] font-semibold tracking-tight" data-testid="run-scenario">
            {run.scenario.name ?? run.scenario.id}
          </h2>
        </div>
        <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[12.5px] text-zinc-500 dark:text-zinc-400">
          <span>
            on{" "}
            <span className="font-medium text-zinc-700 dark:text-zinc-300">
              {run.target.name ?? run.target.id}
            </span>
            {run.target.type ? <span className="font-mono"> · {run.target.type}</span> : null}
          </span>
          <span>repeat #{run.repeat_index + 1}</span>
          <span className="inline-flex items-center font-mono">
            {run.id}
            <CopyButton value={run.id} label="Copy run id" className="h-6" />
          </span>
          {inPanel ? (
            <Link
              href={permalink}
              className="inline-flex items-center gap-1 text-accent-700 hover:underline dark:text-accent-400"
            >
              Permalink <IconExternal size={12} />
            </Link>
          ) : null}
        </div>
      </div>

      <dl className="grid grid-cols-2 gap-4 rounded-lg border border-zinc-200 px-4 py-3 @md:grid-cols-3 @4xl:grid-cols-6 dark:border-zinc-800">
        <Stat label="Latency" value={formatDuration(run.latency_ms)} />
        <Stat label="Tokens" value={tokensText(run.tokens)} />
        <Stat label="Cost" value={formatCost(run.cost_usd)} />
        <Stat
          label="Attempt"
          value={`${run.attempt}${run.retries ? ` (${run.retries} ${run.retries === 1 ? "retry" : "retries"})` : ""}`}
        />
        <Stat
          label="Started"
          value={
            <span title={formatDateTime(run.started_at)}>{formatTimestamp(run.started_at)}</span>
          }
        />
        <Stat
          label="Finished"
          value={isTerminalStatus(run.status) ? formatTimestamp(run.completed_at) : "—"}
        />
      </dl>

      {run.error ? (
        <div
          role="alert"
          className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 dark:border-amber-800 dark:bg-amber-950/40"
          data-testid="run-error"
        >
          <p className="text-[13px] font-semibold text-amber-900 dark:text-amber-300">
            Error{" "}
            <code className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 font-mono text-[12px] dark:bg-amber-900/60">
              {run.error.code}
            </code>
          </p>
          {run.error.message ? (
            <p className="mt-1 font-mono text-[12.5px] whitespace-pre-wrap text-amber-900/90 dark:text-amber-200/90">
              {run.error.message}
            </p>
          ) : null}
        </div>
      ) : null}

      {simulation ? (
        <Block title="Simulation">
          <SimulationCard
            simulation={simulation}
            endReason={run.end_reason ?? null}
            turns={run.turns ?? null}
            usage={run.usage ?? null}
            finished={isTerminalStatus(run.status)}
          />
        </Block>
      ) : null}

      <Block
        title={`Scorers · ${run.results.length - failedCount} of ${run.results.length} passed`}
        testId="scorers"
      >
        {run.results.length === 0 ? (
          <p className="text-[13px] text-zinc-500">
            {isTerminalStatus(run.status)
              ? "No scorer results (the run did not reach scoring)."
              : "Scores appear when the run finishes."}
          </p>
        ) : (
          <div className="space-y-3">
            {results.map((r) => (
              <ScorerResultCard
                key={r.id}
                result={r}
                output={run.output}
                expected={run.expected_output}
              />
            ))}
          </div>
        )}
      </Block>

      {multiTurn ? (
        <Block
          title={
            simulation
              ? `Conversation · ${plural(run.turns ?? run.transcript.filter((t) => t.role === "assistant").length, "turn")} · ${plural(run.transcript.length, "message")}`
              : `Transcript · ${run.transcript.length} messages`
          }
          testId="conversation"
        >
          <div className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800">
            <Transcript turns={run.transcript} firstMessage={simulation?.first_message} />
          </div>
        </Block>
      ) : null}

      <div className={cn("grid gap-4", (showInput || showExpected) && "lg:grid-cols-2")}>
        <Block title={multiTurn ? "Final output" : "Output"} testId="run-output">
          <ValueView value={run.output} />
        </Block>
        {showInput || showExpected ? (
          <div className="space-y-4">
            {showInput ? (
              <Block title="Input">
                <ValueView value={run.input} maxHeight="12rem" />
              </Block>
            ) : null}
            {showExpected ? (
              <Block title="Expected output">
                <ValueView value={run.expected_output} maxHeight="12rem" />
              </Block>
            ) : null}
          </div>
        ) : null}
      </div>
    </div>
  );
}
