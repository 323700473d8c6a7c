import { EXIT, type ExitCode } from "./errors";
import type { SuiteRun } from "./types";

export type Verdict = {
  status: "passed" | "failed" | "error" | "cancelled";
  exitCode: ExitCode;
  threshold: number;
  /** passed / (total − cancelled), as the server computes it. */
  passRate: number;
  /** True when --threshold replaced the suite's own gate. */
  overridden: boolean;
};

const EXIT_OF = {
  passed: EXIT.passed,
  failed: EXIT.failed,
  error: EXIT.error,
  cancelled: EXIT.error,
} as const;

/**
 * The gate of a finished suite run. Without `threshold` the server's verdict stands. With it, the
 * same rule is applied client-side: failed if the gate fails even counting every errored run as
 * passed, error if the outcome depends on errored runs, passed otherwise. Cancelled is no verdict.
 */
export function verdictOf(run: SuiteRun, threshold?: number): Verdict {
  const judged = run.total_runs - run.cancelled_count;
  const passRate = judged > 0 ? run.passed_count / judged : 0;
  const base = {
    threshold: threshold ?? run.gate.threshold,
    passRate,
    overridden: threshold !== undefined,
  };
  if (run.status === "cancelled") return { ...base, status: "cancelled", exitCode: EXIT.error };
  if (threshold === undefined) {
    const status = run.status === "passed" || run.status === "failed" ? run.status : "error";
    return { ...base, status, exitCode: EXIT_OF[status] };
  }
  const below = (count: number) => judged <= 0 || count / judged + 1e-12 < threshold;
  const status = below(run.passed_count + run.errored_count)
    ? "failed"
    : below(run.passed_count)
      ? "error"
      : "passed";
  return { ...base, status, exitCode: EXIT_OF[status] };
}

/** "0.9", "90%" or "90" → 0.9. */
export function parseThreshold(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)(%)?$/.exec(text.trim());
  if (!match) return null;
  let value = Number(match[1]);
  if (match[2] || value > 1) value /= 100;
  return value >= 0 && value <= 1 ? value : null;
}
