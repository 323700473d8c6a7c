import { z } from "zod";
import { runInSandbox } from "@/lib/sandbox";
import { TargetError, type TargetAdapter, type TargetCall, type TargetDefinition } from "./types";

export const codeConfigSchema = z
  .object({
    source: z
      .string()
      .min(1)
      .max(200_000)
      .refine(
        (source) => /\bexport\s+default\b/.test(source),
        "must have an `export default` function",
      ),
    memory_mb: z.number().int().min(8).max(512).default(64),
  })
  .strict();

export type CodeTargetConfig = z.infer<typeof codeConfigSchema>;

/** Runs the default export `(input, ctx)` in the sandbox; ctx carries messages, never secrets. */
export const codeAdapter: TargetAdapter<CodeTargetConfig> = {
  type: "code",
  configSchema: codeConfigSchema,
  async call(target: TargetDefinition<CodeTargetConfig>, call: TargetCall) {
    if (call.signal.aborted) throw call.signal.reason;
    const started = performance.now();
    const result = await runInSandbox({
      source: target.config.source,
      args: [call.input ?? null, { messages: call.messages }],
      timeoutMs: target.timeoutMs,
      memoryMb: target.config.memory_mb,
    });
    const latencyMs = Math.round(performance.now() - started);
    if (result.ok) return { output: result.value, latencyMs };
    const { code, message } = result.error;
    if (code === "timeout") {
      // Deterministic: the same code on the same input would time out again, so no retry.
      throw new TargetError("timeout", `code did not finish within ${target.timeoutMs} ms`);
    }
    throw new TargetError("sandbox_error", `${code}: ${message}`);
  },
};
