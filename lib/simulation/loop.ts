import type { RE2JS } from "re2js";
import type { SimulationSpec, TranscriptEntry } from "@/db/schema";
import type { ChatMessage, Usage } from "@/lib/scorers/types";
import type { TargetResponse } from "@/lib/targets/types";
import { addUsage, priced, type Prices } from "./provider";
import { askSimulator } from "./simulator";

/** Why a conversation that ran to its end stopped. Failures are `simulator_error` / `target_error`. */
export type EndReason = "simulator_done" | "stop_when" | "max_turns";

export type SimulationErrorCode = "simulator_invalid_response" | "simulator_unavailable";

/** The simulator could not write the next turn: the run ends `error` (the agent was not judged). */
export class SimulationError extends Error {
  constructor(
    readonly code: SimulationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "SimulationError";
  }
}

/** One agent reply, with how much of the transcript existed once it was given. */
export type SimulatedReply = {
  output: unknown;
  latencyMs: number;
  toolCalls?: TargetResponse["toolCalls"];
  transcriptLength: number;
};

export type SimulationRun = {
  spec: SimulationSpec;
  simulator: { baseUrl: string; model: string; apiKey: string; prices?: Prices };
  stopWhen: RE2JS | null;
  /** Filled in place, so a failure part-way keeps what was said. */
  transcript: TranscriptEntry[];
  /** The simulator's tokens (and cost when priced), accumulated in place. */
  usage: Usage;
  signal: AbortSignal;
  /** Calls the target with the current user turn (retries and throttling applied by the caller). */
  callAgent: (input: string, messages: ChatMessage[]) => Promise<TargetResponse>;
};

const textOf = (value: unknown): string =>
  typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);

const tokensOf = (usage?: Usage) =>
  usage ? { prompt: usage.promptTokens, completion: usage.completionTokens } : undefined;

/**
 * A simulated user talks to the agent until the simulator says it is done, the agent's reply
 * matches `stop_when`, or `max_turns` agent replies have been given. Target errors propagate;
 * a simulator that cannot produce a turn throws SimulationError.
 */
export async function runSimulation(
  run: SimulationRun,
): Promise<{ endReason: EndReason; replies: SimulatedReply[] }> {
  const { spec, transcript } = run;
  const replies: SimulatedReply[] = [];
  for (let turn = 0; ; turn++) {
    let message: string;
    if (turn === 0 && spec.first_message) {
      message = spec.first_message;
      transcript.push({ role: "user", content: message, speaker: "simulator", latency_ms: 0 });
    } else {
      const started = performance.now();
      const outcome = await askSimulator({
        spec,
        transcript,
        baseUrl: run.simulator.baseUrl,
        model: run.simulator.model,
        apiKey: run.simulator.apiKey,
        signal: run.signal,
      });
      const usage = outcome.usage ? priced(outcome.usage, run.simulator.prices) : undefined;
      addUsage(run.usage, usage);
      if (run.signal.aborted) throw run.signal.reason;
      if (!outcome.ok) {
        throw outcome.kind === "invalid"
          ? new SimulationError(
              "simulator_invalid_response",
              `The simulator's reply could not be used (malformed or a refusal, after a retry): ${outcome.detail}.`,
            )
          : new SimulationError(
              "simulator_unavailable",
              `The simulator could not be reached: ${outcome.detail}.`,
            );
      }
      message = outcome.value.message;
      const tokens = tokensOf(usage);
      if (message || !outcome.value.done) {
        transcript.push({
          role: "user",
          content: message,
          speaker: "simulator",
          latency_ms: Math.round(performance.now() - started),
          ...(tokens ? { tokens } : {}),
        });
      }
      if (outcome.value.done) return { endReason: "simulator_done", replies };
    }

    const res = await run.callAgent(message, toMessages(transcript));
    const reply = textOf(res.output);
    const tokens = tokensOf(res.usage);
    transcript.push({
      role: "assistant",
      content: reply,
      speaker: "target",
      latency_ms: res.latencyMs,
      ...(tokens ? { tokens } : {}),
    });
    replies.push({
      output: res.output,
      latencyMs: res.latencyMs,
      toolCalls: res.toolCalls,
      transcriptLength: transcript.length,
    });
    if (run.stopWhen?.test(reply)) return { endReason: "stop_when", replies };
    if (replies.length >= spec.max_turns) return { endReason: "max_turns", replies };
  }
}

export function toMessages(transcript: TranscriptEntry[]): ChatMessage[] {
  return transcript.map((t) => ({ role: t.role, content: t.content }));
}
