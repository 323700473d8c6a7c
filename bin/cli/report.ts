import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { CliError, EXIT, type ExitCode } from "./errors";
import { verdictOf, type Verdict } from "./gate";
import type { ApiClient } from "./http";
import { elapsed } from "./progress";
import { pct, renderSummary } from "./summary";
import type { Compare, RunSummary, SuiteRun } from "./types";

export type ReportOptions = {
  threshold?: number;
  junit?: string;
  summaryMd?: string;
  /** true, or the number of days the link lives. */
  share?: boolean | number;
  json?: boolean;
};

const MARK = { passed: "✔ PASSED", failed: "✘ FAILED", error: "⚠ ERROR", cancelled: "■ CANCELLED" };

/**
 * Everything after a suite run is terminal: the verdict (with --threshold), the share link, the
 * JUnit file and the Markdown summary, then the result on stdout. Returns the exit code.
 */
export async function report(
  client: ApiClient,
  run: SuiteRun,
  opts: ReportOptions,
): Promise<ExitCode> {
  const verdict = verdictOf(run, opts.threshold);
  const path = (id: string, rest = "") => `/api/v1/suite-runs/${encodeURIComponent(id)}${rest}`;

  let shareUrl: string | undefined;
  if (opts.share) {
    const link = await client.json<{ url: string }>("POST", path(run.id, "/share"), {
      body: typeof opts.share === "number" ? { expires_in_days: opts.share } : {},
    });
    shareUrl = link.url;
  }

  if (opts.junit) {
    const xml = await client.text("GET", path(run.id, "/export"), { query: { format: "junit" } });
    writeOut(opts.junit, xml);
  }

  if (opts.summaryMd) {
    const compare = await client
      .json<Compare>("GET", path(run.id, "/compare"))
      .catch((error: unknown) => {
        // 400: no earlier finished run of this suite to compare with
        if (error instanceof CliError && error.exitCode === EXIT.usage) return null;
        throw error;
      });
    const failing =
      run.failed_count + run.errored_count > 0
        ? (
            await client.json<{ data: RunSummary[] }>("GET", path(run.id, "/runs"), {
              query: { status: "failed,error", limit: 50 },
            })
          ).data
        : [];
    const markdown = renderSummary({
      run,
      verdict,
      compare,
      failing,
      failingTotal: run.failed_count + run.errored_count,
      shareUrl,
    });
    // $GITHUB_STEP_SUMMARY is shared by the job's steps: append to it, never clobber.
    const append =
      !!process.env.GITHUB_STEP_SUMMARY &&
      resolve(opts.summaryMd) === resolve(process.env.GITHUB_STEP_SUMMARY);
    writeOut(opts.summaryMd, markdown, append);
  }

  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify(
        {
          verdict: verdict.status,
          exit_code: verdict.exitCode,
          threshold: verdict.threshold,
          pass_rate: verdict.passRate,
          suite_run: run,
          share_url: shareUrl ?? null,
        },
        null,
        2,
      )}\n`,
    );
  } else {
    process.stdout.write(humanReport(run, verdict, shareUrl, opts));
  }
  return verdict.exitCode;
}

function humanReport(
  run: SuiteRun,
  verdict: Verdict,
  shareUrl: string | undefined,
  opts: ReportOptions,
) {
  const judged = run.total_runs - run.cancelled_count;
  const lines = [
    `${MARK[verdict.status]}  ${run.suite_name ?? "batch"}: ${pct(verdict.passRate)} passed (${run.passed_count}/${judged}) · gate ≥ ${pct(verdict.threshold)}${verdict.overridden ? " (--threshold)" : ""}`,
    `  ${run.passed_count} passed · ${run.failed_count} failed · ${run.errored_count} errored · ${run.cancelled_count} cancelled${run.duration_ms !== null ? ` · ${elapsed(run.duration_ms)}` : ""}`,
    `  ${run.url}`,
  ];
  if (verdict.status === "error" && run.status !== "cancelled")
    lines.push(
      "  The verdict depends on errored runs (target or infrastructure failures): fix them and resubmit.",
    );
  if (shareUrl) lines.push(`  Shared report: ${shareUrl}`);
  if (opts.junit) lines.push(`  JUnit report: ${opts.junit}`);
  if (opts.summaryMd) lines.push(`  Summary: ${opts.summaryMd}`);
  return `${lines.join("\n")}\n`;
}

function writeOut(file: string, text: string, append = false) {
  try {
    mkdirSync(dirname(resolve(file)), { recursive: true });
    if (append) appendFileSync(file, text);
    else writeFileSync(file, text);
  } catch (error) {
    throw new CliError(`Cannot write ${file}: ${(error as Error).message}`, EXIT.error);
  }
}
