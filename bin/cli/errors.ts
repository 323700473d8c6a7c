/** Exit codes: what a CI step needs to tell apart. */
export const EXIT = {
  /** The gate passed (or the command did what was asked). */
  passed: 0,
  /** The gate failed: the agent was judged and fell short. */
  failed: 1,
  /** No verdict: errored runs decide the gate, a cancelled run, a timeout, the server or network failed. */
  error: 2,
  /** The command was wrong: bad arguments, missing or rejected API key, unknown suite or run. */
  usage: 3,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = "CliError";
  }
}

export const usageError = (message: string) => new CliError(message, EXIT.usage);
