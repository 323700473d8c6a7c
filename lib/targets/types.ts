import type { z } from "zod";
import type { ChatMessage, Usage } from "@/lib/scorers/types";

export type TargetType = "http" | "prompt" | "code" | "workflow";

/** A target row as the engine hands it to an adapter. */
export type TargetDefinition<C = Record<string, unknown>> = {
  id: string;
  name: string;
  type: TargetType;
  config: C;
  timeoutMs: number; // per call
  retries: number; // engine-level retries of transient errors
};

export type TargetCall = {
  /** The scenario input, or in a multi-turn scenario the current user turn. */
  input: unknown;
  /** The conversation so far, ending with the current user message. */
  messages: ChatMessage[];
  /** Decrypted secrets by name for `{{secrets.NAME}}`. Never put them in an output or error. */
  secrets: Record<string, string>;
  signal: AbortSignal;
  /** For workflow targets: load another target of the same project by id. */
  resolveTarget?: (id: string) => Promise<TargetDefinition | null>;
};

export type TargetResponse = {
  /** The extracted output (after output_path): a string, or a JSON value. */
  output: unknown;
  latencyMs: number;
  usage?: Usage;
  toolCalls?: { name: string; arguments: unknown }[];
};

export type TargetErrorCode =
  | "timeout"
  | "connection_error"
  | "http_5xx"
  | "http_4xx"
  | "rate_limited"
  | "invalid_output"
  | "response_too_large"
  | "sandbox_error"
  | "config_error"
  | "missing_secret";

/** A failed call. `transient` errors are retried by the engine up to the target's `retries`. */
export class TargetError extends Error {
  constructor(
    readonly code: TargetErrorCode,
    message: string,
    readonly opts: { transient?: boolean; retryAfterMs?: number; status?: number } = {},
  ) {
    super(message);
    this.name = "TargetError";
  }
  get transient(): boolean {
    return this.opts.transient ?? false;
  }
}

export interface TargetAdapter<C = Record<string, unknown>> {
  type: TargetType;
  configSchema: z.ZodType<C>;
  call(target: TargetDefinition<C>, call: TargetCall): Promise<TargetResponse>;
}
