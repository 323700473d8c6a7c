import type { FieldError } from "@/lib/errors";
import { validateScorerConfig, type ConfigProblem } from "@/lib/scorers";
import { compileRe2 } from "@/lib/scorers/regex";
import type { ScorerSpec } from "@/lib/scorers/types";

// Scorers whose `expected` falls back to the scenario's expected_output.
const EXPECTS_OUTPUT = new Set(["exact_match", "similarity"]);

/**
 * Rules across fields, checked on the scenario as it will be stored: each scorer's config, turns
 * xor simulation, and an expected value for scorers that compare against one.
 */
export function scenarioErrors(
  next: { scorers: ScorerSpec[]; turns: unknown; simulation: unknown; expectedOutput: unknown },
  changed: { turns: boolean },
  // Bulk import passes a cached checker (the same regex on 10,000 rows is compiled once).
  checkScorer: (spec: ScorerSpec) => ConfigProblem[] = validateScorerConfig,
): FieldError[] {
  const errors: FieldError[] = [];
  if (next.turns != null && next.simulation != null) {
    const field = changed.turns ? "turns" : "simulation";
    errors.push({ field, code: "conflict", message: "turns and simulation cannot both be set" });
  }
  const simulation = next.simulation as { stop_when?: string } | null;
  if (next.scorers.length === 0 && simulation == null) {
    errors.push({
      field: "scorers",
      code: "too_small",
      message: "add at least one scorer (or a simulation, whose judge_criteria judge it)",
    });
  }
  if (simulation?.stop_when) {
    try {
      compileRe2(simulation.stop_when);
    } catch (error) {
      errors.push({
        field: "simulation.stop_when",
        code: "invalid_regex",
        message: `not a valid RE2 pattern: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }
  next.scorers.forEach((spec, i) => {
    for (const problem of checkScorer(spec)) {
      const field = problem.field.startsWith("scorers.")
        ? problem.field
        : `scorers.${i}.${problem.field}`;
      errors.push({ field, code: "invalid_config", message: problem.message });
    }
    if (
      EXPECTS_OUTPUT.has(spec.type) &&
      spec.config.expected === undefined &&
      next.expectedOutput == null
    ) {
      errors.push({
        field: `scorers.${i}.config.expected`,
        code: "required",
        message: `${spec.type} needs config.expected or the scenario's expected_output`,
      });
    }
  });
  return errors;
}
