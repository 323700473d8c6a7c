import { zodFieldErrors } from "@/lib/http/validation";
import { createScenarioInput } from "@/lib/scenarios/schemas";
import { scenarioErrors } from "@/lib/scenarios/rules";
import type { ScenarioValues } from "@/lib/scenarios/repo";
import { validateScorerConfig, type ConfigProblem, type ScorerSpec } from "@/lib/scorers";
import { rowError } from "./errors";
import { jsonBytes, mayExceed } from "./looks";
import { MAX_CELL_BYTES, type Draft, type RowError } from "./types";

/** A row that passed every check, ready to insert. */
export type ValidRow = { row: number; line?: number; values: ScenarioValues };

/**
 * Scorer config checks compile regexes: identical regex scorers (the same pattern on every row) are
 * checked once per import. (JSON Schemas have their own compile cache in the scorer.)
 */
function scorerChecker() {
  const cache = new Map<string, ConfigProblem[]>();
  return (spec: ScorerSpec): ConfigProblem[] => {
    if (spec.type !== "regex") return validateScorerConfig(spec);
    const key = JSON.stringify(spec);
    let problems = cache.get(key);
    if (!problems) {
      problems = validateScorerConfig(spec);
      cache.set(key, problems);
    }
    return problems;
  };
}

/** `scorers.2.config.pattern` → the CSV column or promptfoo assertion the scorer came from. */
function locate(draft: Draft, path: string, message: string): { field: string; message: string } {
  const match = /^scorers\.(\d+)(?:\.(.+))?$/.exec(path);
  const source = match && draft.scorerSources?.[Number(match[1])];
  if (!source) return { field: path, message };
  return { field: source, message: match[2] ? `${match[2]}: ${message}` : message };
}

/** The API's own rules for one scenario: the create schema, then each scorer's config. */
function validateDraft(draft: Draft, checkScorer: ReturnType<typeof scorerChecker>) {
  const errors: RowError[] = [];
  const add = (path: string, message: string, code: string) => {
    const where = locate(draft, path, message);
    errors.push(rowError(draft.row, draft.line, where.field, where.message, code));
  };
  for (const [field, value] of Object.entries(draft.scenario)) {
    if (!mayExceed(value, MAX_CELL_BYTES)) continue;
    const bytes = jsonBytes(value);
    if (bytes > MAX_CELL_BYTES) {
      const size = (bytes / (1024 * 1024)).toFixed(1);
      add(field, `is ${size} MB; one field may hold at most 1 MB`, "too_big");
    }
  }
  if (errors.length > 0) return { errors };
  const parsed = createScenarioInput.safeParse(draft.scenario);
  if (!parsed.success) {
    for (const e of zodFieldErrors(parsed.error)) add(e.field, e.message, e.code);
    return { errors };
  }
  const input = parsed.data;
  const rules = scenarioErrors(
    {
      scorers: input.scorers,
      turns: input.turns,
      simulation: input.simulation,
      expectedOutput: input.expected_output,
    },
    { turns: true },
    checkScorer,
  );
  for (const e of rules) add(e.field, e.message, e.code);
  if (errors.length > 0) return { errors };
  const values: ScenarioValues = {
    name: input.name,
    description: input.description ?? null,
    tags: input.tags,
    input: input.input,
    turns: input.turns ?? null,
    simulation: input.simulation ?? null,
    expectedOutput: input.expected_output ?? null,
    scorers: input.scorers,
  };
  return { errors, values };
}

/** Validate every row; the valid ones come back in file order. */
export function validateDrafts(drafts: Draft[]): { valid: ValidRow[]; errors: RowError[] } {
  const checkScorer = scorerChecker();
  const valid: ValidRow[] = [];
  const errors: RowError[] = [];
  for (const draft of drafts) {
    if (draft.errors.length > 0) {
      errors.push(...draft.errors);
      continue;
    }
    const result = validateDraft(draft, checkScorer);
    if (result.values) valid.push({ row: draft.row, line: draft.line, values: result.values });
    else errors.push(...result.errors);
  }
  return { valid, errors };
}

/**
 * Names must be unique within the file (later rows are the duplicates) and, when importing into a
 * suite, must not already name one of its active scenarios.
 */
export function nameErrors(
  rows: ValidRow[],
  existing: { names: Set<string>; suiteName: string } | null,
): RowError[] {
  const errors: RowError[] = [];
  const firstRow = new Map<string, number>();
  for (const { row, line, values } of rows) {
    const earlier = firstRow.get(values.name);
    if (earlier !== undefined) {
      errors.push(
        rowError(
          row,
          line,
          "name",
          `"${values.name}" is also the name of row ${earlier}`,
          "duplicate",
        ),
      );
      continue;
    }
    firstRow.set(values.name, row);
    if (existing?.names.has(values.name)) {
      errors.push(
        rowError(
          row,
          line,
          "name",
          `suite "${existing.suiteName}" already has a scenario named "${values.name}"`,
          "conflict",
        ),
      );
    }
  }
  return errors;
}
