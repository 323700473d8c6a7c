import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { isId } from "@/lib/ids";
import { notFound } from "@/lib/errors";
import type { ScenarioRow } from "@/lib/scenarios/repo";
import { findSuite } from "@/lib/suites/repo";
import { SLUG } from "@/lib/suites/schemas";
import { csvLine, joinList } from "./csv";
import { SCORER_COLUMNS } from "./csv-columns";
import { looseText } from "./looks";
import { suiteScenarioRows } from "./repo";

type Cells = Map<string, string>;

/** Turns or tags a `|` list gives back unchanged. */
const listable = (values: string[]) =>
  values.every((value) => value !== "" && value.trim() === value);

/** The row's scorers as scorer columns, or null when only scorers_json can hold them exactly. */
function scorerCells(s: ScenarioRow): Cells | null {
  const cells: Cells = new Map();
  let lastColumn = -1;
  for (const spec of s.scorers) {
    const index = SCORER_COLUMNS.findIndex(
      (column, i) => i > lastColumn && column.write(spec) !== null,
    );
    if (index === -1) return null;
    const cell = SCORER_COLUMNS[index].write(spec)!;
    // An empty exact_match cell means "equals expected_output": only when there is one.
    if (cell === "" && s.expectedOutput == null) return null;
    cells.set(SCORER_COLUMNS[index].column, cell);
    lastColumn = index;
  }
  return cells;
}

/** Every field of one scenario as CSV cells, choosing the `_json` columns where text would not round-trip. */
function rowCells(s: ScenarioRow): { cells: Cells; scorers: Cells | null } {
  const cells: Cells = new Map([
    ["name", s.name],
    ["description", s.description ?? ""],
    ["tags", joinList(s.tags)],
  ]);
  const input = s.input ?? null;
  const inputText = input === "" ? "" : looseText(input);
  if (inputText === null) cells.set("input_json", JSON.stringify(input));
  else cells.set("input", inputText);
  if (s.expectedOutput != null) {
    const expected = looseText(s.expectedOutput);
    if (expected === null) cells.set("expected_output_json", JSON.stringify(s.expectedOutput));
    else cells.set("expected_output", expected);
  }
  if (s.turns) {
    if (listable(s.turns)) cells.set("turns", joinList(s.turns));
    else cells.set("turns_json", JSON.stringify(s.turns));
  }
  if (s.simulation) cells.set("simulation_json", JSON.stringify(s.simulation));
  return { cells, scorers: scorerCells(s) };
}

/** CSV with the columns import reads (docs/import.md): export then import gives the same scenarios. */
export function scenariosToCsv(rows: ScenarioRow[]): string {
  const planned = rows.map((s) => ({ s, ...rowCells(s) }));
  const usesExact = planned.some((p) => p.scorers?.has("exact_match"));
  for (const p of planned) {
    // With an exact_match column, an empty cell would add exact_match to a row with expected_output.
    if (usesExact && p.scorers && !p.scorers.has("exact_match") && p.s.expectedOutput != null) {
      p.scorers = null;
    }
    if (!p.scorers) p.cells.set("scorers_json", JSON.stringify(p.s.scorers));
    else for (const [column, cell] of p.scorers) p.cells.set(column, cell);
  }
  const used = new Set(planned.flatMap((p) => [...p.cells.keys()]));
  const header = [
    "name",
    "description",
    "tags",
    "input",
    "expected_output",
    ...["input_json", "expected_output_json", "turns", "turns_json", "simulation_json"].filter(
      (column) => used.has(column),
    ),
    ...(used.has("scorers_json") ? ["scorers_json"] : []),
    ...SCORER_COLUMNS.map((c) => c.column).filter((column) => used.has(column)),
  ];
  if (!header.includes("scorers_json") && !SCORER_COLUMNS.some((c) => used.has(c.column))) {
    header.push("contains"); // an empty suite still exports a header import accepts
  }
  const lines = [csvLine(header)];
  for (const p of planned) lines.push(csvLine(header.map((column) => p.cells.get(column) ?? "")));
  // A byte-order mark so Excel reads the file as UTF-8; import accepts it.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** One scenario per line in the API's create shape (null fields left out). */
export function scenariosToJsonl(rows: ScenarioRow[]): string {
  return rows
    .map((s) =>
      JSON.stringify({
        name: s.name,
        ...(s.description !== null ? { description: s.description } : {}),
        tags: s.tags,
        input: s.input ?? null,
        ...(s.turns ? { turns: s.turns } : {}),
        ...(s.simulation ? { simulation: s.simulation } : {}),
        ...(s.expectedOutput != null ? { expected_output: s.expectedOutput } : {}),
        scorers: s.scorers,
      }),
    )
    .map((line) => `${line}\n`)
    .join("");
}

// GET /api/v1/suites/{id}/scenarios/export?format=csv|jsonl — the suite's active scenarios, in order
export async function exportSuiteScenarios({
  ctx,
  idOrSlug,
  format,
}: {
  ctx: Ctx;
  idOrSlug: string;
  format: "csv" | "jsonl";
}): Promise<Response> {
  const db = getDb();
  let suite = null;
  if (isId("suite", idOrSlug))
    suite = await findSuite(db, { projectId: ctx.projectId, id: idOrSlug });
  else if (SLUG.test(idOrSlug))
    suite = await findSuite(db, { projectId: ctx.projectId, slug: idOrSlug });
  if (!suite) throw notFound("Suite");
  const rows = await suiteScenarioRows(db, { projectId: ctx.projectId, suiteId: suite.id });
  const body = format === "csv" ? scenariosToCsv(rows) : scenariosToJsonl(rows);
  return new Response(body, {
    headers: {
      "content-type":
        format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
      "content-disposition": `attachment; filename="${suite.slug}-scenarios.${format}"`,
    },
  });
}
