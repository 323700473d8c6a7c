import { z } from "zod";
import type { Scorer } from "./types";

const configSchema = z.object({ max_ms: z.number().positive() }).strict();

export type LatencyConfig = z.output<typeof configSchema>;

/** The target answered within `max_ms`. */
export const latencyScorer: Scorer<LatencyConfig> = {
  type: "latency",
  configSchema,
  async score(config, ctx) {
    const within = ctx.latencyMs <= config.max_ms;
    const latency = Math.round(ctx.latencyMs);
    return {
      score: within ? 1 : 0,
      reason: within
        ? `Answered in ${latency} ms, within the ${config.max_ms} ms limit.`
        : `Took ${latency} ms, over the ${config.max_ms} ms limit.`,
      scorerOutput: { max_ms: config.max_ms, latency_ms: ctx.latencyMs },
    };
  },
};
