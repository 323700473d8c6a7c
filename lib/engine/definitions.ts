import type { Sql } from "@/db/client";
import { runOverrideOf, type RunOverride } from "@/lib/simulation/provider";
import type { TargetDefinition, TargetType } from "@/lib/targets/types";
import type { CaseScenario } from "./run-case";

type TargetRow = {
  id: string;
  project_id: string;
  name: string;
  type: TargetType;
  config: Record<string, unknown>;
  timeout_ms: number;
  retries: number;
  max_concurrency: number | null;
  rate_limit_per_s: number | null;
};
export type EngineTarget = TargetDefinition & {
  maxConcurrency: number | null;
  rateLimitPerS: number | null;
  /** The suite run's `config_override.simulator` / `.judge`, for simulated cases and judges. */
  runOverride?: RunOverride;
};

export async function loadScenarios(
  sql: Sql,
  projectId: string,
  ids: string[],
): Promise<Map<string, CaseScenario>> {
  const rows = await sql<
    {
      id: string;
      input: unknown;
      turns: string[] | null;
      simulation: CaseScenario["simulation"];
      expected_output: unknown;
      scorers: CaseScenario["scorers"];
    }[]
  >`
    select id, input, turns, simulation, expected_output, scorers from scenarios where project_id = ${projectId} and id = any(${ids}::text[])`;
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        input: r.input,
        turns: r.turns,
        simulation: r.simulation,
        expectedOutput: r.expected_output,
        scorers: r.scorers,
      },
    ]),
  );
}

export async function loadTargets(
  sql: Sql,
  projectId: string,
  ids: string[],
): Promise<Map<string, EngineTarget>> {
  const rows = await sql<TargetRow[]>`
    select id, project_id, name, type, config, timeout_ms, retries, max_concurrency, rate_limit_per_s
    from targets where project_id = ${projectId} and id = any(${ids}::text[])`;
  return new Map(rows.map((r) => [r.id, toTarget(r)]));
}

function toTarget(r: TargetRow): EngineTarget {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    config: r.config,
    timeoutMs: r.timeout_ms,
    retries: r.retries,
    maxConcurrency: r.max_concurrency,
    rateLimitPerS: r.rate_limit_per_s,
  };
}

/**
 * `config_override.target_config` is merged over each target's config for one suite run;
 * `config_override.simulator` / `.judge` ride along on the target for the case to apply.
 */
export function applyOverride(
  target: EngineTarget,
  override: Record<string, unknown>,
): EngineTarget {
  const patch = override.target_config;
  const timeout = override.timeout_ms;
  const runOverride = runOverrideOf(override);
  if (!patch && typeof timeout !== "number" && !runOverride) return target;
  return {
    ...target,
    ...(runOverride ? { runOverride } : {}),
    config:
      patch && typeof patch === "object"
        ? { ...target.config, ...(patch as Record<string, unknown>) }
        : target.config,
    timeoutMs: typeof timeout === "number" ? timeout : target.timeoutMs,
  };
}
