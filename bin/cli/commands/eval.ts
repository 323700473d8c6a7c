import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { detectTrigger } from "../ci";
import { usageError, type ExitCode } from "../errors";
import type { ApiClient } from "../http";
import {
  clientFor,
  EXIT_CODES_HELP,
  waitFor,
  withReportOptions,
  type WaitOptions,
} from "../options";
import { report } from "../report";
import type { SuiteRun } from "../types";

type EvalOptions = WaitOptions & {
  outputFile: string;
  inputFile?: string;
  format?: "text" | "json";
  idempotencyKey?: string;
};

type EvalScore = {
  case: string;
  passed: boolean;
  score: number;
  threshold: number;
  reason: string;
};
type EvalResponse = {
  id: string;
  status: string;
  failures?: EvalScore[];
};

export function registerEval(program: Command) {
  withReportOptions(
    program
      .command("eval")
      .description(
        "Score an output you already have against every case of a suite (no target is called)",
      )
      .argument("<suite>", "suite slug or id")
      .requiredOption("--output-file <file>", 'the output to score ("-" for stdin)')
      .option("--input-file <file>", "the input that produced it, for scorers that compare with it")
      .addOption(
        new Option(
          "--format <format>",
          "how to read the files (default: json for *.json, else text)",
        ).choices(["text", "json"]),
      )
      .option("--idempotency-key <key>", "a retried command with the same key scores once"),
  )
    .addHelpText(
      "after",
      `
Example:
  $ my-agent "Where is my refund?" > answer.txt
  $ assay eval refund-policy --output-file answer.txt --junit assay.xml
${EXIT_CODES_HELP.replace("(with --wait)", "")}`,
    )
    .action(async (suite: string, opts: EvalOptions, command: Command) => {
      process.exitCode = await evaluate(clientFor(command), suite, opts);
    });
}

async function evaluate(client: ApiClient, suite: string, opts: EvalOptions): Promise<ExitCode> {
  const output = readValue(opts.outputFile, opts.format);
  const input = opts.inputFile ? readValue(opts.inputFile, opts.format) : undefined;
  const { trigger, meta } = detectTrigger();
  const result = await client.json<EvalResponse>("POST", "/api/v1/run", {
    body: { suite, output, ...(input !== undefined ? { input } : {}), trigger, trigger_meta: meta },
    headers: { "idempotency-key": opts.idempotencyKey ?? `cli-${randomUUID()}` },
    retry: true,
    notFound: `Suite "${suite}" not found in this API key's project`,
  });
  const path = `/api/v1/suite-runs/${encodeURIComponent(result.id)}`;
  let run = await client.json<SuiteRun>("GET", path);
  // 202: scoring took longer than the server waits synchronously; follow it like a run.
  if (!["passed", "failed", "error", "cancelled"].includes(run.status))
    run = await waitFor(client, run, opts);
  if (!opts.quiet && result.failures?.length) {
    process.stderr.write(`Failing cases (${result.failures.length}):\n`);
    for (const f of result.failures.slice(0, 20))
      process.stderr.write(
        `  ✘ ${f.case}: score ${f.score} < ${f.threshold}${f.reason ? ` (${f.reason})` : ""}\n`,
      );
  }
  return report(client, run, opts);
}

function readValue(file: string, format: EvalOptions["format"]): unknown {
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    throw usageError(`Cannot read ${file}: ${(error as Error).message}`);
  }
  if ((format ?? (file.endsWith(".json") ? "json" : "text")) === "text") return text;
  try {
    return JSON.parse(text);
  } catch {
    throw usageError(`${file} is not valid JSON (use --format text to send it as text)`);
  }
}
