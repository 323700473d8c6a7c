import { z } from "zod";
import type { ChatMessage, Usage } from "@/lib/scorers/types";
import { sendHttp } from "./http-client";
import { isHttpUrlTemplate } from "./http";
import { extractToolCalls } from "./output";
import { compileCached, render, secretValue, textOf } from "./template";
import { TargetError, type TargetAdapter, type TargetCall, type TargetDefinition } from "./types";

const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const cost = z.number().min(0).max(1000);
// Prompts end up in transcripts and provider logs, so they may not reference secrets.
const noSecrets = (text: string) => !/\{\{\s*secrets\./.test(text);
const NO_SECRETS = "cannot reference secrets: prompts are stored in transcripts";

export const promptConfigSchema = z
  .object({
    base_url: z
      .string()
      .min(1)
      .max(2048)
      .refine((url) => !url.includes("{{") && isHttpUrlTemplate(url), "must be an http(s) URL"),
    model: z.string().min(1).max(200),
    system_prompt: z.string().max(100_000).refine(noSecrets, NO_SECRETS).optional(),
    user_template: z
      .string()
      .min(1)
      .max(100_000)
      .refine(noSecrets, NO_SECRETS)
      .default("{{input}}"),
    temperature: z.number().min(0).max(2).optional(),
    api_key_secret: z.string().regex(SECRET_NAME, "not a valid secret name").optional(),
    input_cost_per_1k: cost.optional(),
    output_cost_per_1k: cost.optional(),
  })
  .strict();

export type PromptTargetConfig = z.infer<typeof promptConfigSchema>;

/** `${base_url}/chat/completions`; a base URL that already names the endpoint is used as is. */
export function chatCompletionsUrl(baseUrl: string): string {
  const trimmed = baseUrl.replace(/\/+$/, "");
  return trimmed.endsWith("/chat/completions") ? trimmed : `${trimmed}/chat/completions`;
}

/** System prompt, the conversation before the current turn, then the rendered user message. */
export function buildMessages(config: PromptTargetConfig, call: TargetCall): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (config.system_prompt) messages.push({ role: "system", content: config.system_prompt });
  for (let i = 0; i < call.messages.length - 1; i++) messages.push(call.messages[i]);
  const user = render(compileCached(config.user_template), {
    input: call.input,
    messages: call.messages,
    secrets: {}, // a user message must not carry secrets to the provider's logs
  });
  messages.push({ role: "user", content: textOf(user) });
  return messages;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function tokenCount(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : 0;
}

/** Tokens from an OpenAI `usage` block and their cost at the configured per-1k prices. */
export function usageOf(config: PromptTargetConfig, usage: unknown): Usage | undefined {
  if (!isRecord(usage)) return undefined;
  const promptTokens = tokenCount(usage.prompt_tokens);
  const completionTokens = tokenCount(usage.completion_tokens);
  const priced = config.input_cost_per_1k !== undefined || config.output_cost_per_1k !== undefined;
  if (!priced) return { promptTokens, completionTokens };
  const costUsd =
    (promptTokens / 1000) * (config.input_cost_per_1k ?? 0) +
    (completionTokens / 1000) * (config.output_cost_per_1k ?? 0);
  return { promptTokens, completionTokens, costUsd: Math.round(costUsd * 1e10) / 1e10 };
}

export const promptAdapter: TargetAdapter<PromptTargetConfig> = {
  type: "prompt",
  configSchema: promptConfigSchema,
  async call(target: TargetDefinition<PromptTargetConfig>, call: TargetCall) {
    const config = target.config;
    const headers: Record<string, string> = { "content-type": "application/json" };
    const secretValues: string[] = [];
    if (config.api_key_secret) {
      const key = secretValue(call.secrets, config.api_key_secret);
      headers.authorization = `Bearer ${key}`;
      secretValues.push(key);
    }
    const body = JSON.stringify({
      model: config.model,
      messages: buildMessages(config, call),
      ...(config.temperature !== undefined ? { temperature: config.temperature } : {}),
    });
    const started = performance.now();
    const reply = await sendHttp({
      url: chatCompletionsUrl(config.base_url),
      method: "POST",
      headers,
      body,
      timeoutMs: target.timeoutMs,
      signal: call.signal,
      secretValues,
    });
    const latencyMs = Math.round(performance.now() - started);
    let parsed: unknown;
    try {
      parsed = JSON.parse(reply.text);
    } catch {
      throw new TargetError("invalid_output", "the provider's response is not JSON");
    }
    const choice = isRecord(parsed) && Array.isArray(parsed.choices) ? parsed.choices[0] : null;
    const message = isRecord(choice) ? choice.message : null;
    if (!isRecord(message)) {
      throw new TargetError("invalid_output", "the provider's response has no choices[0].message");
    }
    const toolCalls = extractToolCalls({ tool_calls: message.tool_calls });
    const usage = usageOf(config, isRecord(parsed) ? parsed.usage : undefined);
    return {
      output: typeof message.content === "string" ? message.content : textOf(message.content),
      latencyMs,
      ...(usage ? { usage } : {}),
      ...(toolCalls ? { toolCalls } : {}),
    };
  },
};
