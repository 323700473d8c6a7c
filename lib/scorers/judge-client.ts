import type { Usage } from "./types";

/** Timing of judge calls. Module state so tests can shorten it; production keeps the defaults. */
export const judgeSettings = {
  /** Per HTTP call, including reading the body. */
  timeoutMs: 60_000,
  /** Retries after the first attempt, for 429, 5xx, connection errors and unusable replies. */
  maxRetries: 2,
  /** First backoff delay; doubles on each retry. */
  backoffMs: 500,
  /** A provider's Retry-After is honoured up to this long. */
  retryAfterCapMs: 10_000,
};

const MAX_BODY_CHARS = 1_000_000;

export type JudgeRequest = {
  baseUrl: string;
  apiKey: string;
  body: Record<string, unknown>;
  signal: AbortSignal;
  /** Who is called, for error details ("the judge", "the simulator"). */
  label?: string;
  /** Retries of unusable replies (malformed, refused); at most `maxRetries`. Default: `maxRetries`. */
  invalidRetries?: number;
};

export type JudgeOutcome<T> =
  | { ok: true; value: T; content: string; usage?: Usage }
  | {
      ok: false;
      kind: "unavailable" | "invalid";
      detail: string;
      rawResponse?: string;
      usage?: Usage;
    };

type Attempt =
  | { kind: "reply"; content: string; usage?: Usage }
  | { kind: "invalid"; detail: string; rawResponse: string; usage?: Usage }
  | { kind: "unavailable"; detail: string; retryable: boolean; retryAfterMs?: number };

/**
 * POST an OpenAI-compatible chat completion and hand the reply to `accept`, retrying what a
 * retry can fix. Error details name statuses and causes only: never the key or a response body.
 */
export async function requestJudgement<T>(
  request: JudgeRequest,
  accept: (content: string) => T | null,
): Promise<JudgeOutcome<T>> {
  let usage: Usage | undefined;
  let last: Exclude<Attempt, { kind: "reply" }> | undefined;
  let invalidReplies = 0;
  const invalidRetries = request.invalidRetries ?? judgeSettings.maxRetries;
  for (let attempt = 0; attempt <= judgeSettings.maxRetries; attempt++) {
    if (attempt > 0) {
      const backoff = judgeSettings.backoffMs * 2 ** (attempt - 1);
      const retryAfter = last?.kind === "unavailable" ? last.retryAfterMs : undefined;
      await sleep(retryAfter ?? backoff, request.signal);
    }
    if (request.signal.aborted)
      return { ok: false, kind: "unavailable", detail: "the run was cancelled", usage };

    const result = await attemptOnce(request);
    if (result.kind !== "unavailable" && result.usage) usage = addUsage(usage, result.usage);
    if (result.kind === "reply") {
      const value = accept(result.content);
      if (value !== null) return { ok: true, value, content: result.content, usage };
      last = {
        kind: "invalid",
        detail: "the reply is not the requested JSON",
        rawResponse: result.content,
      };
      if (++invalidReplies > invalidRetries) break;
      continue;
    }
    last = result;
    if (result.kind === "unavailable" && !result.retryable) break;
    if (result.kind === "invalid" && ++invalidReplies > invalidRetries) break;
  }
  if (last?.kind === "invalid") {
    return {
      ok: false,
      kind: "invalid",
      detail: last.detail,
      rawResponse: last.rawResponse,
      usage,
    };
  }
  return { ok: false, kind: "unavailable", detail: last?.detail ?? "no attempt was made", usage };
}

async function attemptOnce(request: JudgeRequest): Promise<Attempt> {
  const label = request.label ?? "the judge";
  const url = `${request.baseUrl.replace(/\/+$/, "")}/chat/completions`;
  const timeout = AbortSignal.timeout(judgeSettings.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  let status: number;
  let text: string;
  let retryAfterHeader: string | null;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json",
        authorization: `Bearer ${request.apiKey}`,
      },
      body: JSON.stringify(request.body),
      signal,
      redirect: "error",
    });
    status = response.status;
    retryAfterHeader = response.headers.get("retry-after");
    text = await response.text();
  } catch {
    if (request.signal.aborted)
      return { kind: "unavailable", detail: "the run was cancelled", retryable: false };
    if (timeout.aborted) {
      return {
        kind: "unavailable",
        detail: `no reply within ${judgeSettings.timeoutMs} ms`,
        retryable: true,
      };
    }
    return { kind: "unavailable", detail: `could not connect to ${label}`, retryable: true };
  }

  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfterHeader);
    return {
      kind: "unavailable",
      detail: `${label} is rate limited (HTTP 429)`,
      retryable: true,
      retryAfterMs,
    };
  }
  if (status >= 500)
    return { kind: "unavailable", detail: `${label} failed (HTTP ${status})`, retryable: true };
  if (status < 200 || status >= 300) {
    return {
      kind: "unavailable",
      detail: `${label} refused the request (HTTP ${status})`,
      retryable: false,
    };
  }
  return readCompletion(text.slice(0, MAX_BODY_CHARS));
}

function readCompletion(text: string): Attempt {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: "invalid", detail: "the reply is not JSON", rawResponse: text };
  }
  const root = body as {
    choices?: { message?: { content?: unknown } }[];
    usage?: Record<string, unknown>;
  };
  const usage = readUsage(root.usage);
  const content = Array.isArray(root.choices) ? root.choices[0]?.message?.content : undefined;
  if (typeof content !== "string") {
    return {
      kind: "invalid",
      detail: "the reply has no message content",
      rawResponse: text,
      usage,
    };
  }
  return { kind: "reply", content, usage };
}

function readUsage(raw: Record<string, unknown> | undefined): Usage | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const promptTokens = Number(raw.prompt_tokens ?? 0);
  const completionTokens = Number(raw.completion_tokens ?? 0);
  if (!Number.isFinite(promptTokens) || !Number.isFinite(completionTokens)) return undefined;
  return { promptTokens, completionTokens };
}

function addUsage(total: Usage | undefined, more: Usage): Usage {
  return {
    promptTokens: (total?.promptTokens ?? 0) + more.promptTokens,
    completionTokens: (total?.completionTokens ?? 0) + more.completionTokens,
  };
}

/** Retry-After in seconds or as an HTTP date, capped. */
export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, ms), judgeSettings.retryAfterCapMs);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}
