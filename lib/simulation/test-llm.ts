import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** Who a request to the fake provider is for, read from its system prompt. */
export type LlmRole = "simulator" | "judge" | "generator" | "other";

export type LlmRequest = {
  role: LlmRole;
  model: string;
  system: string;
  messages: { role: string; content: string }[];
  /** For the simulator: how many agent replies it has seen so far. */
  agentReplies: number;
  /** For the judge: the numbered criteria it was asked about. */
  criteria: string[];
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
};

/** What the fake provider does with one request. */
export type LlmAction =
  | {
      content: string | null;
      refusal?: string;
      usage?: { prompt_tokens: number; completion_tokens: number };
    }
  | { status: number; headers?: Record<string, string>; body?: string }
  | { hang: true };

export type LlmHandler = (request: LlmRequest, index: number) => LlmAction | undefined;

export type TestLlm = {
  baseUrl: string;
  calls: LlmRequest[];
  callsFor: (role: LlmRole) => LlmRequest[];
  /** Replace the behaviour; `undefined` from a handler falls back to the defaults. */
  handle: (handler: LlmHandler | null) => void;
  close: () => Promise<void>;
};

export const SIM_USAGE = { prompt_tokens: 100, completion_tokens: 10 };
export const JUDGE_USAGE = { prompt_tokens: 300, completion_tokens: 50 };
export const OTHER_USAGE = { prompt_tokens: 40, completion_tokens: 20 };

function roleOf(system: string): LlmRole {
  if (system.startsWith("You are role-playing a user")) return "simulator";
  if (system.startsWith("You are an impartial evaluator")) return "judge";
  if (system.startsWith("You design test scenarios")) return "generator";
  return "other";
}

/** Directives a test writes into a persona, e.g. `[done_after=2]`, `[closing=Thanks!]`. */
export function directive(text: string, name: string): string | undefined {
  return new RegExp(`\\[${name}=([^\\]]*)\\]`).exec(text)?.[1];
}

/**
 * Defaults: the simulator says "user turn N" and, with `[done_after=N]` in its prompt, ends
 * once the agent has replied N times (closing words from `[closing=...]`); the judge passes
 * every criterion unless it contains "[fail]"; anyone else gets "ok".
 */
export function defaultAction(request: LlmRequest): LlmAction {
  if (request.role === "simulator") {
    const doneAfter = Number(directive(request.system, "done_after") ?? Infinity);
    if (request.agentReplies >= doneAfter) {
      const closing = directive(request.system, "closing") ?? "";
      return { content: JSON.stringify({ message: closing, done: true }), usage: SIM_USAGE };
    }
    return {
      content: JSON.stringify({ message: `user turn ${request.agentReplies + 1}`, done: false }),
      usage: SIM_USAGE,
    };
  }
  if (request.role === "judge") {
    return {
      content: JSON.stringify({
        criteria: request.criteria.map((criterion) => ({
          criterion,
          passed: !criterion.includes("[fail]"),
          reasoning: `checked: ${criterion}`,
        })),
      }),
      usage: JUDGE_USAGE,
    };
  }
  return { content: "ok", usage: OTHER_USAGE };
}

function send(res: ServerResponse, action: LlmAction, model: string) {
  if ("hang" in action) return; // never answers: the client's timeout fires
  if ("status" in action) {
    res.writeHead(action.status, { "content-type": "application/json", ...action.headers });
    res.end(action.body ?? JSON.stringify({ error: { message: "fake provider error" } }));
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-test",
      object: "chat.completion",
      model,
      choices: [
        {
          index: 0,
          message: {
            role: "assistant",
            content: action.content,
            ...(action.refusal ? { refusal: action.refusal } : {}),
          },
          finish_reason: "stop",
        },
      ],
      usage: action.usage ?? { prompt_tokens: 0, completion_tokens: 0 },
    }),
  );
}

/** A local OpenAI-compatible chat-completions server that plays simulator and judge. */
export async function startTestLlm(): Promise<TestLlm> {
  const calls: LlmRequest[] = [];
  let handler: LlmHandler | null = null;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<
      string,
      unknown
    >;
    const messages = (Array.isArray(body.messages) ? body.messages : []) as LlmRequest["messages"];
    const system = messages.find((m) => m.role === "system")?.content ?? "";
    const role = roleOf(system);
    const lastUser = [...messages].reverse().find((m) => m.role === "user")?.content ?? "";
    const request: LlmRequest = {
      role,
      model: String(body.model ?? ""),
      system,
      messages,
      // The simulator sees the agent's replies as "user" messages (roles are swapped for it).
      agentReplies:
        role === "simulator"
          ? messages.filter((m) => m.role === "user" && !m.content.startsWith("(The conversation"))
              .length
          : 0,
      criteria:
        role === "judge"
          ? [...(lastUser.split("## Criteria\n")[1] ?? "").matchAll(/^\d+\. (.*)$/gm)].map(
              (m) => m[1],
            )
          : [],
      headers: req.headers,
      body,
    };
    calls.push(request);
    send(res, handler?.(request, calls.length - 1) ?? defaultAction(request), request.model);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    callsFor: (role) => calls.filter((c) => c.role === role),
    handle: (next) => {
      handler = next;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
