import { z } from "zod";
import { parseJsonPath } from "@/lib/scorers/json-path";
import { sendHttp } from "./http-client";
import { DEFAULT_OUTPUT_PATH, extractHttpOutput } from "./output";
import {
  compileTemplate,
  render,
  secretNames,
  secretValue,
  textOf,
  type CompiledTemplate,
  type TemplateVars,
} from "./template";
import { TargetError, type TargetAdapter, type TargetCall, type TargetDefinition } from "./types";

export const DEFAULT_BODY_TEMPLATE = { input: "{{input}}", messages: "{{messages}}" };

// RFC 9110 token characters; undici rejects anything else at call time.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** An http(s) URL once its placeholders are filled in. */
export function isHttpUrlTemplate(url: string): boolean {
  try {
    const protocol = new URL(url.replace(/\{\{[^{}]*\}\}/g, "0")).protocol;
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function jsonPathProblem(path: string): string | null {
  try {
    parseJsonPath(path);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : "invalid JSONPath";
  }
}

export const httpConfigSchema = z
  .object({
    url: z
      .string()
      .min(1)
      .max(2048)
      .refine(isHttpUrlTemplate, "must be an http:// or https:// URL"),
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]).default("POST"),
    headers: z
      .record(
        z.string().regex(HEADER_NAME, "not a valid header name"),
        z
          .string()
          .max(8192)
          .regex(/^[^\r\n\0]*$/, "header values cannot contain line breaks"),
      )
      .optional(),
    body_template: z.json().optional(),
    output_path: z
      .string()
      .min(1)
      .max(500)
      .superRefine((path, ctx) => {
        const problem = jsonPathProblem(path);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .default(DEFAULT_OUTPUT_PATH),
  })
  .strict();

export type HttpTargetConfig = z.infer<typeof httpConfigSchema>;

const TEXT = "text/plain; charset=utf-8";
const JSON_TYPE = "application/json";

type CompiledHttp = {
  url: CompiledTemplate;
  /** Set when the URL has no placeholders: parsed once, reused for every call. */
  staticUrl: URL | null;
  headers: { name: string; value: CompiledTemplate }[];
  /** Set when no header depends on the call: one object shared by every call. */
  staticHeaders: Record<string, string> | null;
  body: CompiledTemplate | null;
  /** Content-Type we add when the user set none: a string body is text, anything else JSON. */
  autoContentType: typeof TEXT | typeof JSON_TYPE | "by_value" | null;
  secretNames: string[];
};

const compiledByConfig = new WeakMap<HttpTargetConfig, CompiledHttp>();

function compile(config: HttpTargetConfig): CompiledHttp {
  let compiled = compiledByConfig.get(config);
  if (compiled) return compiled;
  const url = compileTemplate(config.url);
  const body =
    config.method === "GET" ? null : compileTemplate(config.body_template ?? DEFAULT_BODY_TEMPLATE);
  const headers = Object.entries(config.headers ?? {}).map(([name, value]) => ({
    name,
    value: compileTemplate(value),
  }));
  let autoContentType: CompiledHttp["autoContentType"] = null;
  if (body && !headers.some((h) => h.name.toLowerCase() === "content-type")) {
    if (body.kind === "ref") autoContentType = "by_value";
    else if (
      body.kind === "string" ||
      (body.kind === "literal" && typeof body.value === "string")
    ) {
      autoContentType = TEXT;
    } else autoContentType = JSON_TYPE;
  }
  const names = new Set<string>();
  secretNames(url, names);
  if (body) secretNames(body, names);
  for (const h of headers) secretNames(h.value, names);
  compiled = {
    url,
    staticUrl: url.kind === "literal" ? parseUrl(config.url) : null,
    headers,
    staticHeaders: null,
    body,
    autoContentType,
    secretNames: [...names],
  };
  if (autoContentType !== "by_value" && headers.every((h) => h.value.kind === "literal")) {
    compiled.staticHeaders = buildHeaders(
      compiled,
      { input: null, messages: [], secrets: {} },
      false,
    );
  }
  compiledByConfig.set(config, compiled);
  return compiled;
}

function parseUrl(url: string): URL {
  try {
    return new URL(url);
  } catch {
    throw new TargetError("config_error", "config.url is not a valid URL");
  }
}

function buildHeaders(
  compiled: CompiledHttp,
  vars: TemplateVars,
  bodyIsText: boolean,
): Record<string, string> {
  if (compiled.staticHeaders) return compiled.staticHeaders;
  const out: Record<string, string> = {};
  for (const { name, value } of compiled.headers) out[name] = textOf(render(value, vars));
  const auto = compiled.autoContentType;
  if (auto) out["content-type"] = auto === "by_value" ? (bodyIsText ? TEXT : JSON_TYPE) : auto;
  return out;
}

export const httpAdapter: TargetAdapter<HttpTargetConfig> = {
  type: "http",
  configSchema: httpConfigSchema,
  async call(target: TargetDefinition<HttpTargetConfig>, call: TargetCall) {
    const config = target.config;
    const compiled = compile(config);
    const vars: TemplateVars = {
      input: call.input,
      messages: call.messages,
      secrets: call.secrets,
    };
    const secretValues = compiled.secretNames.map((name) => secretValue(call.secrets, name));
    const url = compiled.staticUrl ?? String(render(compiled.url, vars, encodeURIComponent));
    let body: string | null = null;
    let bodyIsText = false;
    if (compiled.body) {
      const rendered = render(compiled.body, vars);
      bodyIsText = typeof rendered === "string";
      body = bodyIsText ? (rendered as string) : JSON.stringify(rendered ?? null);
    }
    const started = performance.now();
    const reply = await sendHttp({
      url,
      method: config.method,
      headers: buildHeaders(compiled, vars, bodyIsText),
      body,
      timeoutMs: target.timeoutMs,
      signal: call.signal,
      secretValues,
    });
    const latencyMs = Math.round(performance.now() - started);
    const extracted = extractHttpOutput(reply.text, reply.contentType, config.output_path);
    return { ...extracted, latencyMs };
  },
};
