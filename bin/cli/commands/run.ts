import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { detectTrigger } from "../ci";
import { usageError, type ExitCode } from "../errors";
import type { ApiClient } from "../http";
import {
  clientFor,
  collect,
  EXIT_CODES_HELP,
  positiveInt,
  waitFor,
  withReportOptions,
  type WaitOptions,
} from "../options";
import { report } from "../report";
import type { SuiteRun } from "../types";

type RunOptions = WaitOptions & {
  target?: string[];
  repeat?: number;
  wait?: boolean;
  idempotencyKey?: string;
};

export function registerRun(program: Command) {
  withReportOptions(
    program
      .command("run")
      .description(
        "Run a suite against its targets; with --wait, follow it and exit with the gate's verdict",
      )
      .argument("<suite>", "suite slug or id")
      .option(
        "--target <id-or-name>",
        "run only this target (repeatable, or comma-separated)",
        collect,
      )
      .option(
        "--repeat <n>",
        "repeat each case n times instead of the suite's repeat count",
        positiveInt(100),
      )
      .option(
        "--wait",
        "follow the run until it finishes; implied by --threshold, --junit and --summary-md",
      )
      .option(
        "--idempotency-key <key>",
        "a retried command with the same key starts no second run (default: random per invocation)",
      ),
  )
    .addHelpText(
      "after",
      `
Examples:
  $ assay run checkout-bot --wait
  $ assay run checkout-bot --target staging --repeat 3 --threshold 0.9 --junit assay.xml --summary-md "$GITHUB_STEP_SUMMARY"
${EXIT_CODES_HELP}`,
    )
    .action(async (suite: string, opts: RunOptions, command: Command) => {
      process.exitCode = await runSuite(clientFor(command), suite, opts);
    });
}

async function runSuite(client: ApiClient, suite: string, opts: RunOptions): Promise<ExitCode> {
  const { trigger, meta } = detectTrigger();
  const notFound = `Suite "${suite}" not found in this API key's project`;
  const targetIds = opts.target?.length
    ? await resolveTargets(client, suite, opts.target, notFound)
    : undefined;
  const idempotencyKey = opts.idempotencyKey ?? `cli-${randomUUID()}`;
  const created = await client.json<SuiteRun & { items: unknown[] }>(
    "POST",
    `/api/v1/suites/${encodeURIComponent(suite)}/runs`,
    {
      body: {
        ...(targetIds ? { target_ids: targetIds } : {}),
        ...(opts.repeat ? { repeat_count: opts.repeat } : {}),
        trigger,
        trigger_meta: meta,
      },
      headers: { "idempotency-key": idempotencyKey },
      retry: true, // the key makes a retried POST safe
      notFound,
    },
  );
  const wait = opts.wait || opts.threshold !== undefined || !!opts.junit || !!opts.summaryMd;
  if (!wait) {
    const { items: _items, ...run } = created;
    if (opts.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    else
      process.stdout.write(
        `Started ${run.suite_name ?? suite} (${run.total_runs} runs): ${run.id}\n  ${run.url}\n  Follow it with: assay status ${run.id} --wait\n`,
      );
    return 0;
  }
  const final = await waitFor(client, created, opts);
  return report(client, final, opts);
}

/** Target ids pass through; names are looked up among the suite's targets. */
async function resolveTargets(
  client: ApiClient,
  suite: string,
  wanted: string[],
  notFound: string,
) {
  if (wanted.every((t) => /^tgt_[0-9a-z]{26}$/.test(t))) return wanted;
  const detail = await client.json<{ targets: { id: string; name: string }[] }>(
    "GET",
    `/api/v1/suites/${encodeURIComponent(suite)}`,
    { notFound },
  );
  return wanted.map((w) => {
    const hit =
      detail.targets.find((t) => t.id === w) ??
      detail.targets.find((t) => t.name.toLowerCase() === w.toLowerCase());
    if (!hit)
      throw usageError(
        `Target "${w}" is not part of suite "${suite}". Its targets: ${detail.targets.map((t) => t.name).join(", ") || "none"}`,
      );
    return hit.id;
  });
}
