import type { Verdict } from "./gate";
import type { Compare, ComparePair, RunSummary, SuiteRun } from "./types";

export type SummaryInput = {
  run: SuiteRun;
  verdict: Verdict;
  /** Null when there is no earlier finished run of the suite to compare with. */
  compare: Compare | null;
  /** Failed and errored runs of this suite run (capped by the caller). */
  failing: RunSummary[];
  failingTotal: number;
  shareUrl?: string;
};

const LIST_CAP = 25;
const HEADLINE = {
  passed: "✅ passed",
  failed: "❌ failed",
  error: "⚠️ error",
  cancelled: "⏹️ cancelled",
} as const;

/**
 * The Markdown report for $GITHUB_STEP_SUMMARY or a PR comment: verdict, pass rate and its change
 * since the previous run, regressions first, then what else is failing, then fixes, and links.
 */
export function renderSummary(input: SummaryInput): string {
  const { run, verdict, compare } = input;
  const out: string[] = [];
  const name = md(run.suite_name ?? "Ad-hoc batch");
  out.push(`### ${HEADLINE[verdict.status]} · Assay · ${name}`, "");

  const judged = run.total_runs - run.cancelled_count;
  const gate = `gate ≥ ${pct(verdict.threshold)}${verdict.overridden ? " (--threshold)" : ""}`;
  let delta = "first run of this suite";
  if (compare) {
    const baseline = compare.baseline?.url
      ? `[previous run](${compare.baseline.url})`
      : "previous run";
    delta = `**${points(compare.pass_rate_delta)}** vs ${baseline}`;
  }
  out.push(
    `**${pct(verdict.passRate)}** passed (${run.passed_count} of ${judged}) · ${gate} · ${delta}`,
    "",
  );

  out.push(
    "| passed | failed | errored | cancelled | total | duration |",
    "|---:|---:|---:|---:|---:|---:|",
    `| ${run.passed_count} | ${run.failed_count} | ${run.errored_count} | ${run.cancelled_count} | ${run.total_runs} | ${duration(run.duration_ms)} |`,
    "",
  );

  const regressions = compare?.regressions ?? [];
  if (regressions.length) {
    out.push(
      `#### 🔻 Regressions (${regressions.length})`,
      "",
      "Passed in the previous run, not in this one.",
      "",
    );
    out.push("| scenario | target | repeat | before | now |", "|---|---|---:|---|---|");
    for (const r of regressions.slice(0, LIST_CAP))
      out.push(
        `| ${scenario(r)} | ${target(r)} | ${r.repeat_index} | ${r.baseline?.status ?? "–"} | ${r.current?.status ?? "–"} |`,
      );
    more(out, regressions.length);
  }

  const regressed = new Set(regressions.map((r) => r.current?.run_id));
  const others = input.failing.filter((r) => !regressed.has(r.id));
  const othersTotal = input.failingTotal - (input.failing.length - others.length);
  if (others.length) {
    out.push(`#### ${regressions.length ? "Also failing" : "Failing"} (${othersTotal})`, "");
    out.push("| scenario | target | repeat | status | error |", "|---|---|---:|---|---|");
    for (const r of others.slice(0, LIST_CAP))
      out.push(
        `| ${scenario(r)} | ${target(r)} | ${r.repeat_index} | ${r.status} | ${r.error_code ? `\`${md(r.error_code)}\`` : ""} |`,
      );
    more(out, othersTotal, Math.min(others.length, LIST_CAP));
  }

  const fixes = compare?.fixes ?? [];
  if (fixes.length) {
    out.push(`#### 🎉 Fixed (${fixes.length})`, "");
    for (const f of fixes.slice(0, LIST_CAP))
      out.push(`- ${scenario(f)} on ${target(f)} (repeat ${f.repeat_index})`);
    more(out, fixes.length);
  }

  const links = [`[Open the run](${run.url})`];
  if (input.shareUrl) links.push(`[Shared report](${input.shareUrl})`);
  out.push(links.join(" · "), "");
  const meta = run.trigger_meta as Record<string, unknown>;
  const facts = [
    typeof meta.commit === "string" ? `commit \`${md(meta.commit.slice(0, 12))}\`` : null,
    typeof meta.branch === "string" ? `branch \`${md(meta.branch)}\`` : null,
    meta.pr !== undefined && meta.pr !== null ? `PR #${md(String(meta.pr))}` : null,
    `trigger ${run.trigger}`,
    `suite run \`${run.id}\``,
  ].filter(Boolean);
  out.push(`<sub>${facts.join(" · ")}</sub>`, "");
  return out.join("\n");
}

function more(out: string[], total: number, shown = Math.min(total, LIST_CAP)) {
  if (total > shown) out.push("", `…and ${total - shown} more: see the run.`);
  out.push("");
}

const scenario = (r: ComparePair | RunSummary) => md(r.scenario_name ?? r.scenario_id);
const target = (r: ComparePair | RunSummary) => md(r.target_name ?? r.target_id);

/** Make user text inert in a Markdown table cell: no pipes, tags, links or line breaks. */
export function md(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_[\]|<>]/g, (c) => `\\${c}`)
    .slice(0, 200);
}

export const pct = (x: number) => `${(Math.round(x * 1000) / 10).toString()}%`;

function points(delta: number): string {
  const value = Math.round(delta * 1000) / 10;
  if (value === 0) return "±0 pts";
  return `${value > 0 ? "▲ +" : "▼ "}${value} pts`;
}

function duration(ms: number | null): string {
  if (ms === null) return "–";
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m ${s % 60}s`;
}
