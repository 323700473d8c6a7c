import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import { EXIT, type ExitCode } from "../errors";
import type { ApiClient } from "../http";
import {
  clientFor,
  EXIT_CODES_HELP,
  waitFor,
  withReportOptions,
  type WaitOptions,
} from "../options";
import { report } from "../report";
import { TERMINAL, type SuiteRun } from "../types";

const runPath = (id: string, rest = "") => `/api/v1/suite-runs/${encodeURIComponent(id)}${rest}`;
const notFound = (id: string) => `Suite run "${id}" not found in this API key's project`;

type StatusOptions = WaitOptions & { wait?: boolean; exitCode?: boolean };

export function registerSuiteRunCommands(program: Command) {
  withReportOptions(
    program
      .command("status")
      .description("Show a suite run: progress while it runs, the verdict once it has finished")
      .argument("<suite-run>", "suite run id (srun_…)")
      .option("--wait", "follow it until it finishes and exit with the gate's verdict")
      .option(
        "--exit-code",
        "exit with the gate's verdict (0/1/2) instead of 0 when it has finished",
      ),
  )
    .addHelpText("after", EXIT_CODES_HELP.replace("(with --wait)", "(with --wait or --exit-code)"))
    .action(async (id: string, opts: StatusOptions, command: Command) => {
      process.exitCode = await status(clientFor(command), id, opts);
    });

  withReportOptions(
    program
      .command("resubmit")
      .description("Re-run the failed and errored runs of a finished suite run as a new suite run")
      .argument("<suite-run>", "suite run id (srun_…)")
      .option("--wait", "follow the new run until it finishes and exit with its verdict")
      .option("--idempotency-key <key>", "a retried command with the same key resubmits once"),
  )
    .addHelpText("after", EXIT_CODES_HELP)
    .action(
      async (id: string, opts: StatusOptions & { idempotencyKey?: string }, command: Command) => {
        process.exitCode = await resubmit(clientFor(command), id, opts);
      },
    );

  program
    .command("open")
    .description("Print a suite run's URL and open it in a browser when there is one")
    .argument("<suite-run>", "suite run id (srun_…)")
    .option("--no-browser", "only print the URL")
    .action(async (id: string, opts: { browser: boolean }, command: Command) => {
      const run = await clientFor(command).json<SuiteRun>("GET", runPath(id), {
        notFound: notFound(id),
      });
      process.stdout.write(`${run.url}\n`);
      if (opts.browser) openBrowser(run.url);
    });
}

async function status(client: ApiClient, id: string, opts: StatusOptions): Promise<ExitCode> {
  let run = await client.json<SuiteRun>("GET", runPath(id), { notFound: notFound(id) });
  if (!TERMINAL.has(run.status) && !opts.wait) {
    if (opts.json) process.stdout.write(`${JSON.stringify(run, null, 2)}\n`);
    else {
      const done = run.total_runs - run.pending_count;
      process.stdout.write(
        `${run.status.toUpperCase()}  ${run.suite_name ?? "batch"}: ${done}/${run.total_runs} done · ${run.passed_count} passed · ${run.failed_count} failed · ${run.errored_count} errored\n  ${run.url}\n`,
      );
    }
    return EXIT.passed;
  }
  if (!TERMINAL.has(run.status)) run = await waitFor(client, run, opts);
  const code = await report(client, run, opts);
  return opts.wait || opts.exitCode ? code : EXIT.passed;
}

async function resubmit(
  client: ApiClient,
  id: string,
  opts: StatusOptions & { idempotencyKey?: string },
): Promise<ExitCode> {
  const created = await client.json<SuiteRun>("POST", runPath(id, "/resubmit"), {
    headers: { "idempotency-key": opts.idempotencyKey ?? `cli-${randomUUID()}` },
    retry: true,
    notFound: notFound(id),
  });
  const wait = opts.wait || opts.threshold !== undefined || !!opts.junit || !!opts.summaryMd;
  if (!wait) {
    if (opts.json) process.stdout.write(`${JSON.stringify(created, null, 2)}\n`);
    else
      process.stdout.write(
        `Resubmitted ${id} as ${created.id} (${created.total_runs} runs)\n  ${created.url}\n`,
      );
    return EXIT.passed;
  }
  return report(client, await waitFor(client, created, opts), opts);
}

/** Best effort: a machine without a browser (CI, a server) just gets the printed URL. */
function openBrowser(url: string) {
  if (process.env.CI && !["false", "0"].includes(process.env.CI)) return;
  const [command, args] =
    process.platform === "darwin"
      ? ["open", [url]]
      : process.platform === "win32"
        ? ["cmd", ["/c", "start", "", url]]
        : ["xdg-open", [url]];
  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  try {
    const child = spawn(command, args as string[], { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    /* no opener: the URL is printed */
  }
}
