import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/auth/types";
import { audit } from "@/lib/audit";
import { log } from "@/lib/log";
import { loadSecrets } from "@/lib/secrets/service";
import { callTarget, TargetError, type TargetDefinition } from "@/lib/targets";
import type { ChatMessage } from "@/lib/scorers/types";
import { isId } from "@/lib/ids";
import { findTarget, type TargetRow } from "./repo";
import type { TestTargetInput } from "./schemas";
import { loadTarget } from "./service";

export type TargetTestResult = {
  output: unknown;
  latency_ms: number;
  error: { code: string; message: string } | null;
  tokens: { prompt: number; completion: number; total: number } | null;
};

const DEFAULT_TEST_INPUT = "Hello";
// Adapters enforce the target's own timeout; this only stops a call that ignores it.
const GRACE_MS = 5_000;

const definition = (t: TargetRow): TargetDefinition => ({
  id: t.id,
  name: t.name,
  type: t.type,
  config: t.config,
  timeoutMs: t.timeoutMs,
  retries: t.retries,
});

/** Replace every secret value inside a JSON value (strings and keys) with `[secret]`. */
export function scrubSecrets(value: unknown, secretValues: readonly string[]): unknown {
  if (typeof value === "string") {
    let text = value;
    for (const secret of secretValues)
      if (text.includes(secret)) text = text.split(secret).join("[secret]");
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => scrubSecrets(v, secretValues));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        scrubSecrets(k, secretValues) as string,
        scrubSecrets(v, secretValues),
      ]),
    );
  }
  return value;
}

function sampleCall(input: TestTargetInput): { input: unknown; messages: ChatMessage[] } {
  const lastUser = input.messages?.findLast((m) => m.role === "user")?.content;
  const sample = input.input ?? lastUser ?? DEFAULT_TEST_INPUT;
  const messages = input.messages ?? [
    {
      role: "user" as const,
      content: typeof sample === "string" ? sample : JSON.stringify(sample),
    },
  ];
  return { input: sample, messages };
}

// POST /api/v1/targets/{id}/test — one call, no retries; a failed call is a result, not a 500
export async function testTarget({
  ctx,
  id,
  input,
  signal,
}: {
  ctx: Ctx;
  id: string;
  input: TestTargetInput;
  signal?: AbortSignal;
}): Promise<TargetTestResult> {
  const db = getDb();
  const target = await loadTarget(db, ctx.projectId, id);
  const secrets = await loadSecrets(db, ctx.projectId);
  // Longest first, so a secret that contains another is replaced whole.
  const secretValues = Object.values(secrets)
    .filter((v) => v.length > 0)
    .sort((a, b) => b.length - a.length);
  const resolveTarget = async (stepId: string) => {
    const step = isId("target", stepId)
      ? await findTarget(db, { projectId: ctx.projectId, id: stepId })
      : null;
    return step ? definition(step) : null;
  };
  const deadline = AbortSignal.timeout(target.timeoutMs + GRACE_MS);
  const started = performance.now();
  let result: TargetTestResult;
  try {
    const response = await callTarget(definition(target), {
      ...sampleCall(input),
      secrets,
      signal: signal ? AbortSignal.any([signal, deadline]) : deadline,
      resolveTarget,
    });
    result = {
      output: scrubSecrets(response.output ?? null, secretValues),
      latency_ms: response.latencyMs,
      error: null,
      tokens: response.usage
        ? {
            prompt: response.usage.promptTokens,
            completion: response.usage.completionTokens,
            total: response.usage.promptTokens + response.usage.completionTokens,
          }
        : null,
    };
  } catch (err) {
    const latencyMs = Math.round(performance.now() - started);
    result = {
      output: null,
      latency_ms: latencyMs,
      error: describeError(err, { deadline, caller: signal }, ctx, secretValues),
      tokens: null,
    };
  }
  await audit(ctx, "target.tested", "target", id, { ok: result.error === null });
  return result;
}

function describeError(
  err: unknown,
  { deadline, caller }: { deadline: AbortSignal; caller?: AbortSignal },
  ctx: Ctx,
  secretValues: readonly string[],
): { code: string; message: string } {
  if (err instanceof TargetError)
    return { code: err.code, message: scrubSecrets(err.message, secretValues) as string };
  if (deadline.aborted) return { code: "timeout", message: "The target did not answer in time" };
  if (caller?.aborted)
    return { code: "cancelled", message: "The request was closed before the call finished" };
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  log.error("target test failed unexpectedly", {
    requestId: ctx.requestId,
    error: scrubSecrets(detail, secretValues),
  });
  return { code: "internal", message: "The call failed unexpectedly" };
}
