import { InvalidArgumentError, type Command } from "commander";
import { loadConfig } from "./config";
import { followSuiteRun } from "./follow";
import { parseThreshold } from "./gate";
import { ApiClient } from "./http";
import { ProgressReporter } from "./progress";
import type { ReportOptions } from "./report";
import type { SuiteRun } from "./types";

export type WaitOptions = ReportOptions & { quiet?: boolean; timeout: number };

export const EXIT_CODES_HELP = `
Exit codes (with --wait):
  0  the gate passed
  1  the gate failed: the agent was judged and fell short
  2  no verdict: the outcome depends on errored runs (target or infrastructure failures),
     the run was cancelled, the wait timed out, or the server could not be reached
  3  usage: bad arguments, missing or rejected ASSAY_API_KEY, unknown suite or run

Environment:
  ASSAY_URL      the Assay server, e.g. https://assay.example.com (or --url)
  ASSAY_API_KEY  a project API key (scope "run"; "read" is enough for status and open)`;

/** The options every command that ends with a verdict shares. */
export function withReportOptions(command: Command): Command {
  return command
    .option(
      "--threshold <rate>",
      "gate on this pass rate instead of the suite's (0.9 or 90%)",
      threshold,
    )
    .option("--junit <file>", "write a JUnit XML report (for CI test reporters)")
    .option(
      "--summary-md <file>",
      "write a Markdown summary (fit for $GITHUB_STEP_SUMMARY or a PR comment)",
    )
    .option(
      "--share [days]",
      "create a read-only share link for the report (optionally expiring after days)",
      shareDays,
    )
    .option("--json", "print the result as JSON on stdout")
    .option("-q, --quiet", "no progress output")
    .option(
      "--timeout <minutes>",
      "stop waiting after this long (exit 2; the run goes on)",
      minutes,
      60,
    );
}

export function clientFor(command: Command): ApiClient {
  const globals = command.optsWithGlobals<{ url?: string }>();
  return new ApiClient(loadConfig({ url: globals.url }));
}

export async function waitFor(
  client: ApiClient,
  run: Pick<SuiteRun, "id" | "suite_name" | "url">,
  opts: WaitOptions,
) {
  const progress = new ProgressReporter(run.suite_name ?? run.id, process.stderr, {
    quiet: opts.quiet,
  });
  if (!opts.quiet) process.stderr.write(`Following ${run.id}: ${run.url}\n`);
  const onInterrupt = () => {
    process.stderr.write(`\nStopped waiting; the run goes on: ${run.url}\n`);
    process.exit(130);
  };
  process.once("SIGINT", onInterrupt);
  try {
    const final = await followSuiteRun(client, run.id, {
      onProgress: (p) => progress.update(p),
      timeoutMs: opts.timeout * 60_000,
    });
    progress.done();
    return final;
  } finally {
    process.off("SIGINT", onInterrupt);
  }
}

export function threshold(value: string): number {
  const parsed = parseThreshold(value);
  if (parsed === null) throw new InvalidArgumentError("expected a pass rate such as 0.9 or 90%");
  return parsed;
}

export function positiveInt(max: number) {
  return (value: string) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < 1 || n > max)
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}`);
    return n;
  };
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError("expected a number of minutes");
  return n;
}

function shareDays(value: string | undefined): boolean | number {
  if (value === undefined) return true;
  return positiveInt(365)(value);
}

export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(",")
      .map((v) => v.trim())
      .filter(Boolean),
  ];
}
