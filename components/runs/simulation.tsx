import type { ReactNode } from "react";
import type { EndReason, RoleUsage, SimulationSpec, SimulationUsage } from "@/lib/client/types";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { formatCost, formatNumber } from "@/components/ui/format";

const END_REASONS: Record<EndReason, { label: string; tone: BadgeTone }> = {
  simulator_done: { label: "Mission done", tone: "green" },
  stop_when: { label: "stop_when matched", tone: "green" },
  max_turns: { label: "Max turns reached", tone: "slate" },
  simulator_error: { label: "Simulator failed", tone: "amber" },
  target_error: { label: "Agent failed", tone: "amber" },
};

/** Why a simulated conversation ended, as a sentence (`maxTurns` fills in the max_turns case). */
export function endReasonSentence(reason: string, maxTurns?: number | null): string {
  switch (reason) {
    case "simulator_done":
      return "The simulated user said the mission was done";
    case "stop_when":
      return "The agent's reply matched stop_when";
    case "max_turns":
      return typeof maxTurns === "number" ? `Reached max_turns (${maxTurns})` : "Reached max_turns";
    case "simulator_error":
      return "The simulator failed";
    case "target_error":
      return "The agent failed";
    default:
      return `Ended: ${reason}`;
  }
}

/** The end reason as a badge plus the sentence that explains it. */
export function EndReasonNote({
  reason,
  maxTurns,
  className,
  children,
}: {
  reason: string;
  maxTurns?: number | null;
  className?: string;
  children?: ReactNode;
}) {
  const meta = END_REASONS[reason as EndReason] ?? { label: reason, tone: "neutral" as const };
  return (
    <span
      className={cn("inline-flex flex-wrap items-center gap-x-2 gap-y-1", className)}
      data-testid="end-reason"
      data-reason={reason}
    >
      <Badge tone={meta.tone}>{meta.label}</Badge>
      <span className="text-[13px] text-zinc-700 dark:text-zinc-300">
        {endReasonSentence(reason, maxTurns)}
        {children}
      </span>
    </span>
  );
}

function Field({
  label,
  wide,
  children,
}: {
  label: string;
  /** Spans both columns of a two-column list. */
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={cn("min-w-0", wide && "@md:col-span-2")}>
      <dt className="text-[11.5px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
        {label}
      </dt>
      <dd className="mt-0.5 text-[13px] leading-relaxed text-zinc-900 dark:text-zinc-100">
        {children}
      </dd>
    </div>
  );
}

const ROLES: { key: keyof SimulationUsage; label: string }[] = [
  { key: "target", label: "Target" },
  { key: "simulator", label: "Simulator" },
  { key: "judge", label: "Judge" },
];

