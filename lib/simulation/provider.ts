import { z } from "zod";
import type { SimulationSpec } from "@/db/schema";
import type { Usage } from "@/lib/scorers/types";

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const price = z.number().min(0).max(1000);

/**
 * `config_override.simulator` / `config_override.judge`: swap a provider's model, endpoint or key
 * for one suite run. Prices (USD per 1k tokens) let the run account for that role's cost.
 */
export const providerOverride = z.strictObject({
  base_url: z
    .url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })
    .max(2048)
    .optional(),
  model: z.string().trim().min(1).max(200).optional(),
  api_key_secret: z.string().regex(SECRET_NAME, "must be a secret name").optional(),
  input_cost_per_1k: price.optional(),
  output_cost_per_1k: price.optional(),
});
export type ProviderOverride = z.infer<typeof providerOverride>;

/** The simulator and judge overrides of one suite run, as the engine hands them to a case. */
export type RunOverride = { simulator?: ProviderOverride; judge?: ProviderOverride };

const runOverrideSchema = z.object({
  simulator: providerOverride.optional(),
  judge: providerOverride.optional(),
});
const parsedOverrides = new WeakMap<object, RunOverride | undefined>();

/**
 * The simulator/judge part of a suite run's stored `config_override`, parsed once per override
 * object (every run of a chunk shares it). Undefined when there is none.
 */
export function runOverrideOf(configOverride: Record<string, unknown>): RunOverride | undefined {
  if (!configOverride.simulator && !configOverride.judge) return undefined;
  if (parsedOverrides.has(configOverride)) return parsedOverrides.get(configOverride);
  const parsed = runOverrideSchema.safeParse(configOverride);
  const value = parsed.success ? parsed.data : undefined;
  parsedOverrides.set(configOverride, value);
  return value;
}

export type Prices = { inputPer1k: number; outputPer1k: number };

/** An OpenAI-compatible chat provider as a run uses it. */
export type Provider = {
  base_url: string;
  model: string;
  api_key_secret?: string;
  prices?: Prices;
};

function pricesOf(source: Record<string, unknown>): Prices | undefined {
  const input = typeof source.input_cost_per_1k === "number" ? source.input_cost_per_1k : undefined;
  const output =
    typeof source.output_cost_per_1k === "number" ? source.output_cost_per_1k : undefined;
  if (input === undefined && output === undefined) return undefined;
  return { inputPer1k: input ?? 0, outputPer1k: output ?? 0 };
}

const sameModel = (a: Provider, b: Provider) => a.base_url === b.base_url && a.model === b.model;

/** The scenario's simulator with the suite run's override applied. */
export function simulatorProvider(spec: SimulationSpec, override?: RunOverride): Provider {
  // Prices on the stored simulator are read when present (the scenario schema may allow them).
  const stored: SimulationSpec["simulator"] & Record<string, unknown> = spec.simulator;
  const patch = override?.simulator ?? {};
  return {
    base_url: patch.base_url ?? stored.base_url,
    model: patch.model ?? stored.model,
    api_key_secret: patch.api_key_secret ?? stored.api_key_secret,
    prices: pricesOf(patch) ?? pricesOf(stored),
  };
}

/**
 * A judge's provider with the run's judge override applied. Prices come from the override, or
 * from the simulator when the judge is the simulator's own model; otherwise tokens only.
 */
export function judgeProvider(
  base: Provider,
  override?: RunOverride,
  simulator?: Provider,
): Provider {
  const patch = override?.judge ?? {};
  const provider: Provider = {
    base_url: patch.base_url ?? base.base_url,
    model: patch.model ?? base.model,
    api_key_secret: patch.api_key_secret ?? base.api_key_secret,
  };
  const prices =
    pricesOf(patch) ?? (simulator && sameModel(provider, simulator) ? simulator.prices : undefined);
  return prices ? { ...provider, prices } : provider;
}

/** Usage with its cost at `prices`; unpriced usage keeps tokens only. */
export function priced(usage: Usage, prices?: Prices): Usage {
  if (!prices) return usage;
  const cost =
    (usage.promptTokens / 1000) * prices.inputPer1k +
    (usage.completionTokens / 1000) * prices.outputPer1k;
  return { ...usage, costUsd: Math.round(cost * 1e10) / 1e10 };
}

export function addUsage(total: Usage, add?: Usage): void {
  if (!add) return;
  total.promptTokens += add.promptTokens;
  total.completionTokens += add.completionTokens;
  if (add.costUsd !== undefined) total.costUsd = (total.costUsd ?? 0) + add.costUsd;
}

export const zeroUsage = (): Usage => ({ promptTokens: 0, completionTokens: 0 });
