import { getSql } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { requireSuiteRun } from "./read";
import { suiteRunJson } from "./json";

type ExportRow = {
  id: string;
  scenario_id: string;
  scenario_name: string | null;
  target_id: string;
  target_name: string | null;
  repeat_index: number;
  status: string;
  latency_ms: number | null;
  error_code: string | null;
  error_message: string | null;
  output: unknown;
  cost_usd: number | null;
  results:
    | {
        scorer: string;
        name: string;
        passed: boolean;
        score: number;
        threshold: number;
        reason: string;
        scorer_output: unknown;
        duration_ms: number;
      }[]
    | null;
};

// GET /api/v1/suite-runs/{id}/export?format=csv|json|junit
export async function exportSuiteRun({
  ctx,
  id,
  format,
}: {
  ctx: Ctx;
  id: string;
  format: "csv" | "json" | "junit";
}): Promise<Response> {
  const row = await requireSuiteRun(ctx, id);
  const sql = getSql();
  const runs = await sql<ExportRow[]>`
    select r.id, r.scenario_id, sc.name as scenario_name, r.target_id, t.name as target_name, r.repeat_index, r.status, r.latency_ms,
      r.error_code, r.error_message, r.output, r.cost_usd,
      (select json_agg(json_build_object('scorer', x.scorer, 'name', x.name, 'passed', x.passed, 'score', x.score, 'threshold', x.threshold,
        'reason', x.reason, 'scorer_output', x.scorer_output, 'duration_ms', x.duration_ms) order by x.scorer_index) from results x where x.run_id = r.id) as results
    from runs r left join scenarios sc on sc.id = r.scenario_id left join targets t on t.id = r.target_id
    where r.suite_run_id = ${row.id} order by r.id`;
  const suiteRun = suiteRunJson(row);
  const base = `assay-${row.id}`;
  if (format === "json") {
    return file(
      JSON.stringify(
        { ...suiteRun, runs: runs.map((r) => ({ ...r, results: r.results ?? [] })) },
        null,
        2,
      ),
      "application/json",
      `${base}.json`,
    );
  }
  if (format === "csv") {
    const header = [
      "run_id",
      "scenario_id",
      "scenario_name",
      "target_id",
      "target_name",
      "repeat_index",
      "status",
      "latency_ms",
      "cost_usd",
      "error_code",
      "error_message",
      "failed_scorers",
      "output",
    ];
    const lines = [header.join(",")];
    for (const r of runs) {
      const failed = (r.results ?? [])
        .filter((x) => !x.passed)
        .map((x) => `${x.name}: ${x.reason}`)
        .join("; ");
      lines.push(
        [
          r.id,
          r.scenario_id,
          r.scenario_name,
          r.target_id,
          r.target_name,
          r.repeat_index,
          r.status,
          r.latency_ms,
          r.cost_usd,
          r.error_code,
          r.error_message,
          failed,
          typeof r.output === "string"
            ? r.output
            : r.output === null
              ? ""
              : JSON.stringify(r.output),
        ]
          .map(csvCell)
          .join(","),
      );
    }
    return file(lines.join("\r\n") + "\r\n", "text/csv; charset=utf-8", `${base}.csv`);
  }
  return file(junit(suiteRun, runs), "application/xml; charset=utf-8", `${base}.xml`);
}

function junit(suiteRun: ReturnType<typeof suiteRunJson>, runs: ExportRow[]): string {
  const byTarget = new Map<string, ExportRow[]>();
  for (const r of runs) byTarget.set(r.target_id, [...(byTarget.get(r.target_id) ?? []), r]);
  const suites = [...byTarget.values()].map((rows) => {
    const failures = rows.filter((r) => r.status === "failed").length;
    const errors = rows.filter((r) => r.status === "error").length;
    const skipped = rows.filter(
      (r) => r.status === "cancelled" || r.status === "queued" || r.status === "running",
    ).length;
    const time = rows.reduce((s, r) => s + (r.latency_ms ?? 0), 0) / 1000;
    const cases = rows.map((r) => {
      const name = `${r.scenario_name ?? r.scenario_id} (repeat ${r.repeat_index})`;
      let body = "";
      if (r.status === "failed") {
        const reasons = (r.results ?? [])
          .filter((x) => !x.passed)
          .map((x) => `${x.name}: ${x.reason}`)
          .join("\n");
        body = `<failure message="${xml(reasons.split("\n")[0] ?? "failed")}" type="assertion">${xml(reasons)}</failure>`;
      } else if (r.status === "error") {
        body = `<error message="${xml(r.error_message ?? r.error_code ?? "error")}" type="${xml(r.error_code ?? "error")}">${xml(r.error_message ?? "")}</error>`;
      } else if (r.status !== "passed") body = `<skipped message="${xml(r.status)}"/>`;
      return `    <testcase name="${xml(name)}" classname="${xml(r.target_name ?? r.target_id)}" time="${((r.latency_ms ?? 0) / 1000).toFixed(3)}">${body}</testcase>`;
    });
    const targetName = rows[0].target_name ?? rows[0].target_id;
    return `  <testsuite name="${xml(`${suiteRun.suite_name ?? "batch"} / ${targetName}`)}" tests="${rows.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time.toFixed(3)}" timestamp="${suiteRun.created_at}">\n${cases.join("\n")}\n  </testsuite>`;
  });
  const totals = {
    tests: runs.length,
    failures: suiteRun.failed_count,
    errors: suiteRun.errored_count,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="${xml(suiteRun.suite_name ?? "batch")}" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}">\n${suites.join("\n")}\n</testsuites>\n`;
}

// XML 1.0 forbids most control characters, even escaped: drop them.
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const xml = (s: string) =>
  s
    .replace(XML_FORBIDDEN, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function file(body: string, type: string, name: string): Response {
  return new Response(body, {
    headers: { "content-type": type, "content-disposition": `attachment; filename="${name}"` },
  });
}
