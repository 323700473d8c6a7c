import { z } from "zod";
import { listQuery } from "@/lib/http/pagination";

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * Any JSON value (the body was parsed from JSON), but present: `null` counts, a missing key does not.
 * (`z.unknown()` rather than `z.custom()` so the OpenAPI document can still describe it.)
 */
const jsonValue = z
  .unknown()
  .refine((value) => value !== undefined, { error: "Required: any JSON value" });

export const scorerSpecInput = z.strictObject({
  type: text(64),
  name: text(200).optional(),
  threshold: z.number().min(0).max(1).default(1),
  applies_to: z.enum(["final", "each_turn"]).default("final"),
  config: z.record(z.string(), z.unknown()).default({}),
});
export type ScorerSpecInput = z.infer<typeof scorerSpecInput>;

export const simulationInput = z.strictObject({
  persona: text(10_000),
  mission: text(10_000),
  max_turns: z.number().int().min(1).max(50),
  first_message: z.string().max(10_000).optional(),
  stop_when: z.string().max(10_000).optional(),
  simulator: z.strictObject({
    base_url: z
      .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
      .max(2048),
    model: text(200),
    api_key_secret: z.string().regex(SECRET_NAME, "must be a secret name").optional(),
  }),
  judge_criteria: z.array(text(2000)).min(1).max(50),
});

// Without defaults: PATCH bodies are partial versions of these, and must not reset fields.
const fields = {
  name: text(200),
  description: z.string().max(5000).nullable(),
  tags: z.array(text(100)).max(50),
  input: jsonValue,
  turns: z.array(z.string().min(1).max(100_000)).min(1).max(100).nullable(),
  simulation: simulationInput.nullable(),
  expected_output: jsonValue,
  // At least one scorer, unless a simulation's judge_criteria judge it (checked across fields).
  scorers: z.array(scorerSpecInput).max(50),
};

export const createScenarioInput = z
  .strictObject({
    ...fields,
    description: fields.description.optional(),
    tags: fields.tags.default([]),
    turns: fields.turns.optional(),
    simulation: fields.simulation.optional(),
    expected_output: fields.expected_output.optional(),
    scorers: fields.scorers.default([]),
  })
  .refine((v) => !Array.isArray(v.scorers) || v.scorers.length > 0 || v.simulation != null, {
    path: ["scorers"],
    message: "add at least one scorer (or a simulation, whose judge_criteria judge it)",
    // Report it alongside other bad fields, not only once they are fixed.
    when: ({ value }) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
      const scorers = (value as { scorers?: unknown }).scorers;
      return scorers === undefined || Array.isArray(scorers);
    },
  });
export type CreateScenarioInput = z.infer<typeof createScenarioInput>;

export const updateScenarioInput = z.strictObject(fields).partial();
export type UpdateScenarioInput = z.infer<typeof updateScenarioInput>;

export const listScenariosQuery = listQuery.extend({
  tag: z.string().max(100).optional(),
  suite_id: z.string().max(100).optional(),
  q: z.string().max(200).optional(),
  include_archived: z.enum(["true", "false"]).optional(),
});
export type ListScenariosQuery = z.infer<typeof listScenariosQuery>;