/** Tokens and cost per role of a simulated conversation, with the total. */
export function UsageTable({ usage }: { usage: SimulationUsage }) {
  const rows = ROLES.map((r) => ({ ...r, usage: usage[r.key] as RoleUsage | undefined }));
  const costs = rows
    .map((r) => r.usage?.cost_usd)
    .filter((c): c is number => typeof c === "number");
  const total = {
    prompt: rows.reduce((n, r) => n + (r.usage?.prompt ?? 0), 0),
    completion: rows.reduce((n, r) => n + (r.usage?.completion ?? 0), 0),
    cost: costs.length ? costs.reduce((a, b) => a + b, 0) : null,
  };
  const cell = "px-2.5 py-1.5 text-right tabular";
  return (
    <table className="w-full text-[12.5px]" data-testid="simulation-usage">
      <thead>
        <tr className="text-[11px] tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          <th scope="col" className="px-2.5 py-1.5 text-left font-medium">
            Usage
          </th>
          <th scope="col" className="px-2.5 py-1.5 text-right font-medium">
            Prompt
          </th>
          <th scope="col" className="px-2.5 py-1.5 text-right font-medium">
            Completion
          </th>
          <th scope="col" className="px-2.5 py-1.5 text-right font-medium">
            Cost
          </th>
        </tr>
      </thead>
      <tbody className="text-zinc-800 dark:text-zinc-200">
        {rows.map((r) => (
          <tr
            key={r.key}
            className="border-t border-zinc-100 dark:border-zinc-800/70"
            data-role={r.key}
          >
            <th scope="row" className="px-2.5 py-1.5 text-left font-normal">
              {r.label}
            </th>
            <td className={cell}>{formatNumber(r.usage?.prompt ?? 0)}</td>
            <td className={cell}>{formatNumber(r.usage?.completion ?? 0)}</td>
            <td className={cn(cell, r.usage?.cost_usd == null && "text-zinc-400")}>
              {formatCost(r.usage?.cost_usd)}
            </td>
          </tr>
        ))}
        <tr className="border-t border-zinc-200 font-medium dark:border-zinc-700">
          <th scope="row" className="px-2.5 py-1.5 text-left font-medium">
            Total
          </th>
          <td className={cell}>{formatNumber(total.prompt)}</td>
          <td className={cell}>{formatNumber(total.completion)}</td>
          <td className={cell}>{formatCost(total.cost)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** A simulated conversation's setup and outcome: how it ended, who played the user, what it cost. */
export function SimulationCard({
  simulation,
  endReason,
  turns,
  usage,
  finished,
}: {
  simulation: SimulationSpec;
  endReason: string | null;
  turns: number | null;
  usage: SimulationUsage | null;
  finished: boolean;
}) {
  return (
    <div
      className="overflow-hidden rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900/40"
      data-testid="simulation"
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50/70 px-4 py-2.5 dark:border-zinc-800 dark:bg-zinc-900/60">
        {endReason ? (
          <EndReasonNote reason={endReason} maxTurns={simulation.max_turns} />
        ) : (
          <span className="text-[13px] text-zinc-500 dark:text-zinc-400" data-testid="end-reason">
            {finished
              ? "The conversation did not start."
              : "The conversation has not finished yet."}
          </span>
        )}
      </div>
      <div className="grid gap-x-6 gap-y-4 px-4 py-3 @3xl:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
        <dl className="space-y-3">
          <Field label="Persona">
            <p className="max-h-32 overflow-auto whitespace-pre-wrap" data-testid="sim-persona">
              {simulation.persona}
            </p>
          </Field>
          <Field label="Mission">
            <p className="max-h-32 overflow-auto whitespace-pre-wrap" data-testid="sim-mission">
              {simulation.mission}
            </p>
          </Field>
        </dl>
        <div className="min-w-0 space-y-3">
          <dl className="grid content-start gap-x-4 gap-y-3 @md:grid-cols-2">
            <Field label="Simulator">
              <span
                className="block truncate font-mono text-[12.5px]"
                title={simulation.simulator.base_url}
                data-testid="sim-model"
              >
                {simulation.simulator.model}
              </span>
            </Field>
            <Field label="Turns">
              <span className="tabular" data-testid="sim-turns">
                {turns ?? "—"}{" "}
                <span className="text-zinc-500 dark:text-zinc-400">
                  of {simulation.max_turns} max
                </span>
              </span>
            </Field>
            {simulation.stop_when ? (
              <Field label="Stop when" wide>
                <code className="font-mono text-[12.5px] break-all">{simulation.stop_when}</code>
              </Field>
            ) : null}
            {simulation.first_message ? (
              <Field label="First message" wide>
                <span className="line-clamp-2" title={simulation.first_message}>
                  {simulation.first_message}
                </span>
              </Field>
            ) : null}
          </dl>
          {usage ? (
            <div className="rounded-md border border-zinc-200 py-0.5 dark:border-zinc-800">
              <UsageTable usage={usage} />
            </div>
          ) : null}
        </div>
      </div>
    </div>
  );
}
