import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { AppError } from "@/lib/errors";
import { validationError } from "@/lib/http/validation";
import { requestJudgement } from "@/lib/scorers/judge-client";
import { isRecord, parseJsonText } from "@/lib/scorers/shared";
import { loadSecrets } from "@/lib/secrets/service";
import type { GenerateScenariosInput } from "./schemas";

const DEFAULT_MAX_TURNS = 8;

export type ScenarioDraft = {
  name: string;
  description: string | null;
  input: null;
  simulation: {
    persona: string;
    mission: string;
    max_turns: number;
    simulator: { base_url: string; model: string; api_key_secret: string };
    judge_criteria: string[];
  };
  scorers: [];
};

function systemPrompt(count: number): string {
  return [
    "You design test scenarios for an AI agent. Each scenario is a simulated user: a persona (who they are, how they write, what they know) and a mission (what they want from the agent, concretely).",
    "Cover different intents, difficulty levels and temperaments, including at least one edge case or adversarial user when the count allows.",
    "For each scenario give 2 to 5 judge criteria: plain-language, checkable statements about how the agent must behave in the conversation.",
    `Reply with JSON only, exactly in this shape, with ${count} scenarios:`,
    '{"scenarios":[{"name":"<short title>","persona":"...","mission":"...","max_turns":<1-50>,"judge_criteria":["...","..."]}]}',
  ].join("\n");
}

const text = (value: unknown, max: number): string | null =>
  typeof value === "string" && value.trim() !== "" ? value.trim().slice(0, max) : null;

/** Drafts from the model's reply; null when there is none usable (the caller retries). */
export function parseDrafts(
  content: string,
  input: GenerateScenariosInput,
): ScenarioDraft[] | null {
  const parsed = parseJsonText(content);
  if (!parsed.ok) return null;
  const list = Array.isArray(parsed.value)
    ? parsed.value
    : isRecord(parsed.value)
      ? [parsed.value.scenarios, parsed.value.drafts].find(Array.isArray)
      : undefined;
  if (!list) return null;
  const drafts: ScenarioDraft[] = [];
  for (const raw of list) {
    if (!isRecord(raw) || drafts.length >= input.count) continue;
    const persona = text(raw.persona, 10_000);
    const mission = text(raw.mission, 10_000);
    const criteria = Array.isArray(raw.judge_criteria ?? raw.criteria)
      ? ((raw.judge_criteria ?? raw.criteria) as unknown[])
          .map((c) => text(c, 2000))
          .filter((c): c is string => c !== null)
          .slice(0, 50)
      : [];
    if (!persona || !mission || criteria.length === 0) continue;
    const turns = Number(raw.max_turns);
    drafts.push({
      name: text(raw.name, 200) ?? `Scenario ${drafts.length + 1}`,
      description: text(raw.description, 5000),
      input: null,
      simulation: {
        persona,
        mission,
        max_turns: Number.isInteger(turns) ? Math.min(50, Math.max(1, turns)) : DEFAULT_MAX_TURNS,
        simulator: { ...input.provider },
        judge_criteria: criteria,
      },
      scorers: [],
    });
  }
  return drafts.length > 0 ? drafts : null;
}

// POST /api/v1/scenarios/generate — drafts for review; nothing is saved until the user creates them.
export async function generateScenarioDrafts({
  ctx,
  input,
  signal,
}: {
  ctx: Ctx;
  input: GenerateScenariosInput;
  signal: AbortSignal;
}): Promise<{ drafts: ScenarioDraft[] }> {
  const secretName = input.provider.api_key_secret;
  const secrets = await loadSecrets(getDb(), ctx.projectId, [secretName]);
  const apiKey = secrets[secretName];
  if (!apiKey) {
    throw validationError([
      {
        field: "provider.api_key_secret",
        code: "missing_byok_key",
        message: `The project has no secret named ${JSON.stringify(secretName)}`,
      },
    ]);
  }
  const outcome = await requestJudgement(
    {
      baseUrl: input.provider.base_url,
      apiKey,
      signal,
      label: "the provider",
      body: {
        model: input.provider.model,
        temperature: 0.8,
        response_format: { type: "json_object" },
        messages: [
          { role: "system", content: systemPrompt(input.count) },
          { role: "user", content: `The agent under test:\n${input.description}` },
        ],
      },
    },
    (content) => parseDrafts(content, input),
  );
  if (!outcome.ok) {
    throw new AppError(
      "bad_request",
      outcome.kind === "invalid"
        ? `The provider's reply held no usable scenarios: ${outcome.detail}.`
        : `The provider could not be reached: ${outcome.detail}.`,
      { field: "provider" },
    );
  }
  return { drafts: outcome.value };
}
