import type { z } from "zod";
import { codeAdapter, type CodeTargetConfig } from "./code";
import { httpAdapter, type HttpTargetConfig } from "./http";
import { promptAdapter, type PromptTargetConfig } from "./prompt";
import {
  TargetError,
  type TargetAdapter,
  type TargetCall,
  type TargetDefinition,
  type TargetResponse,
  type TargetType,
} from "./types";
import { workflowAdapter, type WorkflowTargetConfig } from "./workflow";

export { TargetError } from "./types";
export type {
  TargetAdapter,
  TargetCall,
  TargetDefinition,
  TargetErrorCode,
  TargetResponse,
  TargetType,
} from "./types";
export { MAX_RESPONSE_BYTES } from "./http-client";
export { renderString, renderTemplate } from "./template";

export type TargetConfigByType = {
  http: HttpTargetConfig;
  prompt: PromptTargetConfig;
  code: CodeTargetConfig;
  workflow: WorkflowTargetConfig;
};

export const adapters: { readonly [T in TargetType]: TargetAdapter<TargetConfigByType[T]> } = {
  http: httpAdapter,
  prompt: promptAdapter,
  code: codeAdapter,
  workflow: workflowAdapter,
};

export const TARGET_TYPES = Object.keys(adapters) as TargetType[];

export function isTargetType(type: unknown): type is TargetType {
  return typeof type === "string" && Object.hasOwn(adapters, type);
}

/** A bad field in a target's config, shaped like the API's `errors[]` entries. */
export type TargetConfigIssue = { field: string; code: string; message: string };

function issuesOf(error: z.ZodError, prefix: string): TargetConfigIssue[] {
  const out: TargetConfigIssue[] = [];
  for (const issue of error.issues) {
    const field = [prefix, ...issue.path.map(String)].join(".");
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({
          field: `${field}.${key}`,
          code: "unknown_field",
          message: `Unknown field "${key}"`,
        });
      }
    } else {
      out.push({ field, code: issue.code, message: issue.message });
    }
  }
  return out;
}

/** Check a target's config at write time; `[]` when valid. Fields read like `config.url`. */
export function validateTargetConfig(type: string, config: unknown): TargetConfigIssue[] {
  if (!isTargetType(type)) {
    return [
      {
        field: "type",
        code: "invalid_value",
        message: `must be one of ${TARGET_TYPES.join(", ")}`,
      },
    ];
  }
  const parsed = adapters[type].configSchema.safeParse(config);
  return parsed.success ? [] : issuesOf(parsed.error, "config");
}

/** Parse a stored config into the adapter's shape (defaults applied) once per target object. */
export function parseTargetConfig<T extends TargetType>(
  type: T,
  config: unknown,
): TargetConfigByType[T] {
  const parsed = (adapters[type] as TargetAdapter<TargetConfigByType[T]>).configSchema.safeParse(
    config,
  );
  if (parsed.success) return parsed.data;
  const first = issuesOf(parsed.error, "config")[0];
  throw new TargetError(
    "config_error",
    `invalid ${type} target config: ${first ? `${first.field}: ${first.message}` : "invalid"}`,
  );
}

const parsedTargets = new WeakMap<TargetDefinition, TargetDefinition<unknown>>();

function prepared(target: TargetDefinition): TargetDefinition<unknown> {
  let ready = parsedTargets.get(target);
  if (!ready) {
    if (!isTargetType(target.type)) {
      throw new TargetError("config_error", `unknown target type "${String(target.type)}"`);
    }
    ready = { ...target, config: parseTargetConfig(target.type, target.config) };
    parsedTargets.set(target, ready);
  }
  return ready;
}

/**
 * One attempt at calling a target. Rejects with a TargetError (the engine retries those with
 * `transient` set, honouring `opts.retryAfterMs`), or with `call.signal.reason` once aborted.
 */
export async function callTarget(
  target: TargetDefinition,
  call: TargetCall,
): Promise<TargetResponse> {
  const ready = prepared(target);
  const adapter = adapters[ready.type] as TargetAdapter<unknown>;
  return adapter.call(ready, call);
}
